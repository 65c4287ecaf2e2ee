import { MsezError, assertNever } from '../core/index.js';

/** Compliance states, worst to best (design README D10, compliance.md §2). */
export const COMPLIANCE_STATES = ['non_compliant', 'expired', 'pending', 'not_applicable', 'exempt', 'compliant'] as const;

export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

const RANK = new Map<string, number>(COMPLIANCE_STATES.map((s, i) => [s, i]));

export function isComplianceState(value: unknown): value is ComplianceState {
  return typeof value === 'string' && RANK.has(value);
}

/** 0 (non_compliant) … 5 (compliant). */
export function stateRank(state: ComplianceState): number {
  return RANK.get(state) as number;
}

/** The worse of two states; non_compliant absorbs (D10). */
export function meet(a: ComplianceState, b: ComplianceState): ComplianceState {
  return stateRank(a) <= stateRank(b) ? a : b;
}

/** The better of two states (D10). */
export function join(a: ComplianceState, b: ComplianceState): ComplianceState {
  return stateRank(a) >= stateRank(b) ? a : b;
}

/** meet over a list; the empty list is `pending` (a missing value is pending). */
export function meetAll(states: readonly ComplianceState[]): ComplianceState {
  return states.length === 0 ? 'pending' : states.reduce(meet);
}

/** compliant, exempt and not_applicable pass (D10). */
export function isPassing(state: ComplianceState): boolean {
  switch (state) {
    case 'compliant':
    case 'exempt':
    case 'not_applicable':
      return true;
    case 'non_compliant':
    case 'expired':
    case 'pending':
      return false;
    default:
      return assertNever(state, 'compliance state');
  }
}

/**
 * Reads an untrusted state. A missing or empty value is `pending` (D10); `unknown` and every other
 * string are rejected (msez rule, compliance.md §2).
 */
export function parseComplianceState(value: unknown, field = 'state'): ComplianceState {
  if (value === undefined || value === null || value === '') return 'pending';
  if (isComplianceState(value)) return value;
  throw new MsezError('VALIDATION_FAILED', `${field}: expected a compliance state, got ${JSON.stringify(value)}`, {
    field,
    found: String(value),
  });
}
