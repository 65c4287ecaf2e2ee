import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { readDataFile } from '../core/index.js';
import { PROJECT_ROOT, expectMsezError } from '../../test/support/vectors.js';
import {
  DISSOLUTION_STAGES,
  MIGRATION_PHASES,
  applyEntityEvent,
  applyMigrationEvent,
  computeWithholding,
  parseCnic,
  parseDid,
  parseNtn,
  parsePassport,
  parseWithholdingTable,
  stageMinimumDays,
  startMigration,
  toCents,
  transitionLicense,
  FILER_STATUSES,
  TAX_EVENT_TYPES,
  type EntityLifecycle,
  type MigrationSaga,
} from './index.js';

const iso = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
const T0 = Date.parse('2026-01-01T00:00:00Z') / 1000;
const DAY = 86400;

describe('entity lifecycle and dissolution (compliance.md §7)', () => {
  it('walks all 10 stages at their minimum durations to DISSOLVED', () => {
    let t = T0;
    let e: EntityLifecycle = applyEntityEvent(applyEntityEvent({ state: 'APPLIED' }, { kind: 'approve' }, iso(t)), { kind: 'initiate_dissolution' }, iso(t));
    for (const stage of DISSOLUTION_STAGES) {
      expect(e.dissolution_stage).toBe(stage);
      t += stageMinimumDays(stage) * DAY;
      e = applyEntityEvent(e, { kind: 'advance_dissolution', shareholder_approval_bps: 7500 }, iso(t));
    }
    expect(e).toEqual({ state: 'DISSOLVED' });
    expectMsezError(() => applyEntityEvent({ state: 'SUSPENDED' }, { kind: 'initiate_dissolution' }, iso(T0)), 'INVALID_TRANSITION');
    expectMsezError(() => applyEntityEvent({ state: 'ACTIVE' }, { kind: 'advance_dissolution' }, iso(T0)), 'INVALID_TRANSITION');
  });
  it('cannot skip a stage or finish early (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 * DAY }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 10000 }), (waits, bps) => {
        let t = T0;
        let e: EntityLifecycle = { state: 'DISSOLVING', dissolution_stage: 'BOARD_RESOLUTION', dissolution_stage_started_at: iso(t) };
        let stageStart = t;
        let reached = 0;
        for (const w of waits) {
          t += w;
          const stage = e.dissolution_stage;
          if (stage === undefined) break;
          const early = t - stageStart < stageMinimumDays(stage) * DAY;
          const vetoed = stage === 'SHAREHOLDER_RESOLUTION' && bps < 7500;
          try {
            const next = applyEntityEvent(e, { kind: 'advance_dissolution', shareholder_approval_bps: bps }, iso(t));
            expect(early || vetoed).toBe(false);
            const i = DISSOLUTION_STAGES.indexOf(stage);
            if (next.state === 'DISSOLVED') expect(i).toBe(DISSOLUTION_STAGES.length - 1);
            else expect(next.dissolution_stage).toBe(DISSOLUTION_STAGES[i + 1]);
            e = next;
            stageStart = t;
            reached++;
          } catch (err) {
            expect(early || vetoed).toBe(true);
            expect((err as { code?: string }).code).toBe('INVALID_TRANSITION');
          }
        }
        const total = DISSOLUTION_STAGES.reduce((s, x) => s + stageMinimumDays(x), 0) * DAY;
        if (e.state === 'DISSOLVED') expect(t - T0).toBeGreaterThanOrEqual(total);
        expect(reached).toBeLessThanOrEqual(10);
      }),
      { numRuns: 300 },
    );
  });
  it('license lifecycle', () => {
    expect(transitionLicense('APPLIED', 'UNDER_REVIEW')).toBe('UNDER_REVIEW');
    expectMsezError(() => transitionLicense('APPLIED', 'ACTIVE'), 'INVALID_TRANSITION');
    expectMsezError(() => transitionLicense('EXPIRED', 'ACTIVE'), 'INVALID_TRANSITION');
  });
});

