/**
 * Arbitration lifecycles (compliance.md §9): disputes (every step carries an evidence digest), evidence
 * packages, escrow with exact money, enforcement receipts. Pure; persistence is the caller's.
 */
export { DISPUTE_STATES, DISPUTE_TYPES, disputeNextStates, fileDispute, transitionDispute } from './dispute.js';
export type { DisputeState, DisputeType, Dispute, DisputeTransition } from './dispute.js';
export { parseEvidencePackage } from './evidence.js';
export type { EvidencePackage, EvidenceItem } from './evidence.js';
export { ESCROW_TYPES, ESCROW_STATUSES, RELEASE_CONDITIONS, parseMoney, formatMoney, openEscrow, applyEscrowEvent } from './escrow.js';
export type { Escrow, EscrowType, EscrowStatus, ReleaseCondition, EscrowEvent } from './escrow.js';
export { ENFORCEMENT_METHODS, makeEnforcementReceipt } from './enforcement.js';
export type { EnforcementMethod, EnforcementReceipt } from './enforcement.js';
