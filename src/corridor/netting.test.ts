import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { expectMsezError } from '../../test/support/vectors.js';
import { formatAmount, parseAmount } from './money.js';
import { legId, net, parseObligations, type Obligation } from './netting.js';
import { PACS008_NAMESPACE, buildSettlementPlan, deriveUetr, parsePartyDirectory, toPacs008 } from './settlement.js';
import { findRoute, parseCorridorGraph } from './routing.js';

const ob = (d: string, c: string, amount: string, currency = 'USD'): Obligation => ({ debtor_party_id: d, creditor_party_id: c, amount, currency });

describe('amounts (D9)', () => {
  test('exact minor units per ISO 4217 precision', () => {
    expect(parseAmount('10.5', 'USD')).toBe(1050n);
    expect(parseAmount('10', 'JPY')).toBe(10n);
    expect(parseAmount('1.234', 'KWD')).toBe(1234n);
    expect(parseAmount('123456789012345678901234567890.99', 'USD')).toBe(12345678901234567890123456789099n);
    expect(formatAmount(1050n, 'USD')).toBe('10.50');
    expect(formatAmount(-5n, 'KWD')).toBe('-0.005');
    expect(formatAmount(7n, 'JPY')).toBe('7');
  });
  test.each([['1.234', 'USD'], ['1.0', 'JPY'], ['01', 'USD'], ['1e2', 'USD'], ['-1', 'USD'], ['1.', 'USD'], ['1', 'XXX']])('rejects %s %s', (a, c) => {
    expectMsezError(() => parseAmount(a, c), 'VALIDATION_FAILED');
  });
});

describe('parseObligations rejection rules', () => {
  test.each([
    ['zero amount', [{ debtor_party_id: 'a', creditor_party_id: 'b', amount: '0', currency: 'USD' }]],
    ['self', [{ debtor_party_id: 'a', creditor_party_id: 'a', amount: '1', currency: 'USD' }]],
    ['empty id', [{ debtor_party_id: '', creditor_party_id: 'b', amount: '1', currency: 'USD' }]],
    ['unknown currency', [{ debtor_party_id: 'a', creditor_party_id: 'b', amount: '1', currency: 'ZZZ' }]],
    ['too many digits', [{ debtor_party_id: 'a', creditor_party_id: 'b', amount: '1.001', currency: 'USD' }]],
    ['duplicate', [ob('a', 'b', '1.5'), ob('a', 'b', '1.50')]],
    ['unknown field', [{ ...ob('a', 'b', '1'), extra: 1 }]],
  ])('%s', (_n, list) => expectMsezError(() => parseObligations(list as never), 'VALIDATION_FAILED'));
});