describe('migration saga (compliance.md §6)', () => {
  const start = (): MigrationSaga => startMigration({ migration_id: 'm1', entity_id: 'e1', source_jurisdiction: 'pk-sifc', target_jurisdiction: 'ae-difc', deadline: iso(T0 + 10 * DAY) }, iso(T0));
  it('ends TIMED_OUT whenever a step happens past the deadline (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * DAY }), fc.constantFrom('advance', 'cancel', 'compensate')), { minLength: 1, maxLength: 20 }), (steps) => {
        let m = start();
        let t = T0;
        for (const [w, kind] of steps) {
          if (m.state === 'COMPLETED' || m.state === 'COMPENSATED' || m.state === 'TIMED_OUT' || m.state === 'CANCELLED') break;
          t += w;
          const ev = kind === 'compensate' ? { kind, results: [{ action: 'unlock_source' as const, ok: false, error: 'lock held' }] } : { kind };
          let next: MigrationSaga | undefined;
          try {
            next = applyMigrationEvent(m, ev as Parameters<typeof applyMigrationEvent>[1], iso(t));
          } catch (err) {
            expect(t > T0 + 10 * DAY).toBe(false);
            expect((err as { code?: string }).code).toBe('INVALID_TRANSITION');
            continue;
          }
          if (t > T0 + 10 * DAY) expect(next.state).toBe('TIMED_OUT');
          else expect(next.state).not.toBe('TIMED_OUT');
          if (next.state === 'COMPENSATED') expect(next.compensations.at(-1)).toMatchObject({ ok: false, error: 'lock held' });
          m = next;
        }
      }),
      { numRuns: 300 },
    );
  });
  it('cancels only before IN_TRANSIT and compensates only from IN_TRANSIT', () => {
    let m = start();
    expectMsezError(() => applyMigrationEvent(m, { kind: 'compensate', results: [{ action: 'refund_fees', ok: true }] }, iso(T0 + 1)), 'INVALID_TRANSITION');
    for (let i = 0; i < 4; i++) m = applyMigrationEvent(m, { kind: 'advance' }, iso(T0 + 1));
    expect(m.state).toBe('IN_TRANSIT');
    expectMsezError(() => applyMigrationEvent(m, { kind: 'cancel' }, iso(T0 + 1)), 'INVALID_TRANSITION');
    for (let i = 0; i < 3; i++) m = applyMigrationEvent(m, { kind: 'advance' }, iso(T0 + 2));
    expect(m.state).toBe(MIGRATION_PHASES.at(-1));
    expectMsezError(() => startMigration({ migration_id: 'm', entity_id: 'e', source_jurisdiction: 'a', target_jurisdiction: 'b', deadline: iso(T0) }, iso(T0)), 'VALIDATION_FAILED');
  });
});

const table = parseWithholdingTable(readDataFile(join(PROJECT_ROOT, 'test', 'fixtures', 'compliance', 'pk-withholding.yaml')).value);
const wh = (event: (typeof TAX_EVENT_TYPES)[number], status: (typeof FILER_STATUSES)[number], gross: string): string[] =>
  computeWithholding(table, { filer_status: status, event_type: event, tax_category: 'income_tax', jurisdiction_id: 'pk-sifc', gross_amount: gross }).map((r) => `${r.rule_id} ${r.withholding_amount} ${r.net_amount}`);

