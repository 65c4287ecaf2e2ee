import { describe, expect, it } from 'vitest';
import { expectMsezError } from '../../test/support/vectors.js';
import { DISPUTE_TYPES, applyEscrowEvent, fileDispute, formatMoney, makeEnforcementReceipt, openEscrow, parseEvidencePackage, parseMoney, transitionDispute } from './index.js';

const D = 'aa'.repeat(32);
const T = '2026-01-01T00:00:00Z';

describe('dispute lifecycle', () => {
  it('walks FILED → CLOSED with a digest per step and refuses skips', () => {
    expect(DISPUTE_TYPES).toHaveLength(8);
    let d = fileDispute({ dispute_id: 'disp-2026-1', dispute_type: 'payment_default', claimant: 'a', respondent: 'b', at: T, evidence_digest: D });
    expectMsezError(() => transitionDispute(d, 'HEARING', T, D), 'INVALID_TRANSITION');
    for (const s of ['UNDER_REVIEW', 'EVIDENCE_COLLECTION', 'HEARING', 'DECIDED', 'ENFORCED', 'CLOSED'] as const) d = transitionDispute(d, s, T, D);
    expect(d.state).toBe('CLOSED');
    expect(d.history).toHaveLength(6);
    expectMsezError(() => transitionDispute(d, 'SETTLED', T, D), 'INVALID_TRANSITION');
    const e = fileDispute({ dispute_id: 'disp-2026-2', dispute_type: 'force_majeure', claimant: 'a', respondent: 'b', at: T, evidence_digest: D });
    expectMsezError(() => transitionDispute(e, 'DISMISSED', T, 'nope'), 'INVALID_DIGEST');
    const h = transitionDispute(transitionDispute(transitionDispute(e, 'UNDER_REVIEW', T, D), 'EVIDENCE_COLLECTION', T, D), 'HEARING', T, D);
    expect(transitionDispute(h, 'SETTLED', T, D).state).toBe('SETTLED');
    expectMsezError(() => transitionDispute(h, 'DISMISSED', T, D), 'INVALID_TRANSITION');
    expectMsezError(() => fileDispute({ dispute_id: 'dispute-1', dispute_type: 'payment_default', claimant: 'a', respondent: 'b', at: T, evidence_digest: D }), 'VALIDATION_FAILED');
  });
});

describe('escrow, evidence and enforcement', () => {
  it('releases exactly and never more than escrowed', () => {
    expect(parseMoney('0.1')).toBe(10n);
    expect(formatMoney(12345n)).toBe('123.45');
    expectMsezError(() => parseMoney('1.001'), 'VALIDATION_FAILED');
    let e = openEscrow({ escrow_id: 'esc-1', dispute_id: 'disp-2026-1', escrow_type: 'award_escrow', currency: 'USD', amount: '100.00' });
    expectMsezError(() => applyEscrowEvent(e, { kind: 'release', amount: '1', condition: 'RulingEnforced', to: 'a', at: T }), 'INVALID_TRANSITION');
    e = applyEscrowEvent(e, { kind: 'fund' });
    e = applyEscrowEvent(e, { kind: 'release', amount: '40.01', condition: 'RulingEnforced', to: 'a', at: T });
    expect(e.status).toBe('partially_released');
    expectMsezError(() => applyEscrowEvent(e, { kind: 'release', amount: '60.00', condition: 'RulingEnforced', to: 'a', at: T }), 'VALIDATION_FAILED');
    e = applyEscrowEvent(e, { kind: 'release', amount: '59.99', condition: 'SettlementAgreed', to: 'b', at: T });
    expect([e.status, e.released_minor]).toEqual(['fully_released', 10000n]);
    expectMsezError(() => applyEscrowEvent(e, { kind: 'forfeit' }), 'INVALID_TRANSITION');
  });
  it('validates evidence packages and enforcement receipts', () => {
    expectMsezError(() => parseEvidencePackage({ dispute_id: 'x' }), 'SCHEMA_INVALID');
    const p = parseEvidencePackage({ evidence_package_id: 'ev-1', dispute_id: 'disp-2026-1', submitting_party: 'a', submission_timestamp: T, evidence_items: [{ evidence_id: 'i1', evidence_type: 'invoice', artifact_ref: D }], witness_bundle_ref: null });
    expect(p.evidence_items).toHaveLength(1);
    const r = makeEnforcementReceipt({ enforcement_id: 'enf-1', ruling_id: 'r1', corridor_id: 'c', orders_enforced: ['o1'], enforcement_method: 'escrow_release', success: true, amount_enforced: '5', currency: 'USD', enforced_at: T });
    expect(r.amount_enforced).toBe('5.00');
    expectMsezError(() => makeEnforcementReceipt({ ...r, enforcement_method: 'court_enforcement' }), 'VALIDATION_FAILED');
  });
});
