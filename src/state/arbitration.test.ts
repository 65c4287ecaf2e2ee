import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { openDatabase, type Database } from '../store/index.js';
import { expectMsezError } from '../../test/support/vectors.js';
import { addEvidence, advanceDispute, disputeDetail, fileDispute, getDispute, getEscrow, listDisputes, openEscrow, recordEnforcement, refundEscrow, releaseEscrow } from './arbitration.js';

const T0 = '2026-04-01T09:00:00Z';
const D1 = 'a'.repeat(64);
const D2 = 'b'.repeat(64);

function fresh(): Database {
  return openDatabase(':memory:');
}

function file(db: Database, id = 'disp-2026-1'): void {
  fileDispute(db, { dispute_id: id, dispute_type: 'payment_default', claimant: 'ent-a', respondent: 'ent-b', evidence_digest: D1 }, T0);
}

function count(db: Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('disputes', () => {
  test('file + advance through the lifecycle: state row, append-only log with evidence digests', () => {
    const db = fresh();
    file(db);
    for (const [to, at] of [
      ['UNDER_REVIEW', '2026-04-02T00:00:00Z'],
      ['EVIDENCE_COLLECTION', '2026-04-03T00:00:00Z'],
      ['HEARING', '2026-04-04T00:00:00Z'],
      ['DECIDED', '2026-04-05T00:00:00Z'],
    ] as const)
      advanceDispute(db, { dispute_id: 'disp-2026-1', to, evidence_digest: D2 }, at);
    const d = getDispute(db, 'disp-2026-1');
    expect(d).toMatchObject({ state: 'DECIDED', filed_at: T0, updated_at: '2026-04-05T00:00:00Z', filing_evidence_digest: D1 });
    expect(d.history.map((h) => `${h.from}>${h.to}`)).toEqual(['FILED>UNDER_REVIEW', 'UNDER_REVIEW>EVIDENCE_COLLECTION', 'EVIDENCE_COLLECTION>HEARING', 'HEARING>DECIDED']);
    expect(db.prepare('SELECT from_state, to_state, evidence_digest FROM dispute_transitions ORDER BY seq').all()).toEqual([
      { from_state: null, to_state: 'FILED', evidence_digest: D1 },
      { from_state: 'FILED', to_state: 'UNDER_REVIEW', evidence_digest: D2 },
      { from_state: 'UNDER_REVIEW', to_state: 'EVIDENCE_COLLECTION', evidence_digest: D2 },
      { from_state: 'EVIDENCE_COLLECTION', to_state: 'HEARING', evidence_digest: D2 },
      { from_state: 'HEARING', to_state: 'DECIDED', evidence_digest: D2 },
    ]);
    expect(() => db.prepare('UPDATE dispute_transitions SET to_state = ?').run('CLOSED')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM dispute_transitions').run()).toThrow(/append-only/);
  });

  test('an invalid transition is refused and nothing is written', () => {
    const db = fresh();
    file(db);
    const before = count(db, 'dispute_transitions');
    expectMsezError(() => advanceDispute(db, { dispute_id: 'disp-2026-1', to: 'DECIDED', evidence_digest: D2 }, '2026-04-02T00:00:00Z'), 'INVALID_TRANSITION');
    expectMsezError(() => advanceDispute(db, { dispute_id: 'disp-2026-1', to: 'UNDER_REVIEW', evidence_digest: 'XYZ' }, '2026-04-02T00:00:00Z'), 'SCHEMA_INVALID');
    expectMsezError(() => advanceDispute(db, { dispute_id: 'disp-2026-1', to: 'OPEN', evidence_digest: D2 }, '2026-04-02T00:00:00Z'), 'SCHEMA_INVALID');
    expectMsezError(() => advanceDispute(db, { dispute_id: 'disp-2026-9', to: 'UNDER_REVIEW', evidence_digest: D2 }, '2026-04-02T00:00:00Z'), 'NOT_FOUND');
    expect(count(db, 'dispute_transitions')).toBe(before);
    expect(getDispute(db, 'disp-2026-1')).toMatchObject({ state: 'FILED', updated_at: T0, history: [] });
    // Terminal states accept nothing.
    advanceDispute(db, { dispute_id: 'disp-2026-1', to: 'DISMISSED', evidence_digest: D2 }, '2026-04-02T00:00:00Z');
    expectMsezError(() => advanceDispute(db, { dispute_id: 'disp-2026-1', to: 'UNDER_REVIEW', evidence_digest: D2 }, '2026-04-03T00:00:00Z'), 'INVALID_TRANSITION');
  });

  test('filing validates before SQL: bad input, duplicate id, same parties', () => {
    const db = fresh();
    expectMsezError(() => fileDispute(db, { dispute_id: 'dispute-1', dispute_type: 'payment_default', claimant: 'a', respondent: 'b', evidence_digest: D1 }, T0), 'SCHEMA_INVALID');
    expectMsezError(() => fileDispute(db, { dispute_id: 'disp-2026-1', dispute_type: 'theft', claimant: 'a', respondent: 'b', evidence_digest: D1 }, T0), 'SCHEMA_INVALID');
    expectMsezError(() => fileDispute(db, { dispute_id: 'disp-2026-1', dispute_type: 'payment_default', claimant: 'a', respondent: 'a', evidence_digest: D1 }, T0), 'VALIDATION_FAILED');
    expect(count(db, 'disputes')).toBe(0);
    file(db);
    expectMsezError(() => file(db), 'CONFLICT');
    expect(count(db, 'dispute_transitions')).toBe(1);
  });

  test('listDisputes pages by id and filters by state', () => {
    const db = fresh();
    for (let i = 1; i <= 5; i++) file(db, `disp-2026-${i}`);
    advanceDispute(db, { dispute_id: 'disp-2026-3', to: 'SETTLED', evidence_digest: D2 }, '2026-04-02T00:00:00Z');
    const p1 = listDisputes(db, { limit: 2 });
    expect([p1.items.map((d) => d.dispute_id), p1.next_offset]).toEqual([['disp-2026-1', 'disp-2026-2'], 2]);
    const p3 = listDisputes(db, { limit: 2, offset: 4 });
    expect([p3.items.map((d) => d.dispute_id), p3.next_offset]).toEqual([['disp-2026-5'], undefined]);
    expect(listDisputes(db, { state: 'SETTLED' }).items.map((d) => d.dispute_id)).toEqual(['disp-2026-3']);
    expectMsezError(() => listDisputes(db, { limit: 0 }), 'USAGE');
  });
});

describe('evidence and enforcement', () => {
  const pkg = (id: string): unknown => ({
    evidence_package_id: id,
    dispute_id: 'disp-2026-1',
    submitting_party: 'ent-a',
    submission_timestamp: '2026-04-02T10:00:00Z',
    evidence_items: [{ evidence_id: 'ev-1', evidence_type: 'invoice', artifact_ref: 'c'.repeat(64) }],
    witness_bundle_ref: null,
  });

  test('evidence is stored with its MCF digest; closed disputes refuse it', () => {
    const db = fresh();
    file(db);
    const e = addEvidence(db, pkg('evp-1'), '2026-04-02T11:00:00Z');
    expect(e).toMatchObject({ evidence_package_id: 'evp-1', item_count: 1, recorded_at: '2026-04-02T11:00:00Z' });
    expect(e.package_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(db.prepare('SELECT package_sha256 FROM evidence_packages').all()).toEqual([{ package_sha256: e.package_sha256 }]);
    expectMsezError(() => addEvidence(db, pkg('evp-1'), T0), 'CONFLICT');
    expectMsezError(() => addEvidence(db, { ...(pkg('evp-2') as object), evidence_items: [] }, T0), 'SCHEMA_INVALID');
    // The package digest can carry the next step.
    advanceDispute(db, { dispute_id: 'disp-2026-1', to: 'DISMISSED', evidence_digest: e.package_sha256 }, '2026-04-03T00:00:00Z');
    expect(getDispute(db, 'disp-2026-1').history[0]?.evidence_digest).toBe(e.package_sha256);
    expectMsezError(() => addEvidence(db, pkg('evp-3'), T0), 'INVALID_STATE');
    expect(count(db, 'evidence_packages')).toBe(1);
  });

  test('enforcement receipts need a decided dispute and are immutable', () => {
    const db = fresh();
    file(db);
    const receipt = { enforcement_id: 'enf-1', dispute_id: 'disp-2026-1', ruling_id: 'rul-1', corridor_id: 'cor-pk-ae', orders_enforced: ['ord-1'], enforcement_method: 'escrow_release', success: true, amount_enforced: '1500.5', currency: 'PKR', enforced_at: '2026-04-06T00:00:00Z' };
    expectMsezError(() => recordEnforcement(db, receipt, T0), 'INVALID_STATE');
    for (const to of ['UNDER_REVIEW', 'EVIDENCE_COLLECTION', 'HEARING', 'DECIDED'] as const) advanceDispute(db, { dispute_id: 'disp-2026-1', to, evidence_digest: D2 }, T0);
    expectMsezError(() => recordEnforcement(db, { ...receipt, enforcement_method: 'court_enforcement' }, T0), 'SCHEMA_INVALID');
    expect(recordEnforcement(db, receipt, '2026-04-06T01:00:00Z')).toMatchObject({ amount_enforced: '1500.50', success: true, orders_enforced: ['ord-1'], recorded_at: '2026-04-06T01:00:00Z' });
    expect(db.prepare('SELECT amount_enforced_minor, success FROM enforcement_receipts').get()).toEqual({ amount_enforced_minor: 150050, success: 1 });
    expectMsezError(() => recordEnforcement(db, receipt, T0), 'CONFLICT');
    expect(() => db.prepare('UPDATE enforcement_receipts SET success = 0').run()).toThrow(/append-only/);
    expect(disputeDetail(db, 'disp-2026-1').enforcement).toHaveLength(1);
  });
});

describe('escrow', () => {
  const open = (db: Database, amount = '1000.00'): void => {
    openEscrow(db, { escrow_id: 'esc-1', dispute_id: 'disp-2026-1', escrow_type: 'security_deposit', currency: 'PKR', amount, depositor: 'ent-b' }, T0);
  };

  test('open (funded), partial release, refund of the rest to the depositor; amounts exact in minor units', () => {
    const db = fresh();
    file(db);
    open(db, '1000.01');
    expect(getEscrow(db, 'esc-1')).toMatchObject({ status: 'funded', amount: '1000.01', released: '0.00', remaining: '1000.01' });
    const r = releaseEscrow(db, { escrow_id: 'esc-1', amount: '250.5', condition: 'InstitutionOrder', to: 'ent-a' }, '2026-04-02T00:00:00Z');
    expect(r).toMatchObject({ status: 'partially_released', released: '250.50', remaining: '749.51' });
    expectMsezError(() => releaseEscrow(db, { escrow_id: 'esc-1', amount: '749.52', condition: 'InstitutionOrder', to: 'ent-a' }, T0), 'VALIDATION_FAILED');
    const f = refundEscrow(db, { escrow_id: 'esc-1', condition: 'DisputeWithdrawn' }, '2026-04-03T00:00:00Z');
    expect(f).toMatchObject({ status: 'fully_released', released: '1000.01', remaining: '0.00' });
    expect(f.movements.map((m) => [m.kind, m.amount, m.to])).toEqual([
      ['release', '250.50', 'ent-a'],
      ['refund', '749.51', 'ent-b'],
    ]);
    expect(db.prepare('SELECT amount_minor, released_minor, status FROM escrows').get()).toEqual({ amount_minor: 100001, released_minor: 100001, status: 'fully_released' });
    expectMsezError(() => refundEscrow(db, { escrow_id: 'esc-1', condition: 'DisputeWithdrawn' }, T0), 'INVALID_TRANSITION');
    expectMsezError(() => releaseEscrow(db, { escrow_id: 'esc-1', amount: '0.01', condition: 'InstitutionOrder', to: 'ent-a' }, T0), 'INVALID_TRANSITION');
    expect(count(db, 'escrow_movements')).toBe(2);
    expect(() => db.prepare('DELETE FROM escrow_movements').run()).toThrow(/append-only/);
  });

  test('bad escrow input writes nothing', () => {
    const db = fresh();
    expectMsezError(() => open(db), 'NOT_FOUND');
    file(db);
    expectMsezError(() => open(db, '10.001'), 'SCHEMA_INVALID');
    expectMsezError(() => open(db, '0'), 'VALIDATION_FAILED');
    expectMsezError(() => open(db, '1e3'), 'SCHEMA_INVALID');
    expect(count(db, 'escrows')).toBe(0);
    open(db);
    expectMsezError(() => open(db), 'CONFLICT');
    expectMsezError(() => releaseEscrow(db, { escrow_id: 'esc-9', amount: '1', condition: 'InstitutionOrder', to: 'ent-a' }, T0), 'NOT_FOUND');
  });

  test('property: any sequence of releases conserves the amount exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 8 }), (total, asks) => {
        const db = fresh();
        file(db);
        const cents = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
        open(db, cents(total));
        let released = 0;
        for (const a of asks) {
          try {
            releaseEscrow(db, { escrow_id: 'esc-1', amount: cents(a), condition: 'RulingEnforced', to: 'ent-a' }, T0);
            released += a;
          } catch {
            expect(released + a > total || released === total).toBe(true);
          }
        }
        const row = db.prepare('SELECT amount_minor, released_minor FROM escrows').get() as { amount_minor: number; released_minor: number };
        const moved = (db.prepare('SELECT coalesce(sum(amount_minor), 0) AS s FROM escrow_movements').get() as { s: number }).s;
        expect([row.amount_minor, row.released_minor, moved]).toEqual([total, released, released]);
        const e = getEscrow(db, 'esc-1');
        expect(BigInt(e.released.replace('.', '')) + BigInt(e.remaining.replace('.', ''))).toBe(BigInt(total));
        db.close();
      }),
      { numRuns: 40 },
    );
  });
});
