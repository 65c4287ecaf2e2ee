import { appendOnly, type Migration } from './types.js';

/**
 * Compliance and the five primitives (compliance.md), versions 200-299. Audit tables are append-only:
 * triggers refuse UPDATE and DELETE, so the trail stays immutable even to a careless caller.
 * Money is INTEGER minor units; every state column is CHECKed against its literal union.
 */
export const COMPLIANCE_MIGRATIONS: readonly Migration[] = [
  {
    version: 200,
    name: 'compliance.entities',
    up: `
CREATE TABLE entities (
  entity_id TEXT PRIMARY KEY,
  jurisdiction_id TEXT NOT NULL,
  legal_name TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('APPLIED','ACTIVE','REJECTED','SUSPENDED','DISSOLVING','DISSOLVED')),
  version INTEGER NOT NULL,
  halted INTEGER NOT NULL DEFAULT 0 CHECK (halted IN (0,1)),
  dissolution_stage TEXT,
  dissolution_stage_started_at TEXT,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX entities_jurisdiction ON entities(jurisdiction_id, entity_id);
CREATE TABLE entity_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity_id TEXT NOT NULL REFERENCES entities(entity_id),
  version INTEGER NOT NULL,
  at TEXT NOT NULL,
  change_kind TEXT NOT NULL,
  snapshot TEXT NOT NULL
) STRICT;
${appendOnly('entity_history')}
CREATE TABLE beneficial_owners (
  entity_id TEXT NOT NULL REFERENCES entities(entity_id),
  owner_id TEXT NOT NULL,
  ownership_bps INTEGER NOT NULL CHECK (ownership_bps > 0 AND ownership_bps <= 10000),
  control_type TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (entity_id, owner_id)
) STRICT;
CREATE TABLE licenses (
  license_id TEXT PRIMARY KEY,
  entity_id TEXT NOT NULL REFERENCES entities(entity_id),
  license_type TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('APPLIED','UNDER_REVIEW','ACTIVE','REJECTED','SUSPENDED','REVOKED','EXPIRED','SURRENDERED')),
  expires_at TEXT,
  updated_at TEXT NOT NULL
) STRICT;
`,
  },
  {
    version: 201,
    name: 'compliance.ownership',
    up: `
CREATE TABLE share_classes (
  entity_id TEXT NOT NULL REFERENCES entities(entity_id),
  class_id TEXT NOT NULL,
  name TEXT NOT NULL,
  authorized INTEGER NOT NULL CHECK (authorized > 0),
  issued INTEGER NOT NULL DEFAULT 0 CHECK (issued >= 0 AND issued <= authorized),
  par_value_minor INTEGER NOT NULL CHECK (par_value_minor >= 0),
  currency TEXT NOT NULL,
  PRIMARY KEY (entity_id, class_id)
) STRICT;
CREATE TABLE holdings (
  entity_id TEXT NOT NULL,
  class_id TEXT NOT NULL,
  holder_id TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  cost_basis_minor INTEGER NOT NULL CHECK (cost_basis_minor >= 0),
  PRIMARY KEY (entity_id, class_id, holder_id),
  FOREIGN KEY (entity_id, class_id) REFERENCES share_classes(entity_id, class_id)
) STRICT;
CREATE TABLE share_ledger (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity_id TEXT NOT NULL,
  class_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('issuance','transfer')),
  from_holder TEXT,
  to_holder TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  consideration_minor INTEGER NOT NULL CHECK (consideration_minor >= 0),
  cost_basis_minor INTEGER NOT NULL,
  capital_gain_minor INTEGER NOT NULL,
  at TEXT NOT NULL
) STRICT;
${appendOnly('share_ledger')}
`,
  },
  {
    version: 202,
    name: 'compliance.fiscal',
    up: `
CREATE TABLE fiscal_accounts (
  account_id TEXT PRIMARY KEY,
  entity_id TEXT NOT NULL REFERENCES entities(entity_id),
  ntn TEXT,
  filer_status TEXT NOT NULL CHECK (filer_status IN ('filer','late_filer','non_filer')),
  currency TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE payments (
  payment_id TEXT PRIMARY KEY,
  payer_account_id TEXT NOT NULL REFERENCES fiscal_accounts(account_id),
  payee_account_id TEXT NOT NULL REFERENCES fiscal_accounts(account_id),
  event_type TEXT NOT NULL,
  tax_category TEXT NOT NULL,
  currency TEXT NOT NULL,
  gross_minor INTEGER NOT NULL CHECK (gross_minor > 0),
  withholding_minor INTEGER NOT NULL CHECK (withholding_minor >= 0 AND withholding_minor <= gross_minor),
  net_minor INTEGER NOT NULL,
  corridor_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending_approval','completed','rejected')),
  consent_request_id TEXT,
  period TEXT NOT NULL,
  created_at TEXT NOT NULL,
  completed_at TEXT
) STRICT;
CREATE INDEX payments_period ON payments(period, payment_id);
CREATE TABLE tax_events (
  event_id TEXT PRIMARY KEY,
  entity_id TEXT NOT NULL,
  payment_id TEXT,
  event_type TEXT NOT NULL,
  tax_category TEXT NOT NULL,
  filer_status TEXT NOT NULL,
  jurisdiction_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  gross_minor INTEGER NOT NULL,
  withholding_minor INTEGER NOT NULL,
  rule_id TEXT,
  rate_bps INTEGER,
  statutory_section TEXT,
  period TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX tax_events_period ON tax_events(period, event_id);
${appendOnly('tax_events', 'tax_events are append-only')}
`,
  },
  {
    version: 203,
    name: 'compliance.identity',
    up: `
CREATE TABLE identities (
  did TEXT PRIMARY KEY,
  entity_id TEXT,
  kyc_tier TEXT NOT NULL CHECK (kyc_tier IN ('tier_0','tier_1','tier_2','tier_3')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE identifiers (
  id_type TEXT NOT NULL CHECK (id_type IN ('cnic','ntn','passport')),
  value TEXT NOT NULL,
  did TEXT NOT NULL REFERENCES identities(did),
  linked_at TEXT NOT NULL,
  PRIMARY KEY (id_type, value)
) STRICT;
CREATE TABLE attestations (
  attestation_id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL,
  jurisdiction_id TEXT NOT NULL,
  domain TEXT NOT NULL,
  attestation_type TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('non_compliant','expired','pending','not_applicable','exempt','compliant')),
  digest TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT,
  reason_code TEXT
) STRICT;
CREATE INDEX attestations_subject ON attestations(subject_id, jurisdiction_id, domain);
CREATE TABLE sanctions_screenings (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity_id TEXT NOT NULL,
  listed INTEGER NOT NULL CHECK (listed IN (0,1)),
  snapshot_id TEXT NOT NULL,
  matched_entry_id TEXT,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX sanctions_entity ON sanctions_screenings(entity_id, seq);
`,
  },
  {
    version: 204,
    name: 'compliance.consent',
    up: `
CREATE TABLE consent_requests (
  request_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('unanimity','quorum','dual_control')),
  subject TEXT NOT NULL,
  parties TEXT NOT NULL,
  threshold INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('PENDING','APPROVED','REJECTED')),
  created_at TEXT NOT NULL,
  decided_at TEXT
) STRICT;
CREATE TABLE consent_decisions (
  request_id TEXT NOT NULL REFERENCES consent_requests(request_id),
  party TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approve','reject')),
  at TEXT NOT NULL,
  PRIMARY KEY (request_id, party)
) STRICT;
${appendOnly('consent_decisions', 'consent decisions are immutable')}
CREATE TABLE consent_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id TEXT NOT NULL,
  entry TEXT NOT NULL,
  actor TEXT,
  at TEXT NOT NULL
) STRICT;
${appendOnly('consent_audit')}
`,
  },
  {
    version: 205,
    name: 'compliance.tensor-agentic-migration',
    up: `
CREATE TABLE tensor_cells (
  entity_id TEXT NOT NULL,
  jurisdiction_id TEXT NOT NULL,
  domain TEXT NOT NULL,
  domain_index INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('non_compliant','expired','pending','not_applicable','exempt','compliant')),
  attestation_digests TEXT NOT NULL,
  reason_code TEXT,
  as_of TEXT NOT NULL,
  PRIMARY KEY (entity_id, jurisdiction_id, domain)
) STRICT;
CREATE TABLE tensor_commitments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  zone_id TEXT NOT NULL,
  root TEXT NOT NULL,
  size INTEGER NOT NULL,
  as_of TEXT NOT NULL
) STRICT;
CREATE TABLE agentic_triggers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  trigger_id TEXT NOT NULL UNIQUE,
  trigger_type TEXT NOT NULL,
  asset_id TEXT NOT NULL,
  jurisdiction_id TEXT,
  data TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE TABLE agentic_actions (
  action_id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL,
  action_type TEXT NOT NULL,
  trigger_id TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  scheduled_at TEXT NOT NULL,
  execute_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','executing','completed','failed','cancelled','retry_pending')),
  retry_count INTEGER NOT NULL,
  max_retries INTEGER NOT NULL,
  authorization_requirement TEXT NOT NULL,
  authorization_status TEXT NOT NULL CHECK (authorization_status IN ('not_required','pending','approved','rejected')),
  authorizations TEXT NOT NULL,
  last_error TEXT
) STRICT;
CREATE TABLE agentic_audit (
  entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_type TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  asset_id TEXT,
  correlation_id TEXT,
  actor TEXT,
  body TEXT NOT NULL
) STRICT;
${appendOnly('agentic_audit')}
CREATE TABLE migrations_saga (
  migration_id TEXT PRIMARY KEY,
  entity_id TEXT NOT NULL,
  source_jurisdiction TEXT NOT NULL,
  target_jurisdiction TEXT NOT NULL,
  phase TEXT NOT NULL,
  deadline TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`,
  },
  {
    version: 206,
    name: 'compliance.entity-indexes',
    // Tensor evaluation reads licenses and fiscal accounts by entity id range; without these, each read scanned the table.
    up: `
CREATE INDEX licenses_entity ON licenses(entity_id);
CREATE INDEX fiscal_accounts_entity ON fiscal_accounts(entity_id);
CREATE INDEX identities_entity ON identities(entity_id);
`,
  },
];