describe('withholding (compliance.md §11)', () => {
  it('matches hand-computed cases for every PK section', () => {
    expect(wh('payment_for_goods', 'filer', '100000.00')).toEqual(['PAK-ITO2001-S153-1A-GOODS-FILER 4500.00 95500.00']);
    expect(wh('payment_for_goods', 'non_filer', '100000.00')).toEqual(['PAK-ITO2001-S153-1A-GOODS-NONFILER 9000.00 91000.00']);
    expect(wh('payment_for_goods', 'filer', '0.33')).toEqual(['PAK-ITO2001-S153-1A-GOODS-FILER 0.01 0.32']); // 33·450/10000 = 1.485 → 1 cent
    expect(wh('payment_for_services', 'filer', '12345.67')).toEqual(['PAK-ITO2001-S153-1B-SERVICES-FILER 987.65 11358.02']); // 1234567·800/10000 = 98765.36
    expect(wh('payment_for_services', 'late_filer', '12345.67')).toEqual(['PAK-ITO2001-S153-1B-SERVICES-NONFILER 1975.30 10370.37']); // ·1600 = 197530.72
    expect(wh('profit_on_debt', 'filer', '1000.01')).toEqual(['PAK-ITO2001-S151-PROFIT-FILER 150.00 850.01']); // 100001·1500/10000 = 15000.15
    expect(wh('profit_on_debt', 'non_filer', '1000.01')).toEqual(['PAK-ITO2001-S151-PROFIT-NONFILER 300.00 700.01']);
    expect(wh('dividend_distribution', 'filer', '999.99')).toEqual(['PAK-ITO2001-S150-DIVIDEND-FILER 149.99 850.00']); // 99999·1500/10000 = 14999.85
    expect(wh('dividend_distribution', 'non_filer', '999.99')).toEqual(['PAK-ITO2001-S150-DIVIDEND-NONFILER 299.99 700.00']);
    expect(wh('rent_payment', 'filer', '50000')).toEqual(['PAK-ITO2001-S155-RENT-FILER 7500.00 42500.00']);
    expect(wh('rent_payment', 'non_filer', '50000')).toEqual(['PAK-ITO2001-S155-RENT-NONFILER 15000.00 35000.00']);
    for (const s of FILER_STATUSES) expect(wh('cross_border_payment', s, '250000.05')).toEqual(['PAK-ITO2001-S152-CROSSBORDER 50000.01 200000.04']); // 25000005·2000/10000 = 5000001
    expect(wh('salary_payment', 'filer', '4999999.99')).toEqual([]);
    expect(wh('salary_payment', 'non_filer', '5000000')).toEqual(['PAK-ITO2001-S149-SALARY 250000.00 4750000.00']);
    expect(wh('export_of_goods', 'filer', '100')).toEqual([]);
    expect(computeWithholding(table, { filer_status: 'filer', event_type: 'payment_for_goods', tax_category: 'income_tax', jurisdiction_id: 'ae-difc', gross_amount: '100' })).toEqual([]);
    expectMsezError(() => wh('payment_for_goods', 'filer', '1.001'), 'VALIDATION_FAILED');
    expectMsezError(() => wh('payment_for_goods', 'filer', '1e5'), 'VALIDATION_FAILED');
  });
  it('never exceeds the gross and net + withholding = gross (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom(...TAX_EVENT_TYPES), fc.constantFrom(...FILER_STATUSES), (cents, ev, st) => {
        const gross = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
        for (const r of computeWithholding(table, { filer_status: st, event_type: ev, tax_category: 'income_tax', jurisdiction_id: 'pk', gross_amount: gross })) {
          const w = toCents(r.withholding_amount);
          expect(w <= cents).toBe(true);
          expect(w >= 0n).toBe(true);
          expect(w + toCents(r.net_amount)).toBe(cents);
          expect(w).toBe((cents * BigInt(r.rate_bps)) / 10000n);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('identity formats (D13)', () => {
  it('accepts and normalises NTN, CNIC, passport, DID', () => {
    expect(parseNtn('1234567-8')).toBe('12345678');
    expect(parseNtn('1234567')).toBe('1234567');
    expect(parseCnic('35202-1234567-1')).toBe('3520212345671');
    expect(parseCnic('3520212345671')).toBe('3520212345671');
    expect(parsePassport('ab12345')).toBe('AB12345');
    expect(parseDid('did:key:z6Mk')).toBe('did:key:z6Mk');
    for (const [f, v] of [
      [parseNtn, '123456'],
      [parseNtn, '1234567-89'],
      [parseCnic, '35202-12345671'],
      [parsePassport, 'AB-123'],
      [parsePassport, 'A1'],
      [parseDid, 'did:KEY:z'],
      [parseDid, 'did:key:'],
    ] as const) {
      expectMsezError(() => f(v), 'VALIDATION_FAILED');
    }
  });
});
