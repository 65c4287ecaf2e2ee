import { MsezError, assertNever, isSha256Hex } from '../core/index.js';

/** Dispute states (compliance.md §9). */
export const DISPUTE_STATES = ['FILED', 'UNDER_REVIEW', 'EVIDENCE_COLLECTION', 'HEARING', 'DECIDED', 'ENFORCED', 'CLOSED', 'SETTLED', 'DISMISSED'] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

/** The 8 dispute types (compliance.md §9, the six between from the Rust port). */
export const DISPUTE_TYPES = [
  'breach_of_contract',
  'non_conforming_goods',
  'payment_default',
  'delivery_failure',
  'quality_defect',
  'documentary_discrepancy',
  'force_majeure',
  'fraudulent_misrepresentation',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** Legal next states. SETTLED from FILED…HEARING; DISMISSED from FILED or UNDER_REVIEW. */
export function disputeNextStates(s: DisputeState): readonly DisputeState[] {
  switch (s) {
    case 'FILED':
      return ['UNDER_REVIEW', 'SETTLED', 'DISMISSED'];
    case 'UNDER_REVIEW':
      return ['EVIDENCE_COLLECTION', 'SETTLED', 'DISMISSED'];
    case 'EVIDENCE_COLLECTION':
      return ['HEARING', 'SETTLED'];
    case 'HEARING':
      return ['DECIDED', 'SETTLED'];
    case 'DECIDED':
      return ['ENFORCED'];
    case 'ENFORCED':
      return ['CLOSED'];
    case 'CLOSED':
    case 'SETTLED':
    case 'DISMISSED':
      return [];
    default:
      return assertNever(s, 'dispute state');
  }
}

export interface DisputeTransition {
  readonly from: DisputeState;
  readonly to: DisputeState;
  readonly at: string;
  /** Every step carries an evidence digest (64 hex). */
  readonly evidence_digest: string;
}

export interface Dispute {
  readonly dispute_id: string;
  readonly dispute_type: DisputeType;
  readonly claimant: string;
  readonly respondent: string;
  readonly state: DisputeState;
  readonly filed_at: string;
  readonly history: readonly DisputeTransition[];
}

const DISPUTE_ID = /^disp-[0-9]{4}-[1-9][0-9]*$/;

/** Files a dispute. `dispute_id` is `disp-YYYY-n`. */
export function fileDispute(input: { dispute_id: string; dispute_type: string; claimant: string; respondent: string; at: string; evidence_digest: string }): Dispute {
  if (!DISPUTE_ID.test(input.dispute_id)) throw new MsezError('VALIDATION_FAILED', 'dispute_id: expected disp-YYYY-n', { found: input.dispute_id });
  if (!(DISPUTE_TYPES as readonly string[]).includes(input.dispute_type)) throw new MsezError('VALIDATION_FAILED', 'dispute_type: expected one of the 8 dispute types', { found: input.dispute_type });
  if (input.claimant === '' || input.respondent === '' || input.claimant === input.respondent) throw new MsezError('VALIDATION_FAILED', 'claimant and respondent must be distinct non-empty ids', {});
  assertDigest(input.evidence_digest);
  return {
    dispute_id: input.dispute_id,
    dispute_type: input.dispute_type as DisputeType,
    claimant: input.claimant,
    respondent: input.respondent,
    state: 'FILED',
    filed_at: input.at,
    history: [],
  };
}

function assertDigest(d: string): void {
  if (!isSha256Hex(d)) throw new MsezError('INVALID_DIGEST', 'evidence_digest: expected 64 lowercase hex characters', { found: d.slice(0, 80) });
}

/** Moves a dispute one step. @throws INVALID_TRANSITION / INVALID_DIGEST */
export function transitionDispute(d: Dispute, to: DisputeState, at: string, evidenceDigest: string): Dispute {
  assertDigest(evidenceDigest);
  if (!disputeNextStates(d.state).includes(to)) {
    throw new MsezError('INVALID_TRANSITION', `dispute ${d.dispute_id}: ${d.state} -> ${to} is not allowed`, { from: d.state, to });
  }
  return { ...d, state: to, history: [...d.history, { from: d.state, to, at, evidence_digest: evidenceDigest }] };
}
