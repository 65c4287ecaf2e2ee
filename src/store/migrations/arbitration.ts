import { appendOnly, type Migration } from './types.js';

/**
 * Arbitration (compliance.md §9), version 207: disputes (current state + append-only transition log, each
 * step with its evidence digest), evidence packages, escrows with INTEGER minor units and their append-only
 * movements, and immutable enforcement receipts. Triggers refuse UPDATE and DELETE on every log.
 */
export const ARBITRATION_MIGRATIONS: readonly Migration[] = [
  {
    version: 207,
    name: 'arbitration',
    up: `
CREATE TABLE disputes (
  dispute_id TEXT PRIMARY KEY CHECK (dispute_id GLOB 'disp-[0-9][0-9][0-9][0-9]-[1-9]*'),
  dispute_type TEXT NOT NULL CHECK (dispute_type IN ('breach_of_contract','non_conforming_goods','payment_default','delivery_failure','quality_defect','documentary_discrepancy','force_majeure','fraudulent_misrepresentation')),
  claimant TEXT NOT NULL,
  respondent TEXT NOT NULL CHECK (respondent <> claimant),
  state TEXT NOT NULL CHECK (state IN ('FILED','UNDER_REVIEW','EVIDENCE_COLLECTION','HEARING','DECIDED','ENFORCED','CLOSED','SETTLED','DISMISSED')),
  filed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX disputes_state ON disputes(state, dispute_id);
CREATE TABLE dispute_transitions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  dispute_id TEXT NOT NULL REFERENCES disputes(dispute_id),
  from_state TEXT,
  to_state TEXT NOT NULL,
  evidence_digest TEXT NOT NULL CHECK (length(evidence_digest) = 64 AND evidence_digest NOT GLOB '*[^0-9a-f]*'),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX dispute_transitions_dispute ON dispute_transitions(dispute_id, seq);
${appendOnly('dispute_transitions')}
CREATE TABLE evidence_packages (
  evidence_package_id TEXT PRIMARY KEY,
  dispute_id TEXT NOT NULL REFERENCES disputes(dispute_id),
  submitting_party TEXT NOT NULL,
  submission_timestamp TEXT NOT NULL,
  package TEXT NOT NULL,
  package_sha256 TEXT NOT NULL CHECK (length(package_sha256) = 64),
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_packages_dispute ON evidence_packages(dispute_id, evidence_package_id);
${appendOnly('evidence_packages')}
CREATE TABLE escrows (
  escrow_id TEXT PRIMARY KEY,
  dispute_id TEXT NOT NULL REFERENCES disputes(dispute_id),
  escrow_type TEXT NOT NULL CHECK (escrow_type IN ('filing_fee','security_deposit','award_escrow','appeal_bond')),
  currency TEXT NOT NULL,
  depositor TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  released_minor INTEGER NOT NULL CHECK (released_minor >= 0 AND released_minor <= amount_minor),
  status TEXT NOT NULL CHECK (status IN ('pending','funded','partially_released','fully_released','forfeited')),
  opened_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX escrows_dispute ON escrows(dispute_id, escrow_id);
CREATE TABLE escrow_movements (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  escrow_id TEXT NOT NULL REFERENCES escrows(escrow_id),
  kind TEXT NOT NULL CHECK (kind IN ('release','refund')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  release_condition TEXT NOT NULL CHECK (release_condition IN ('RulingEnforced','AppealPeriodExpired','SettlementAgreed','DisputeWithdrawn','InstitutionOrder')),
  recipient TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX escrow_movements_escrow ON escrow_movements(escrow_id, seq);
${appendOnly('escrow_movements')}
CREATE TABLE enforcement_receipts (
  enforcement_id TEXT PRIMARY KEY,
  dispute_id TEXT NOT NULL REFERENCES disputes(dispute_id),
  ruling_id TEXT NOT NULL,
  corridor_id TEXT NOT NULL,
  orders_enforced TEXT NOT NULL,
  enforcement_method TEXT NOT NULL CHECK (enforcement_method IN ('smart_asset','escrow_release','manual','court')),
  success INTEGER NOT NULL CHECK (success IN (0,1)),
  amount_enforced_minor INTEGER NOT NULL CHECK (amount_enforced_minor >= 0),
  currency TEXT NOT NULL,
  enforced_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX enforcement_receipts_dispute ON enforcement_receipts(dispute_id, enforcement_id);
${appendOnly('enforcement_receipts')}
`,
  },
];
