import { MsezError, isJsonObject, mcfText, type JsonObject, type JsonValue } from '../core/index.js';
import {
  actionData,
  applyActionEvent,
  auditTypeForStatus,
  authorizeAction,
  evaluateTrigger,
  type AuditDraft,
  type AuditEntry,
  type Authorization,
  type AuthorizationPolicy,
  type Policy,
  type PolicyMatch,
  type ScheduledAction,
  type TriggerType,
} from '../agentic/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { setEntityHalted } from './entities.js';
import { pageBounds, readStoredJson, toPage, type Page, type PageOptions } from './paging.js';
import { assertInput } from './validate.js';

/** Persistence of the agentic engine: triggers, scheduled actions and the append-only audit trail. */
function appendAudit(db: Database, d: AuditDraft): void {
  const { entry_type, timestamp, asset_id, correlation_id, actor, ...body } = d;
  db.prepare('INSERT INTO agentic_audit (entry_type, timestamp, asset_id, correlation_id, actor, body) VALUES (?, ?, ?, ?, ?, ?)').run(entry_type, timestamp, asset_id ?? null, correlation_id ?? null, actor ?? null, mcfText(body));
}

function saveAction(db: Database, a: ScheduledAction): void {
  db.prepare(
    `INSERT INTO agentic_actions (action_id, asset_id, action_type, trigger_id, policy_id, scheduled_at, execute_at, status, retry_count, max_retries, authorization_requirement, authorization_status, authorizations, last_error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(action_id) DO UPDATE SET status = excluded.status, retry_count = excluded.retry_count, authorization_status = excluded.authorization_status, authorizations = excluded.authorizations, last_error = excluded.last_error`,
  ).run(
    a.action_id,
    a.asset_id,
    a.action_type,
    a.trigger_id,
    a.policy_id,
    a.scheduled_at,
    a.execute_at,
    a.status,
    a.retry_count,
    a.max_retries,
    a.authorization_requirement,
    a.authorization_status,
    mcfText(a.authorizations.map((x) => ({ ...x }))),
    a.last_error ?? null,
  );
}

interface ActionRow extends Omit<ScheduledAction, 'authorizations' | 'last_error'> {
  authorizations: string;
  last_error: string | null;
}

