import { MsezError, assertNever } from '../core/index.js';

/** Migration saga phases (compliance.md §6, the Rust machine). */
export const MIGRATION_PHASES = [
  'INITIATED',
  'COMPLIANCE_CHECK',
  'ATTESTATION_GATHERING',
  'SOURCE_LOCKED',
  'IN_TRANSIT',
  'DESTINATION_VERIFICATION',
  'DESTINATION_UNLOCK',
  'COMPLETED',
] as const;
export type MigrationPhase = (typeof MIGRATION_PHASES)[number];
export const MIGRATION_TERMINAL_FAILURES = ['COMPENSATED', 'TIMED_OUT', 'CANCELLED'] as const;
export type MigrationFailure = (typeof MIGRATION_TERMINAL_FAILURES)[number];
export type MigrationState = MigrationPhase | MigrationFailure;

export const COMPENSATION_ACTIONS = ['unlock_source', 'refund_fees', 'void_attestations', 'restore_compliance_state', 'notify_counterparties', 'file_dispute'] as const;
export type CompensationAction = (typeof COMPENSATION_ACTIONS)[number];

/** One compensation step; a failure is recorded, never hidden. */
export interface CompensationRecord {
  readonly action: CompensationAction;
  readonly at: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface MigrationSaga {
  readonly migration_id: string;
  readonly entity_id: string;
  readonly source_jurisdiction: string;
  readonly target_jurisdiction: string;
  readonly state: MigrationState;
  /** Mandatory; `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly deadline: string;
  readonly history: readonly { readonly from: MigrationState; readonly to: MigrationState; readonly at: string }[];
  readonly compensations: readonly CompensationRecord[];
}

export function isTerminal(s: MigrationState): boolean {
  switch (s) {
    case 'COMPLETED':
    case 'COMPENSATED':
    case 'TIMED_OUT':
    case 'CANCELLED':
      return true;
    case 'INITIATED':
    case 'COMPLIANCE_CHECK':
    case 'ATTESTATION_GATHERING':
    case 'SOURCE_LOCKED':
    case 'IN_TRANSIT':
    case 'DESTINATION_VERIFICATION':
    case 'DESTINATION_UNLOCK':
      return false;
    default:
      return assertNever(s, 'migration state');
  }
}

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function assertTs(t: string, field: string): void {
  if (!TS.test(t) || Number.isNaN(Date.parse(t))) throw new MsezError('VALIDATION_FAILED', `${field}: expected YYYY-MM-DDTHH:MM:SSZ`, { field, found: t });
}

export function startMigration(input: { migration_id: string; entity_id: string; source_jurisdiction: string; target_jurisdiction: string; deadline: string }, now: string): MigrationSaga {
  assertTs(input.deadline, 'deadline');
  assertTs(now, 'now');
  if (input.source_jurisdiction === input.target_jurisdiction) throw new MsezError('VALIDATION_FAILED', 'source and target jurisdiction must differ', {});
  if (input.deadline <= now) throw new MsezError('VALIDATION_FAILED', 'deadline must be in the future', { deadline: input.deadline, now });
  return { ...input, state: 'INITIATED', history: [], compensations: [] };
}

export type MigrationEvent =
  | { readonly kind: 'advance' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'compensate'; readonly results: readonly { readonly action: CompensationAction; readonly ok: boolean; readonly error?: string }[] };

function move(m: MigrationSaga, to: MigrationState, at: string, extra: Partial<MigrationSaga> = {}): MigrationSaga {
  return { ...m, ...extra, state: to, history: [...m.history, { from: m.state, to, at }] };
}

/**
 * Applies one event at `now`. The deadline is checked first on every step: once `now` is past it, a
 * non-terminal migration is forced to TIMED_OUT whatever the event. CANCELLED only before IN_TRANSIT;
 * compensation only from IN_TRANSIT onward, and every compensation result (including failures) is kept.
 */
export function applyMigrationEvent(m: MigrationSaga, ev: MigrationEvent, now: string): MigrationSaga {
  assertTs(now, 'now');
  if (isTerminal(m.state)) throw new MsezError('INVALID_TRANSITION', `migration ${m.migration_id} is already ${m.state}`, { from: m.state, event: ev.kind });
  if (now > m.deadline) return move(m, 'TIMED_OUT', now);
  const idx = MIGRATION_PHASES.indexOf(m.state as MigrationPhase);
  const transitIdx = MIGRATION_PHASES.indexOf('IN_TRANSIT');
  switch (ev.kind) {
    case 'advance':
      return move(m, MIGRATION_PHASES[idx + 1] as MigrationPhase, now);
    case 'cancel':
      if (idx >= transitIdx) throw new MsezError('INVALID_TRANSITION', 'CANCELLED is allowed only before IN_TRANSIT', { from: m.state });
      return move(m, 'CANCELLED', now);
    case 'compensate': {
      if (idx < transitIdx) throw new MsezError('INVALID_TRANSITION', 'compensation is allowed only from IN_TRANSIT onward', { from: m.state });
      if (ev.results.length === 0) throw new MsezError('VALIDATION_FAILED', 'compensation needs at least one action result', {});
      const records: CompensationRecord[] = ev.results.map((r) => ({ action: r.action, at: now, ok: r.ok, ...(r.error !== undefined ? { error: r.error } : {}) }));
      return move(m, 'COMPENSATED', now, { compensations: [...m.compensations, ...records] });
    }
    default:
      return assertNever(ev, 'migration event');
  }
}
