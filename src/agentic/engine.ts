import { MsezError, assertNever, compareCodePoints, type JsonObject, type JsonValue } from '../core/index.js';
import { evaluateCondition } from './condition.js';
import type { Policy } from './policy.js';
import type { AuthorizationRequirement, PolicyAction, TriggerType } from './triggers.js';

/** The 13 audit entry types (compliance.md §5; msez rule for the 11 the design does not name). */
export const AUDIT_ENTRY_TYPES = [
  'trigger_received',
  'policy_evaluated',
  'action_scheduled',
  'action_authorized',
  'action_rejected',
  'action_executing',
  'action_completed',
  'action_failed',
  'action_retry_scheduled',
  'action_cancelled',
  'monitor_started',
  'monitor_stopped',
  'monitor_poll',
] as const;
export type AuditEntryType = (typeof AUDIT_ENTRY_TYPES)[number];

/** An audit entry before the store numbers it (`entry_id` is assigned on append). */
export interface AuditDraft {
  readonly entry_type: AuditEntryType;
  readonly timestamp: string;
  readonly asset_id?: string;
  readonly trigger_data?: JsonValue;
  readonly evaluation_result?: JsonObject;
  readonly action_data?: JsonObject;
  readonly monitor_data?: JsonObject;
  readonly actor?: string;
  readonly correlation_id?: string;
}

export interface AuditEntry extends AuditDraft {
  readonly entry_id: number;
}

