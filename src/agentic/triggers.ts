import { MsezError } from '../core/index.js';

/** The 20 trigger types, following the reference's Rust list (design README D12, compliance.md §5). */
export const TRIGGER_TYPES = [
  'sanctions_list_update',
  'license_status_change',
  'guidance_update',
  'compliance_deadline',
  'dispute_filed',
  'ruling_received',
  'appeal_period_expired',
  'enforcement_due',
  'corridor_state_change',
  'settlement_anchor_available',
  'watcher_quorum_reached',
  'checkpoint_due',
  'key_rotation_due',
  'governance_vote_resolved',
  'tax_year_end',
  'withholding_due',
  'entity_dissolution',
  'pack_updated',
  'asset_transfer_initiated',
  'migration_deadline',
] as const;

export type TriggerType = (typeof TRIGGER_TYPES)[number];

export function isTriggerType(v: unknown): v is TriggerType {
  return typeof v === 'string' && (TRIGGER_TYPES as readonly string[]).includes(v);
}

export function parseTriggerType(v: unknown, field = 'trigger_type'): TriggerType {
  if (isTriggerType(v)) return v;
  throw new MsezError('VALIDATION_FAILED', `${field}: expected one of the 20 trigger types, got ${JSON.stringify(v)}`, { field, found: String(v) });
}

/** Policy actions are TransitionKinds (compliance.md §5). */
export const POLICY_ACTIONS = [
  'transfer',
  'mint',
  'burn',
  'activate_binding',
  'deactivate_binding',
  'migrate_binding',
  'update_manifest',
  'amend_governance',
  'add_governor',
  'remove_governor',
  'dividend',
  'split',
  'merger',
  'halt',
  'resume',
  'arbitration_enforce',
] as const;

export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export const AUTHORIZATION_REQUIREMENTS = ['automatic', 'quorum', 'unanimous', 'governance'] as const;
export type AuthorizationRequirement = (typeof AUTHORIZATION_REQUIREMENTS)[number];
