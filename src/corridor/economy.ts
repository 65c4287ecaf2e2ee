import { MsezError } from '../core/index.js';
import { formatAmount, parseAmount } from './money.js';

/** Watcher bonds, slashing and reputation (corridors.md §8), in exact integers: rates in basis points. */

export type SlashCondition = 'equivocation' | 'availability_failure' | 'false_attestation' | 'collusion' | 'safety_violation' | 'liveness_violation';

/** Rate in basis points (10000 = 1.00); any condition not named is 0.10 (msez rule: exact, never floats). */
export function slashRateBps(condition: string): number {
  const known: Record<SlashCondition, number> = {
    equivocation: 10000,
    availability_failure: 100,
    false_attestation: 5000,
    collusion: 10000,
    safety_violation: 7500,
    liveness_violation: 1000,
  };
  return (known as Record<string, number>)[condition] ?? 1000;
}

export interface Bond {
  readonly watcher: string;
  readonly currency: string;
  readonly collateral: string;
  readonly available: string;
  readonly attestation_cap: string;
  readonly valid_from_epoch: number;
  readonly valid_until_epoch: number;
  readonly banned: boolean;
}

const YEAR = 365 * 24 * 3600;
export const CHALLENGE_WINDOW_SECONDS = 7 * 24 * 3600;

/** A bond: cap defaults to 10 × collateral, validity to one year. */
export function createBond(watcher: string, collateral: string, currency: string, fromEpoch: number): Bond {
  const c = parseAmount(collateral, currency, 'collateral');
  if (c <= 0n) throw new MsezError('VALIDATION_FAILED', 'collateral must be > 0', { field: 'collateral' });
  return { watcher, currency, collateral: formatAmount(c, currency), available: formatAmount(c, currency), attestation_cap: formatAmount(c * 10n, currency), valid_from_epoch: fromEpoch, valid_until_epoch: fromEpoch + YEAR, banned: false };
}

export interface SlashClaim {
  readonly watcher: string;
  readonly condition: string;
  readonly rate_bps: number;
  readonly amount: string;
  readonly filed_at_epoch: number;
  readonly challenge_ends_epoch: number;
  readonly permanent_ban: boolean;
}

/** Slash = collateral × rate (truncated to minor units), capped at the available collateral. */
export function slash(bond: Bond, condition: string, filedAtEpoch: number): { claim: SlashClaim; bond: Bond } {
  const rate = slashRateBps(condition);
  const collateral = parseAmount(bond.collateral, bond.currency);
  const available = parseAmount(bond.available, bond.currency);
  const raw = (collateral * BigInt(rate)) / 10000n;
  const amount = raw > available ? available : raw;
  const ban = condition === 'collusion';
  return {
    claim: { watcher: bond.watcher, condition, rate_bps: rate, amount: formatAmount(amount, bond.currency), filed_at_epoch: filedAtEpoch, challenge_ends_epoch: filedAtEpoch + CHALLENGE_WINDOW_SECONDS, permanent_ban: ban },
    bond: { ...bond, available: formatAmount(available - amount, bond.currency), banned: bond.banned || ban },
  };
}

/** A claim is final once its 7-day challenge window has passed. */
export function claimFinal(claim: SlashClaim, nowEpoch: number): boolean {
  return nowEpoch >= claim.challenge_ends_epoch;
}

export type ReputationTier = 'elite' | 'trusted' | 'standard' | 'novice';

/** Tenure points 0/5/10/15/20 (msez rule: < 90 d, < 180 d, < 365 d, < 730 d, otherwise). */
export function tenurePoints(days: number): number {
  return days < 90 ? 0 : days < 180 ? 5 : days < 365 ? 10 : days < 730 ? 15 : 20;
}

/**
 * Reputation = 0.4·availability + 0.5·accuracy + 0.1·tenure − min(30, 10·slashes), computed in tenths
 * (availability and accuracy are integer percentages). Returned as a one-decimal string.
 */
export function reputation(input: { availability_pct: number; accuracy_pct: number; tenure_days: number; slashes: number }): { score: string; tier: ReputationTier } {
  for (const [k, v] of Object.entries(input)) if (!Number.isSafeInteger(v) || v < 0) throw new MsezError('VALIDATION_FAILED', `${k} must be a non-negative integer`, { field: k });
  if (input.availability_pct > 100 || input.accuracy_pct > 100) throw new MsezError('VALIDATION_FAILED', 'percentages must be ≤ 100');
  const tenths = 4 * input.availability_pct + 5 * input.accuracy_pct + tenurePoints(input.tenure_days) - 10 * Math.min(30, 10 * input.slashes);
  const tier: ReputationTier = tenths >= 950 ? 'elite' : tenths >= 850 ? 'trusted' : tenths >= 700 ? 'standard' : 'novice';
  const sign = tenths < 0 ? '-' : '';
  const a = Math.abs(tenths);
  return { score: `${sign}${Math.floor(a / 10)}.${a % 10}`, tier };
}