export const ACTION_STATUSES = ['pending', 'executing', 'completed', 'failed', 'cancelled', 'retry_pending'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const AUTHORIZATION_STATUSES = ['not_required', 'pending', 'approved', 'rejected'] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

export interface Authorization {
  readonly approver: string;
  readonly decision: 'approve' | 'reject';
  readonly at: string;
}

/** A scheduled action (compliance.md §5). */
export interface ScheduledAction {
  readonly action_id: string;
  readonly asset_id: string;
  readonly action_type: PolicyAction;
  readonly trigger_id: string;
  readonly policy_id: string;
  readonly scheduled_at: string;
  readonly execute_at: string;
  readonly status: ActionStatus;
  readonly retry_count: number;
  readonly max_retries: number;
  readonly authorization_requirement: AuthorizationRequirement;
  readonly authorization_status: AuthorizationStatus;
  readonly authorizations: readonly Authorization[];
  readonly last_error?: string;
}

export const DEFAULT_MAX_RETRIES = 3;

/** One observed event. `trigger_id` is assigned by the caller (the store numbers triggers). */
export interface TriggerEvent {
  readonly trigger_id: string;
  readonly trigger_type: TriggerType;
  readonly data: JsonValue;
  readonly timestamp: string;
  /** The asset or entity the trigger concerns. */
  readonly asset_id: string;
  readonly jurisdiction_id?: string;
}

export interface PolicyMatch {
  readonly policy_id: string;
  readonly action: PolicyAction;
  readonly priority: number;
}

export interface TriggerEvaluation {
  readonly trigger_id: string;
  readonly matches: readonly PolicyMatch[];
  readonly scheduled: readonly ScheduledAction[];
  readonly audit: readonly AuditDraft[];
}

function inScope(p: Policy, jurisdiction: string | undefined): boolean {
  if (p.jurisdiction_scope.length === 0) return true;
  return jurisdiction !== undefined && p.jurisdiction_scope.includes(jurisdiction);
}

/**
 * Runs one trigger through the policies (design README D12, compliance.md §5):
 * 1. visit the enabled policies in policy_id order, logging `trigger_received` then one `policy_evaluated` each;
 * 2. sort the matches by priority (descending), then policy_id;
 * 3. keep the first match per action and schedule it (`action_scheduled`).
 * Pure: ids derive from the trigger id, time from `trigger.timestamp`.
 */
export function evaluateTrigger(trigger: TriggerEvent, policies: readonly Policy[]): TriggerEvaluation {
  const at = trigger.timestamp;
  const audit: AuditDraft[] = [
    { entry_type: 'trigger_received', timestamp: at, asset_id: trigger.asset_id, trigger_data: trigger.data, correlation_id: trigger.trigger_id, evaluation_result: { trigger_type: trigger.trigger_type } },
  ];
  const ordered = policies.filter((p) => p.enabled).sort((a, b) => compareCodePoints(a.policy_id, b.policy_id));
  const matches: PolicyMatch[] = [];
  for (const p of ordered) {
    const typeMatch = p.trigger_type === trigger.trigger_type;
    const scopeMatch = typeMatch && inScope(p, trigger.jurisdiction_id);
    const matched = scopeMatch && (p.condition === undefined || evaluateCondition(p.condition, trigger.data));
    audit.push({
      entry_type: 'policy_evaluated',
      timestamp: at,
      asset_id: trigger.asset_id,
      correlation_id: trigger.trigger_id,
      evaluation_result: { policy_id: p.policy_id, matched, trigger_type_matched: typeMatch, in_scope: scopeMatch },
    });
    if (matched) matches.push({ policy_id: p.policy_id, action: p.action, priority: p.priority });
  }
  matches.sort((a, b) => b.priority - a.priority || compareCodePoints(a.policy_id, b.policy_id));
  const seen = new Set<PolicyAction>();
  const scheduled: ScheduledAction[] = [];
  for (const m of matches) {
    if (seen.has(m.action)) continue;
    seen.add(m.action);
    const policy = ordered.find((p) => p.policy_id === m.policy_id) as Policy;
    const action: ScheduledAction = {
      action_id: `${trigger.trigger_id}:${m.policy_id}`,
      asset_id: trigger.asset_id,
      action_type: m.action,
      trigger_id: trigger.trigger_id,
      policy_id: m.policy_id,
      scheduled_at: at,
      execute_at: at,
      status: 'pending',
      retry_count: 0,
      max_retries: DEFAULT_MAX_RETRIES,
      authorization_requirement: policy.authorization_requirement,
      // An action whose requirement is anything other than automatic waits for approval.
      authorization_status: policy.authorization_requirement === 'automatic' ? 'not_required' : 'pending',
      authorizations: [],
    };
    scheduled.push(action);
    audit.push({ entry_type: 'action_scheduled', timestamp: at, asset_id: trigger.asset_id, correlation_id: trigger.trigger_id, action_data: actionData(action) });
  }
  return { trigger_id: trigger.trigger_id, matches, scheduled, audit };
}

export function actionData(a: ScheduledAction): JsonObject {
  return {
    action_id: a.action_id,
    action_type: a.action_type,
    policy_id: a.policy_id,
    status: a.status,
    retry_count: a.retry_count,
    authorization_status: a.authorization_status,
    ...(a.last_error !== undefined ? { last_error: a.last_error } : {}),
  };
}

/** Who may approve and how many approvals a non-automatic action needs. */
export interface AuthorizationPolicy {
  readonly governors: readonly string[];
  /** Approvals needed under `quorum` (K of N); ignored otherwise. */
  readonly quorum_threshold: number;
}

/**
 * Records one approval or rejection (each governor once). quorum: approved at K approvals, rejected once
 * K can no longer be reached; unanimous: approved when every governor approved, rejected on any
 * rejection; governance: the first decision (the resolved vote) decides.
 * @throws INVALID_STATE when the action is not awaiting authorization; CONFLICT for a repeat or unknown governor.
 */
export function authorizeAction(a: ScheduledAction, decision: Authorization, policy: AuthorizationPolicy): ScheduledAction {
  if (a.authorization_status !== 'pending') throw new MsezError('INVALID_STATE', `action ${a.action_id} is not awaiting authorization (${a.authorization_status})`, { action_id: a.action_id });
  if (!policy.governors.includes(decision.approver)) throw new MsezError('CONFLICT', `${decision.approver} is not a governor`, { approver: decision.approver });
  if (a.authorizations.some((x) => x.approver === decision.approver)) throw new MsezError('CONFLICT', `${decision.approver} already decided`, { approver: decision.approver });
  const authorizations = [...a.authorizations, decision];
  const approvals = authorizations.filter((x) => x.decision === 'approve').length;
  const rejections = authorizations.length - approvals;
  const n = new Set(policy.governors).size;
  let status: AuthorizationStatus = 'pending';
  switch (a.authorization_requirement) {
    case 'automatic':
      throw new MsezError('INVALID_STATE', 'automatic actions need no authorization', { action_id: a.action_id });
    case 'quorum': {
      const k = policy.quorum_threshold;
      if (!Number.isSafeInteger(k) || k < 1 || k > n) throw new MsezError('VALIDATION_FAILED', `quorum_threshold must be 1..${n}`, { quorum_threshold: k });
      if (approvals >= k) status = 'approved';
      else if (n - rejections < k) status = 'rejected';
      break;
    }
    case 'unanimous':
      if (rejections > 0) status = 'rejected';
      else if (approvals === n) status = 'approved';
      break;
    case 'governance':
      status = decision.decision === 'approve' ? 'approved' : 'rejected';
      break;
    default:
      assertNever(a.authorization_requirement, 'authorization requirement');
  }
  return { ...a, authorizations, authorization_status: status, ...(status === 'rejected' ? { status: 'cancelled' as const } : {}) };
}

/** Transitions of a scheduled action's status. Each illegal move is INVALID_TRANSITION. */
export type ActionEvent = { readonly kind: 'start' } | { readonly kind: 'complete' } | { readonly kind: 'fail'; readonly error: string } | { readonly kind: 'cancel' };

export function applyActionEvent(a: ScheduledAction, ev: ActionEvent): ScheduledAction {
  const bad = (): never => {
    throw new MsezError('INVALID_TRANSITION', `action ${a.action_id}: cannot ${ev.kind} from ${a.status}`, { action_id: a.action_id, from: a.status, event: ev.kind });
  };
  switch (ev.kind) {
    case 'start':
      if (a.status !== 'pending' && a.status !== 'retry_pending') return bad();
      if (a.authorization_status !== 'not_required' && a.authorization_status !== 'approved') {
        throw new MsezError('INVALID_STATE', `action ${a.action_id} awaits authorization (${a.authorization_status})`, { action_id: a.action_id });
      }
      return { ...a, status: 'executing' };
    case 'complete':
      return a.status === 'executing' ? { ...a, status: 'completed' } : bad();
    case 'fail':
      if (a.status !== 'executing') return bad();
      // Retries are bounded: after max_retries failed retries the action fails for good.
      return a.retry_count < a.max_retries ? { ...a, status: 'retry_pending', retry_count: a.retry_count + 1, last_error: ev.error } : { ...a, status: 'failed', last_error: ev.error };
    case 'cancel':
      return a.status === 'pending' || a.status === 'retry_pending' ? { ...a, status: 'cancelled' } : bad();
    default:
      return assertNever(ev, 'action event');
  }
}

/** The audit entry type recording a status reached by {@link applyActionEvent}. */
export function auditTypeForStatus(s: ActionStatus): AuditEntryType {
  switch (s) {
    case 'pending':
      return 'action_scheduled';
    case 'executing':
      return 'action_executing';
    case 'completed':
      return 'action_completed';
    case 'failed':
      return 'action_failed';
    case 'cancelled':
      return 'action_cancelled';
    case 'retry_pending':
      return 'action_retry_scheduled';
    default:
      return assertNever(s, 'action status');
  }
}
