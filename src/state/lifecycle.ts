import { MsezError, assertNever } from '../core/index.js';

/** Entity states (compliance.md §7). */
export const ENTITY_STATES = ['APPLIED', 'ACTIVE', 'REJECTED', 'SUSPENDED', 'DISSOLVING', 'DISSOLVED'] as const;
export type EntityState = (typeof ENTITY_STATES)[number];

/** The 10 dissolution stages in order with their minimum durations in days (compliance.md §7). */
export const DISSOLUTION_STAGES = [
  'BOARD_RESOLUTION',
  'SHAREHOLDER_RESOLUTION',
  'APPOINT_LIQUIDATOR',
  'NOTIFY_CREDITORS',
  'REALIZE_ASSETS',
  'SETTLE_LIABILITIES',
  'FINAL_DISTRIBUTION',
  'FINAL_MEETING',
  'FILE_FINAL_DOCUMENTS',
  'DISSOLUTION',
] as const;
export type DissolutionStage = (typeof DISSOLUTION_STAGES)[number];

/**
 * Minimum days spent in a stage before it may advance. NOTIFY_CREDITORS is 14d of notice plus the 90d
 * claims window (msez rule: the stage cannot close before the claims window ends, so 104 days).
 */
export function stageMinimumDays(s: DissolutionStage): number {
  switch (s) {
    case 'BOARD_RESOLUTION':
      return 7;
    case 'SHAREHOLDER_RESOLUTION':
      return 21;
    case 'APPOINT_LIQUIDATOR':
      return 7;
    case 'NOTIFY_CREDITORS':
      return 14 + 90;
    case 'REALIZE_ASSETS':
      return 90;
    case 'SETTLE_LIABILITIES':
      return 60;
    case 'FINAL_DISTRIBUTION':
      return 14;
    case 'FINAL_MEETING':
      return 35;
    case 'FILE_FINAL_DOCUMENTS':
      return 14;
    case 'DISSOLUTION':
      return 30;
    default:
      return assertNever(s, 'dissolution stage');
  }
}

/** Shareholder approval needed to pass SHAREHOLDER_RESOLUTION: 75% (7500 bps). */
export const SHAREHOLDER_RESOLUTION_BPS = 7500;

export type EntityEvent =
  | { readonly kind: 'approve' }
  | { readonly kind: 'reject' }
  | { readonly kind: 'suspend' }
  | { readonly kind: 'reinstate' }
  | { readonly kind: 'initiate_dissolution' }
  | { readonly kind: 'advance_dissolution'; readonly shareholder_approval_bps?: number };

export interface EntityLifecycle {
  readonly state: EntityState;
  readonly dissolution_stage?: DissolutionStage;
  /** `YYYY-MM-DDTHH:MM:SSZ` the current stage started. */
  readonly dissolution_stage_started_at?: string;
}

function epochSeconds(t: string, field: string): number {
  const ms = Date.parse(t);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(t) || Number.isNaN(ms)) throw new MsezError('VALIDATION_FAILED', `${field}: expected YYYY-MM-DDTHH:MM:SSZ`, { field, found: t });
  return ms / 1000;
}

/**
 * Applies one lifecycle event at `now`. Dissolution advances exactly one stage at a time and only once the
 * stage's minimum duration has elapsed; advancing past DISSOLUTION gives DISSOLVED.
 * @throws INVALID_TRANSITION for an illegal move or an early advance.
 */
export function applyEntityEvent(cur: EntityLifecycle, ev: EntityEvent, now: string): EntityLifecycle {
  const bad = (why = `${cur.state} does not allow ${ev.kind}`): never => {
    throw new MsezError('INVALID_TRANSITION', why, { from: cur.state, event: ev.kind, stage: cur.dissolution_stage ?? null });
  };
  switch (ev.kind) {
    case 'approve':
      return cur.state === 'APPLIED' ? { state: 'ACTIVE' } : bad();
    case 'reject':
      return cur.state === 'APPLIED' ? { state: 'REJECTED' } : bad();
    case 'suspend':
      return cur.state === 'ACTIVE' ? { state: 'SUSPENDED' } : bad();
    case 'reinstate':
      return cur.state === 'SUSPENDED' ? { state: 'ACTIVE' } : bad();
    case 'initiate_dissolution':
      epochSeconds(now, 'now');
      return cur.state === 'ACTIVE' ? { state: 'DISSOLVING', dissolution_stage: 'BOARD_RESOLUTION', dissolution_stage_started_at: now } : bad();
    case 'advance_dissolution': {
      if (cur.state !== 'DISSOLVING' || cur.dissolution_stage === undefined || cur.dissolution_stage_started_at === undefined) return bad();
      const stage = cur.dissolution_stage;
      const elapsedDays = (epochSeconds(now, 'now') - epochSeconds(cur.dissolution_stage_started_at, 'dissolution_stage_started_at')) / 86400;
      const min = stageMinimumDays(stage);
      if (elapsedDays < min) return bad(`${stage} needs ${min} days; only ${Math.floor(elapsedDays)} elapsed`);
      if (stage === 'SHAREHOLDER_RESOLUTION' && (ev.shareholder_approval_bps ?? 0) < SHAREHOLDER_RESOLUTION_BPS) {
        return bad(`SHAREHOLDER_RESOLUTION needs ${SHAREHOLDER_RESOLUTION_BPS} bps approval`);
      }
      const i = DISSOLUTION_STAGES.indexOf(stage);
      const next = DISSOLUTION_STAGES[i + 1];
      return next === undefined ? { state: 'DISSOLVED' } : { state: 'DISSOLVING', dissolution_stage: next, dissolution_stage_started_at: now };
    }
    default:
      return assertNever(ev, 'entity event');
  }
}

/** License states (compliance.md §8). */
export const LICENSE_STATES = ['APPLIED', 'UNDER_REVIEW', 'ACTIVE', 'REJECTED', 'SUSPENDED', 'REVOKED', 'EXPIRED', 'SURRENDERED'] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];

export function licenseNextStates(s: LicenseState): readonly LicenseState[] {
  switch (s) {
    case 'APPLIED':
      return ['UNDER_REVIEW', 'REJECTED'];
    case 'UNDER_REVIEW':
      return ['ACTIVE', 'REJECTED'];
    case 'ACTIVE':
      return ['SUSPENDED', 'REVOKED', 'EXPIRED', 'SURRENDERED'];
    case 'SUSPENDED':
      return ['ACTIVE', 'REVOKED'];
    case 'REJECTED':
    case 'REVOKED':
    case 'EXPIRED':
    case 'SURRENDERED':
      return [];
    default:
      return assertNever(s, 'license state');
  }
}

export function transitionLicense(from: LicenseState, to: LicenseState): LicenseState {
  if (!licenseNextStates(from).includes(to)) throw new MsezError('INVALID_TRANSITION', `license ${from} -> ${to} is not allowed`, { from, to });
  return to;
}
