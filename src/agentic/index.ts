/**
 * Agentic engine (compliance.md §5, design README D12). Pure: the store in `src/state` numbers triggers
 * and audit entries and persists actions.
 *
 * - {@link TRIGGER_TYPES}: the 20 trigger types; {@link POLICY_ACTIONS}; authorization levels.
 * - {@link parsePolicySet}: policies as data (rulesets/agentic/*.yaml).
 * - {@link evaluateTrigger}: policy_id order, priority-then-id conflict rule, one action per kind.
 * - {@link authorizeAction}, {@link applyActionEvent}: authorization and the bounded-retry action lifecycle.
 */
export { TRIGGER_TYPES, POLICY_ACTIONS, AUTHORIZATION_REQUIREMENTS, isTriggerType, parseTriggerType } from './triggers.js';
export type { TriggerType, PolicyAction, AuthorizationRequirement } from './triggers.js';
export { evaluateCondition, getField, compareExact } from './condition.js';
export type { Condition } from './condition.js';
export { parseCondition, parsePolicy, parsePolicySet, mergePolicies } from './policy.js';
export type { Policy } from './policy.js';
export {
  AUDIT_ENTRY_TYPES,
  ACTION_STATUSES,
  AUTHORIZATION_STATUSES,
  DEFAULT_MAX_RETRIES,
  evaluateTrigger,
  authorizeAction,
  applyActionEvent,
  auditTypeForStatus,
  actionData,
} from './engine.js';
export type {
  AuditEntryType,
  AuditDraft,
  AuditEntry,
  ActionStatus,
  AuthorizationStatus,
  Authorization,
  ScheduledAction,
  TriggerEvent,
  PolicyMatch,
  TriggerEvaluation,
  AuthorizationPolicy,
  ActionEvent,
} from './engine.js';
