import { appendOnly, type Migration } from './types.js';

/**
 * Smart assets (spec/smart-assets.md), in the compliance range 200-299: the registry of genesis documents and
 * the append-only log of their compliance evaluations. The genesis text is MCF, so its digest is the asset id.
 */
export const SMART_ASSET_MIGRATIONS: readonly Migration[] = [
  {
    version: 250,
    name: 'smart-assets.registry',
    up: `
CREATE TABLE smart_assets (
  asset_id TEXT PRIMARY KEY CHECK (length(asset_id) = 64),
  asset_name TEXT NOT NULL,
  asset_class TEXT NOT NULL CHECK (asset_class IN ('legal_entity','security','property','building','ip','account','credential','digital_asset','commodity')),
  issuer_entity_id TEXT NOT NULL REFERENCES entities(entity_id),
  jurisdiction_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  genesis TEXT NOT NULL,
  compliance_status TEXT NOT NULL DEFAULT 'unevaluated' CHECK (compliance_status IN ('unevaluated','non_compliant','expired','pending','not_applicable','exempt','compliant')),
  last_evaluated_at TEXT,
  registered_at TEXT NOT NULL
) STRICT;
CREATE INDEX smart_assets_issuer ON smart_assets(issuer_entity_id, asset_id);
CREATE INDEX smart_assets_jurisdiction ON smart_assets(jurisdiction_id, asset_id);
CREATE INDEX smart_assets_class ON smart_assets(asset_class, asset_id);
CREATE TABLE smart_asset_evaluations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  asset_id TEXT NOT NULL REFERENCES smart_assets(asset_id),
  evaluated_at TEXT NOT NULL,
  aggregate TEXT NOT NULL CHECK (aggregate IN ('non_compliant','expired','pending','not_applicable','exempt','compliant')),
  tensor_root TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX smart_asset_evaluations_asset ON smart_asset_evaluations(asset_id, seq);
${appendOnly('smart_asset_evaluations')}
`,
  },
];
