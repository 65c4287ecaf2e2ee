import { MsezError } from '../core/index.js';
import { formatMoney, parseMoney } from './escrow.js';

export const ENFORCEMENT_METHODS = ['smart_asset', 'escrow_release', 'manual', 'court'] as const;
export type EnforcementMethod = (typeof ENFORCEMENT_METHODS)[number];

/** Enforcement receipt (compliance.md §9); money is a decimal string. */
export interface EnforcementReceipt {
  readonly enforcement_id: string;
  readonly ruling_id: string;
  readonly corridor_id: string;
  readonly orders_enforced: readonly string[];
  readonly enforcement_method: EnforcementMethod;
  readonly success: boolean;
  readonly amount_enforced: string;
  readonly currency: string;
  readonly enforced_at: string;
}

export function makeEnforcementReceipt(input: {
  enforcement_id: string;
  ruling_id: string;
  corridor_id: string;
  orders_enforced: readonly string[];
  enforcement_method: string;
  success: boolean;
  amount_enforced: string;
  currency: string;
  enforced_at: string;
}): EnforcementReceipt {
  if (!(ENFORCEMENT_METHODS as readonly string[]).includes(input.enforcement_method)) {
    throw new MsezError('VALIDATION_FAILED', `enforcement_method: expected ${ENFORCEMENT_METHODS.join('|')}`, { found: input.enforcement_method });
  }
  if (input.orders_enforced.length === 0) throw new MsezError('VALIDATION_FAILED', 'orders_enforced must be non-empty', {});
  return { ...input, enforcement_method: input.enforcement_method as EnforcementMethod, orders_enforced: [...input.orders_enforced], amount_enforced: formatMoney(parseMoney(input.amount_enforced, 'amount_enforced')) };
}
