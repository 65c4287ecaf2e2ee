import { MsezError, assertNever } from '../core/index.js';

/** Escrow (compliance.md §9). Money is a decimal string with 2 fraction digits at most, kept in integer minor units. */
export const ESCROW_TYPES = ['filing_fee', 'security_deposit', 'award_escrow', 'appeal_bond'] as const;
export type EscrowType = (typeof ESCROW_TYPES)[number];
export const ESCROW_STATUSES = ['pending', 'funded', 'partially_released', 'fully_released', 'forfeited'] as const;
export type EscrowStatus = (typeof ESCROW_STATUSES)[number];
export const RELEASE_CONDITIONS = ['RulingEnforced', 'AppealPeriodExpired', 'SettlementAgreed', 'DisputeWithdrawn', 'InstitutionOrder'] as const;
export type ReleaseCondition = (typeof RELEASE_CONDITIONS)[number];

export interface Escrow {
  readonly escrow_id: string;
  readonly dispute_id: string;
  readonly escrow_type: EscrowType;
  readonly currency: string;
  readonly amount_minor: bigint;
  readonly released_minor: bigint;
  readonly status: EscrowStatus;
  readonly releases: readonly { readonly amount_minor: bigint; readonly condition: ReleaseCondition; readonly to: string; readonly at: string }[];
}

/** "123.45" → 12345n. More than 2 fraction digits, signs and exponents are rejected. */
export function parseMoney(s: string, field = 'amount'): bigint {
  const m = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/.exec(s);
  if (m === null) throw new MsezError('VALIDATION_FAILED', `${field}: expected a non-negative decimal string with at most 2 fraction digits`, { field, found: s });
  return BigInt(m[1] as string) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** 12345n → "123.45". */
export function formatMoney(minor: bigint): string {
  const neg = minor < 0n;
  const a = neg ? -minor : minor;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

export function openEscrow(input: { escrow_id: string; dispute_id: string; escrow_type: EscrowType; currency: string; amount: string }): Escrow {
  const amount = parseMoney(input.amount);
  if (amount === 0n) throw new MsezError('VALIDATION_FAILED', 'amount must be > 0', {});
  return { ...input, amount_minor: amount, released_minor: 0n, status: 'pending', releases: [] };
}

export type EscrowEvent =
  | { readonly kind: 'fund' }
  | { readonly kind: 'release'; readonly amount: string; readonly condition: ReleaseCondition; readonly to: string; readonly at: string }
  | { readonly kind: 'forfeit' };

/** pending→funded→(partially_released)*→fully_released; funded or partially_released→forfeited. */
export function applyEscrowEvent(e: Escrow, ev: EscrowEvent): Escrow {
  const bad = (): never => {
    throw new MsezError('INVALID_TRANSITION', `escrow ${e.escrow_id}: cannot ${ev.kind} from ${e.status}`, { from: e.status, event: ev.kind });
  };
  switch (ev.kind) {
    case 'fund':
      return e.status === 'pending' ? { ...e, status: 'funded' } : bad();
    case 'release': {
      if (e.status !== 'funded' && e.status !== 'partially_released') return bad();
      const amt = parseMoney(ev.amount);
      if (amt === 0n || e.released_minor + amt > e.amount_minor) throw new MsezError('VALIDATION_FAILED', 'release exceeds the escrowed amount', { remaining: formatMoney(e.amount_minor - e.released_minor) });
      const released = e.released_minor + amt;
      return {
        ...e,
        released_minor: released,
        status: released === e.amount_minor ? 'fully_released' : 'partially_released',
        releases: [...e.releases, { amount_minor: amt, condition: ev.condition, to: ev.to, at: ev.at }],
      };
    }
    case 'forfeit':
      return e.status === 'funded' || e.status === 'partially_released' ? { ...e, status: 'forfeited' } : bad();
    default:
      return assertNever(ev, 'escrow event');
  }
}