export function getAction(db: Database, actionId: string): ScheduledAction {
  const r = db.prepare('SELECT * FROM agentic_actions WHERE action_id = ?').get(actionId) as ActionRow | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no scheduled action ${actionId}`, { action_id: actionId });
  const { authorizations, last_error, ...rest } = r;
  const auths = readStoredJson(authorizations, 'agentic_actions.authorizations');
  return { ...rest, authorizations: (Array.isArray(auths) ? auths : []) as unknown as Authorization[], ...(last_error !== null ? { last_error } : {}) };
}

export function listActions(db: Database, o: PageOptions & { asset_id?: string; status?: string } = {}): Page<ScheduledAction> {
  const { limit, offset } = pageBounds(o);
  const rows = db
    .prepare('SELECT action_id FROM agentic_actions WHERE (? IS NULL OR asset_id = ?) AND (? IS NULL OR status = ?) ORDER BY scheduled_at, action_id LIMIT ? OFFSET ?')
    .all(o.asset_id ?? null, o.asset_id ?? null, o.status ?? null, o.status ?? null, limit + 1, offset) as { action_id: string }[];
  return toPage(rows.map((r) => getAction(db, r.action_id)), limit, offset);
}

export function listAudit(db: Database, o: PageOptions & { asset_id?: string } = {}): Page<AuditEntry> {
  const { limit, offset } = pageBounds(o);
  const rows = db.prepare('SELECT * FROM agentic_audit WHERE (? IS NULL OR asset_id = ?) ORDER BY entry_id LIMIT ? OFFSET ?').all(o.asset_id ?? null, o.asset_id ?? null, limit + 1, offset) as {
    entry_id: number;
    entry_type: AuditEntry['entry_type'];
    timestamp: string;
    asset_id: string | null;
    correlation_id: string | null;
    actor: string | null;
    body: string;
  }[];
  return toPage(
    rows.map((r) => {
      const body = readStoredJson(r.body, 'agentic_audit.body');
      return {
        entry_id: r.entry_id,
        entry_type: r.entry_type,
        timestamp: r.timestamp,
        ...(r.asset_id !== null ? { asset_id: r.asset_id } : {}),
        ...(r.correlation_id !== null ? { correlation_id: r.correlation_id } : {}),
        ...(r.actor !== null ? { actor: r.actor } : {}),
        ...(isJsonObject(body) ? body : {}),
      } as AuditEntry;
    }),
    limit,
    offset,
  );
}

export interface TriggerRun {
  readonly trigger_id: string;
  readonly matches: readonly PolicyMatch[];
  readonly scheduled: readonly ScheduledAction[];
}

/**
 * Records a trigger (schema `agentic.trigger`), evaluates it against `policies` (D12) and persists the
 * audit entries and scheduled actions in one transaction. Trigger ids are `trg-<n>` in arrival order.
 * Automatic actions that have a local executor (halt, resume) run at once; see {@link executeAction}.
 */
export function runTrigger(db: Database, input: unknown, policies: readonly Policy[], now: string): TriggerRun {
  const v = assertInput<{ trigger_type: TriggerType; asset_id: string; jurisdiction_id?: string; data: JsonObject }>('agentic.trigger', input);
  const run = inTransaction(db, () => {
    const seq = (db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM agentic_triggers').get() as { n: number }).n;
    const triggerId = `trg-${seq}`;
    db.prepare('INSERT INTO agentic_triggers (trigger_id, trigger_type, asset_id, jurisdiction_id, data, at) VALUES (?, ?, ?, ?, ?, ?)').run(triggerId, v.trigger_type, v.asset_id, v.jurisdiction_id ?? null, mcfText(v.data), now);
    const ev = evaluateTrigger({ trigger_id: triggerId, trigger_type: v.trigger_type, data: v.data as JsonValue, timestamp: now, asset_id: v.asset_id, ...(v.jurisdiction_id !== undefined ? { jurisdiction_id: v.jurisdiction_id } : {}) }, policies);
    for (const d of ev.audit) appendAudit(db, d);
    for (const a of ev.scheduled) saveAction(db, a);
    return ev;
  });
  const scheduled = run.scheduled.map((a) => (a.authorization_status === 'not_required' && hasExecutor(a) ? executeAction(db, a.action_id, now) : a));
  return { trigger_id: run.trigger_id, matches: run.matches, scheduled };
}

function hasExecutor(a: ScheduledAction): boolean {
  return a.action_type === 'halt' || a.action_type === 'resume';
}

/** Records an approval or rejection of a non-automatic action. */
export function authorizeStoredAction(db: Database, actionId: string, decision: Omit<Authorization, 'at'>, policy: AuthorizationPolicy, now: string): ScheduledAction {
  return inTransaction(db, () => {
    const next = authorizeAction(getAction(db, actionId), { ...decision, at: now }, policy);
    saveAction(db, next);
    appendAudit(db, { entry_type: next.authorization_status === 'rejected' ? 'action_rejected' : 'action_authorized', timestamp: now, asset_id: next.asset_id, actor: decision.approver, correlation_id: next.trigger_id, action_data: actionData(next) });
    return next;
  });
}

/**
 * Executes a scheduled action with its local executor: `halt` sets the entity's halt flag, `resume`
 * clears it. A failing executor is recorded (retry_pending, then failed after max_retries), never hidden.
 * @throws INVALID_STATE for an action kind without a local executor (it stays scheduled for its owner).
 */
export function executeAction(db: Database, actionId: string, now: string): ScheduledAction {
  const a = getAction(db, actionId);
  if (!hasExecutor(a)) throw new MsezError('INVALID_STATE', `no local executor for ${a.action_type}; the action stays scheduled`, { action_id: actionId, action_type: a.action_type });
  const step = (cur: ScheduledAction, ev: Parameters<typeof applyActionEvent>[1]): ScheduledAction => {
    const next = applyActionEvent(cur, ev);
    saveAction(db, next);
    appendAudit(db, { entry_type: auditTypeForStatus(next.status), timestamp: now, asset_id: next.asset_id, correlation_id: next.trigger_id, action_data: actionData(next) });
    return next;
  };
  return inTransaction(db, () => {
    const running = step(a, { kind: 'start' });
    try {
      setEntityHalted(db, running.asset_id, running.action_type === 'halt', now);
    } catch (err) {
      return step(running, { kind: 'fail', error: err instanceof Error ? err.message : String(err) });
    }
    return step(running, { kind: 'complete' });
  });
}