describe('net()', () => {
  test('leg id example from corridors.md §10', () => {
    expect(legId('alice', 'bob', 'USD', 1)).toBe('leg:70705db71bed0cb8');
  });
  test('greedy ordering, leg ids, reduction in bps', () => {
    const r = net([ob('a', 'b', '100.00'), ob('b', 'c', '60.00'), ob('c', 'a', '10.00'), ob('d', 'c', '5', 'JPY')]);
    expect(r.positions).toEqual([
      { party_id: 'c', currency: 'JPY', amount: '5' },
      { party_id: 'd', currency: 'JPY', amount: '-5' },
      { party_id: 'a', currency: 'USD', amount: '-90.00' },
      { party_id: 'b', currency: 'USD', amount: '40.00' },
      { party_id: 'c', currency: 'USD', amount: '50.00' },
    ]);
    expect(r.legs).toEqual([
      { leg_id: legId('d', 'c', 'JPY', 1), from_party_id: 'd', to_party_id: 'c', amount: '5', currency: 'JPY' },
      { leg_id: legId('a', 'c', 'USD', 2), from_party_id: 'a', to_party_id: 'c', amount: '50.00', currency: 'USD' },
      { leg_id: legId('a', 'b', 'USD', 3), from_party_id: 'a', to_party_id: 'b', amount: '40.00', currency: 'USD' },
    ]);
    expect(r.currencies.find((c) => c.currency === 'USD')).toMatchObject({ gross: '170.00', net: '90.00', reduction_bps: 4705 });
  });
  test('property: every party net position is conserved exactly, legs never exceed need', () => {
    const party = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6');
    const ccy = fc.constantFrom('USD', 'JPY', 'KWD');
    const obligation = fc.record({ d: party, c: party, minor: fc.bigInt({ min: 1n, max: 10n ** 20n }), ccy }).filter((o) => o.d !== o.c);
    fc.assert(
      fc.property(fc.array(obligation, { minLength: 1, maxLength: 40 }), (raw) => {
        const obs = raw.map((o) => ob(o.d, o.c, formatAmount(o.minor, o.ccy), o.ccy));
        const r = net(obs);
        const key = (p: string, c: string): string => `${p}|${c}`;
        const expected = new Map<string, bigint>();
        for (const o of raw) {
          expected.set(key(o.c, o.ccy), (expected.get(key(o.c, o.ccy)) ?? 0n) + o.minor);
          expected.set(key(o.d, o.ccy), (expected.get(key(o.d, o.ccy)) ?? 0n) - o.minor);
        }
        const viaLegs = new Map<string, bigint>();
        for (const l of r.legs) {
          const amt = parseAmount(l.amount, l.currency);
          expect(amt > 0n).toBe(true);
          viaLegs.set(key(l.to_party_id, l.currency), (viaLegs.get(key(l.to_party_id, l.currency)) ?? 0n) + amt);
          viaLegs.set(key(l.from_party_id, l.currency), (viaLegs.get(key(l.from_party_id, l.currency)) ?? 0n) - amt);
        }
        for (const [k, v] of expected) expect(viaLegs.get(k) ?? 0n).toBe(v);
        for (const p of r.positions) expect(parseAmount(p.amount.replace('-', ''), p.currency) * (p.amount.startsWith('-') ? -1n : 1n)).toBe(expected.get(key(p.party_id, p.currency)));
        for (const c of r.currencies) expect(c.reduction_bps >= 0 && c.reduction_bps <= 10000).toBe(true);
      }),
    );
  });
});

