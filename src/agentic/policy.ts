import { MsezError, compareCodePoints, isJsonObject, type JsonValue } from '../core/index.js';
import type { Condition } from './condition.js';
import { AUTHORIZATION_REQUIREMENTS, POLICY_ACTIONS, parseTriggerType, type AuthorizationRequirement, type PolicyAction, type TriggerType } from './triggers.js';

/** An agentic policy (compliance.md §5). */
export interface Policy {
  readonly policy_id: string;
  readonly description?: string;
  readonly trigger_type: TriggerType;
  readonly condition?: Condition;
  readonly action: PolicyAction;
  readonly priority: number;
  /** Empty = every jurisdiction. */
  readonly jurisdiction_scope: readonly string[];
  readonly authorization_requirement: AuthorizationRequirement;
  readonly enabled: boolean;
}

function fail(field: string, expected: string, found: unknown): never {
  throw new MsezError('SCHEMA_INVALID', `${field}: expected ${expected}`, { fields: [{ path: field, message: `expected ${expected}` }], found: found === undefined ? null : String(found) });
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string' || v === '') fail(field, 'a non-empty string', v);
  return v;
}

const NUMERIC = (v: unknown): v is number | string => (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(v));

/** Reads a condition from data. @throws SCHEMA_INVALID naming the offending path. */
export function parseCondition(v: unknown, field = 'condition'): Condition {
  if (!isJsonObject(v)) fail(field, 'an object', v);
  const type = v.type;
  switch (type) {
    case 'threshold':
    case 'less_than':
    case 'greater_than':
      if (!NUMERIC(v.threshold)) fail(`${field}.threshold`, 'an integer or decimal string', v.threshold);
      return { type, field: str(v.field, `${field}.field`), threshold: v.threshold };
    case 'equals':
    case 'not_equals':
      if (!Object.hasOwn(v, 'value')) fail(`${field}.value`, 'a value', undefined);
      return { type, field: str(v.field, `${field}.field`), value: v.value as JsonValue };
    case 'contains':
      if (!Object.hasOwn(v, 'item')) fail(`${field}.item`, 'a value', undefined);
      return { type, field: str(v.field, `${field}.field`), item: v.item as JsonValue };
    case 'in':
      if (!Array.isArray(v.values)) fail(`${field}.values`, 'an array', v.values);
      return { type, field: str(v.field, `${field}.field`), values: v.values };
    case 'exists':
      return { type, field: str(v.field, `${field}.field`) };
    case 'and':
    case 'or':
      if (!Array.isArray(v.conditions) || v.conditions.length === 0) fail(`${field}.conditions`, 'a non-empty array', v.conditions);
      return { type, conditions: v.conditions.map((c, i) => parseCondition(c, `${field}.conditions[${i}]`)) };
    default:
      return fail(`${field}.type`, 'threshold|equals|not_equals|contains|in|less_than|greater_than|exists|and|or', type);
  }
}

/** Reads one policy from data (YAML/JSON already parsed). Defaults: priority 0, scope [], automatic, enabled. */
export function parsePolicy(v: unknown, field = 'policy'): Policy {
  if (!isJsonObject(v)) fail(field, 'an object', v);
  const action = v.action;
  if (typeof action !== 'string' || !(POLICY_ACTIONS as readonly string[]).includes(action)) fail(`${field}.action`, `one of ${POLICY_ACTIONS.join('|')}`, action);
  const auth = v.authorization_requirement ?? 'automatic';
  if (typeof auth !== 'string' || !(AUTHORIZATION_REQUIREMENTS as readonly string[]).includes(auth)) fail(`${field}.authorization_requirement`, AUTHORIZATION_REQUIREMENTS.join('|'), auth);
  const priority = v.priority ?? 0;
  if (typeof priority !== 'number' || !Number.isSafeInteger(priority)) fail(`${field}.priority`, 'an integer', priority);
  const scope = v.jurisdiction_scope ?? [];
  if (!Array.isArray(scope) || !scope.every((s) => typeof s === 'string' && s !== '')) fail(`${field}.jurisdiction_scope`, 'an array of strings', scope);
  const enabled = v.enabled ?? true;
  if (typeof enabled !== 'boolean') fail(`${field}.enabled`, 'a boolean', enabled);
  let trigger: TriggerType;
  try {
    trigger = parseTriggerType(v.trigger_type, `${field}.trigger_type`);
  } catch {
    fail(`${field}.trigger_type`, 'one of the 20 trigger types', v.trigger_type);
  }
  const description = v.description;
  if (description !== undefined && typeof description !== 'string') fail(`${field}.description`, 'a string', description);
  return {
    policy_id: str(v.policy_id, `${field}.policy_id`),
    ...(description !== undefined ? { description } : {}),
    trigger_type: trigger,
    ...(v.condition !== undefined && v.condition !== null ? { condition: parseCondition(v.condition, `${field}.condition`) } : {}),
    action: action as PolicyAction,
    priority,
    jurisdiction_scope: scope as string[],
    authorization_requirement: auth as AuthorizationRequirement,
    enabled,
  };
}

/**
 * Reads a policy set file `{policy_set_id, policies: [...]}` (rulesets/agentic/*.yaml). Duplicate
 * policy ids are refused; the result is in policy_id order (D12 evaluation order).
 */
export function parsePolicySet(v: unknown, file = 'policies'): { policy_set_id: string; policies: Policy[] } {
  if (!isJsonObject(v)) fail(file, 'an object with policy_set_id and policies', v);
  const id = str(v.policy_set_id, `${file}.policy_set_id`);
  if (!Array.isArray(v.policies)) fail(`${file}.policies`, 'an array', v.policies);
  const policies = v.policies.map((p, i) => parsePolicy(p, `${file}.policies[${i}]`));
  return { policy_set_id: id, policies: mergePolicies([policies]) };
}

/** Union of policy lists; a later list may not redefine an id (CONFLICT). Sorted by policy_id. */
export function mergePolicies(lists: readonly (readonly Policy[])[]): Policy[] {
  const by = new Map<string, Policy>();
  for (const list of lists) {
    for (const p of list) {
      if (by.has(p.policy_id)) throw new MsezError('CONFLICT', `duplicate policy_id ${p.policy_id}`, { policy_id: p.policy_id });
      by.set(p.policy_id, p);
    }
  }
  return [...by.values()].sort((a, b) => compareCodePoints(a.policy_id, b.policy_id));
}