describe('settlement plan and pacs.008.001.08', () => {
  const parties = parsePartyDirectory([
    { party_id: 'a', name: 'Alpha & Co <Ltd>', bic: 'ALPHUS33' },
    { party_id: 'b', name: 'Beta', bic: 'BETAGB2LXXX' },
    { party_id: 'c', name: 'Gamma', bic: 'GAMMPKKA' },
  ]);
  const plan = buildSettlementPlan({
    obligations: [ob('a', 'b', '100.00'), ob('b', 'c', '60.00'), ob('c', 'a', '10.00')],
    settlement_corridors: [{ corridor_id: 'corr-z', currencies: ['USD'], priority: 2 }, { corridor_id: 'corr-y', currencies: ['USD'], priority: 1 }],
    created_at: '2026-01-02T03:04:05Z',
  });
  test('plan picks the lowest-priority corridor and has a stable id', () => {
    expect(plan.settlement_legs.every((l) => l.settlement_corridor_id === 'corr-y')).toBe(true);
    expect(plan.plan_id).toMatch(/^plan:[0-9a-f]{64}$/);
    expect(buildSettlementPlan({ obligations: plan.obligations, settlement_corridors: plan.settlement_corridors, created_at: plan.created_at }).plan_id).toBe(plan.plan_id);
  });
  test('XML is well-formed, namespaced, with the real element names', () => {
    const xml = toPacs008(plan, parties);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (_l, m) => void errors.push(m) }).parseFromString(xml, 'application/xml');
    expect(errors).toEqual([]);
    const root = doc.documentElement!;
    expect(root.localName).toBe('Document');
    expect(root.namespaceURI).toBe(PACS008_NAMESPACE);
    const all = (name: string) => Array.from(doc.getElementsByTagNameNS(PACS008_NAMESPACE, name));
    expect(all('FIToFICstmrCdtTrf')).toHaveLength(1);
    expect(all('GrpHdr')[0]!.getElementsByTagNameNS(PACS008_NAMESPACE, 'NbOfTxs')[0]!.textContent).toBe('2');
    const txs = all('CdtTrfTxInf');
    expect(txs).toHaveLength(2);
    const amt = all('IntrBkSttlmAmt')[0]!;
    expect(amt.getAttribute('Ccy')).toBe('USD');
    expect(amt.textContent).toBe(plan.settlement_legs[0]!.amount);
    expect(all('BICFI').map((e) => e.textContent)).toEqual(['ALPHUS33', 'GAMMPKKA', 'ALPHUS33', 'BETAGB2LXXX']);
    expect(all('Nm')[0]!.textContent).toBe('Alpha & Co <Ltd>');
    const uetr = all('UETR')[0]!.textContent!;
    expect(uetr).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uetr).toBe(deriveUetr(plan.plan_id, plan.settlement_legs[0]!.leg_id));
    for (const tx of txs) {
      const names = Array.from(tx.childNodes).filter((n) => n.nodeType === 1).map((n) => (n as Element).localName);
      expect(names).toEqual(['PmtId', 'IntrBkSttlmAmt', 'IntrBkSttlmDt', 'ChrgBr', 'Dbtr', 'DbtrAgt', 'CdtrAgt', 'Cdtr', 'RmtInf']);
    }
    expect(all('RmtInf')).toHaveLength(2);
  });
  test('missing BIC or empty plan is refused', () => {
    expectMsezError(() => toPacs008(plan, new Map()), 'VALIDATION_FAILED');
    expectMsezError(() => parsePartyDirectory([{ party_id: 'a', bic: 'nope' }]), 'SCHEMA_INVALID');
  });
});

describe('routing (Dijkstra on fee_bps)', () => {
  const g = parseCorridorGraph({
    corridors: [
      { corridor_id: 'ab', from: 'A', to: 'B', fee_bps: 10, settlement_seconds: 60 },
      { corridor_id: 'bc', from: 'B', to: 'C', fee_bps: 10, settlement_seconds: 60 },
      { corridor_id: 'ac', from: 'A', to: 'C', fee_bps: 25, settlement_seconds: 5 },
      { corridor_id: 'ad', from: 'A', to: 'D', fee_bps: 5 },
      { corridor_id: 'dc', from: 'D', to: 'C', fee_bps: 1, state: 'HALTED' },
      { corridor_id: 'ax', from: 'A', to: 'X', fee_bps: 20 },
      { corridor_id: 'ay', from: 'A', to: 'X', fee_bps: 20 },
    ],
  });
  test('cheapest ACTIVE path wins; time summed', () => {
    expect(findRoute(g, 'A', 'C')).toEqual({ source: 'A', target: 'C', corridor_ids: ['ab', 'bc'], hops: ['A', 'B', 'C'], total_fee_bps: 20, total_settlement_seconds: 120 });
  });
  test('ties: fewer hops, then smaller corridor ids; no route cases', () => {
    expect(findRoute(g, 'A', 'X')?.corridor_ids).toEqual(['ax']);
    expect(findRoute([...g, { corridor_id: 'aa', from: 'A', to: 'C', fee_bps: 20, settlement_seconds: 0, state: 'ACTIVE' }], 'A', 'C')?.corridor_ids).toEqual(['aa']);
    expect(findRoute(g, 'A', 'A')).toBeUndefined();
    expect(findRoute(g, 'C', 'A')).toBeUndefined();
    expectMsezError(() => parseCorridorGraph([{ corridor_id: 'x', from: 'A', to: 'B', fee_bps: -1 }]), 'SCHEMA_INVALID');
  });
});
