import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { readDataFile, type JsonObject } from '../core/index.js';
import { ArtifactStore } from '../cas/index.js';
import { PACK_DIGEST_RULES, readRegpackSource } from '../pack/index.js';
import { PROJECT_ROOT, expectMsezError } from '../../test/support/vectors.js';
import {
  FILER_STATUSES,
  PAYEE_TYPES,
  TAX_EVENT_TYPES,
  computeWithholding,
  loadZonePacks,
  parseWithholdingTable,
  toCents,
  withholdingFromRegpack,
  zoneWithholding,
  type FilerStatus,
  type PayeeType,
  type TaxEventType,
} from './index.js';

const store = new ArtifactStore({ root: PROJECT_ROOT, rules: PACK_DIGEST_RULES });
const zone = loadZonePacks(PROJECT_ROOT, store, 'pk-sifc');
const { table, unmapped, regpack_digest_sha256 } = zoneWithholding(zone);
const DAY = '2025-03-05';

const wh = (event: TaxEventType, status: FilerStatus, payee: PayeeType, gross: string, date = DAY): string[] =>
  computeWithholding(table, { filer_status: status, event_type: event, tax_category: 'income_tax', jurisdiction_id: 'pk-sifc', gross_amount: gross, payee_type: payee, as_of_date: date }).map(
    (r) => `${r.rule_id} ${r.rate_bps} ${r.withholding_amount} ${r.net_amount}`,
  );

describe('zone regpack resolution', () => {
  it('resolves pk-sifc → stack.lock → the pk/tax regpack in the CAS', () => {
    expect(zone.zone_id).toBe('org.momentum.msez.zone.pk-sifc');
    expect(regpack_digest_sha256).toBe('a257fd328a1698fe12a663308d315523d8b72e963ceb97c1e66ec077daa86e52');
    expect(table.source).toEqual({ kind: 'regpack', regpack_id: 'regpack:pk:tax:ty2025', digest_sha256: regpack_digest_sha256, table_id: 'pk.ito2001.withholding.ty2025' });
    expect(loadZonePacks(PROJECT_ROOT, store, 'org.momentum.msez.zone.pk-sifc').stack_lock).toBe(zone.stack_lock);
    expectMsezError(() => loadZonePacks(PROJECT_ROOT, store, 'xx-nowhere'), 'NOT_FOUND');
  });
  it('maps every withholding rate but contracts (no event type), never the sales-tax table', () => {
    expect(unmapped).toEqual(['pk.wht.s153-1c.contracts.company.atl', 'pk.wht.s153-1c.contracts.company.non-atl', 'pk.wht.s153-1c.contracts.individual-aop.atl', 'pk.wht.s153-1c.contracts.individual-aop.non-atl']);
    expect(table.rules).toHaveLength(17);
    expect(new Set(table.rules.map((r) => r.statutory_section))).toEqual(new Set(['149', '150', '151', '152(1)', '152(2)', '153(1)(a)', '153(1)(b)', '155']));
    expect(table.rules.every((r) => r.rule_id.endsWith('@2024-07-01') && r.citation?.startsWith('Income Tax Ordinance 2001') === true)).toBe(true);
  });
});

describe('withholding from the regpack (Finance Act 2024 values), hand-computed', () => {
  it('§149 salary: brackets on the annual amount, every filer status', () => {
    for (const s of FILER_STATUSES) {
      expect(wh('salary_payment', s, 'individual', '500000.00')).toEqual(['pk.wht.s149.salary@2024-07-01 0 0.00 500000.00']);
      // 60,000,000 ≤ 100,000,000 < 120,000,000: 0 + 5% × 40,000,000 = 2,000,000 paisa
      expect(wh('salary_payment', s, 'individual', '1000000.00')).toEqual(['pk.wht.s149.salary@2024-07-01 500 20000.00 980000.00']);
    }
    // 220,000,000 ≤ 250,000,000: 18,000,000 + 25% × 30,000,000 = 25,500,000
    expect(wh('salary_payment', 'filer', 'individual', '2500000.00')).toEqual(['pk.wht.s149.salary@2024-07-01 2500 255000.00 2245000.00']);
    // open top slab: 70,000,000 + 35% × (500,000,000 − 410,000,000) = 101,500,000
    expect(wh('salary_payment', 'non_filer', 'individual', '5000000.00')).toEqual(['pk.wht.s149.salary@2024-07-01 3500 1015000.00 3985000.00']);
    // bracket edge: exactly 120,000,000 is in the 15% slab: 3,000,000 + 0
    expect(wh('salary_payment', 'filer', 'individual', '1200000.00')).toEqual(['pk.wht.s149.salary@2024-07-01 1500 30000.00 1170000.00']);
    // floor: 60,000,001 → ⌊1·500/10000⌋ = 0
    expect(wh('salary_payment', 'filer', 'individual', '600000.01')).toEqual(['pk.wht.s149.salary@2024-07-01 500 0.00 600000.01']);
  });
  it('§150 dividends and §151 profit on debt: ATL vs not on the ATL', () => {
    expect(wh('dividend_distribution', 'filer', 'company', '999.99')).toEqual(['pk.wht.s150.dividend.atl@2024-07-01 1500 149.99 850.00']); // 99999·1500 = 14999.85
    expect(wh('dividend_distribution', 'non_filer', 'company', '999.99')).toEqual(['pk.wht.s150.dividend.non-atl@2024-07-01 3000 299.99 700.00']);
    expect(wh('dividend_distribution', 'late_filer', 'individual', '100')).toEqual(['pk.wht.s150.dividend.non-atl@2024-07-01 3000 30.00 70.00']);
    expect(wh('profit_on_debt', 'filer', 'individual', '1000.01')).toEqual(['pk.wht.s151.profit-on-debt.atl@2024-07-01 2000 200.00 800.01']); // 100001·2000 = 20000.2
    expect(wh('profit_on_debt', 'non_filer', 'individual', '1000.01')).toEqual(['pk.wht.s151.profit-on-debt.non-atl@2024-07-01 4000 400.00 600.01']);
  });
  it('§152 non-residents: 152(2) other payments, 152(1) royalty / technical services', () => {
    for (const s of FILER_STATUSES) {
      expect(wh('cross_border_payment', s, 'non_resident', '250000.05')).toEqual(['pk.wht.s152-2.other-payments@2024-07-01 2000 50000.01 200000.04']); // 25000005·2000 = 5000001
      expect(wh('payment_for_services', s, 'non_resident', '10000.00')).toEqual(['pk.wht.s152-1.royalty-fts@2024-07-01 1500 1500.00 8500.00']);
    }
    expect(wh('cross_border_payment', 'filer', 'company', '100')).toEqual([]); // a resident payee: not §152
  });
  it('§153(1)(a) goods and §153(1)(b) services by payee type and ATL status', () => {
    expect(wh('payment_for_goods', 'filer', 'company', '100000.00')).toEqual(['pk.wht.s153-1a.goods.company.atl@2024-07-01 500 5000.00 95000.00']);
    expect(wh('payment_for_goods', 'non_filer', 'company', '100000.00')).toEqual(['pk.wht.s153-1a.goods.company.non-atl@2024-07-01 1000 10000.00 90000.00']);
    expect(wh('payment_for_goods', 'filer', 'individual', '12345.67')).toEqual(['pk.wht.s153-1a.goods.individual-aop.atl@2024-07-01 550 679.01 11666.66']); // 1234567·550 = 67901.185
    expect(wh('payment_for_goods', 'non_filer', 'aop', '12345.67')).toEqual(['pk.wht.s153-1a.goods.individual-aop.non-atl@2024-07-01 1100 1358.02 10987.65']); // ·1100 = 135802.37
    expect(wh('payment_for_services', 'filer', 'company', '12345.67')).toEqual(['pk.wht.s153-1b.services.company.atl@2024-07-01 900 1111.11 11234.56']); // ·900 = 111111.03
    expect(wh('payment_for_services', 'non_filer', 'company', '12345.67')).toEqual(['pk.wht.s153-1b.services.company.non-atl@2024-07-01 1800 2222.22 10123.45']); // ·1800 = 222222.06
    expect(wh('payment_for_services', 'filer', 'aop', '0.33')).toEqual(['pk.wht.s153-1b.services.individual-aop.atl@2024-07-01 1100 0.03 0.30']); // 33·1100 = 3.63
    expect(wh('payment_for_services', 'late_filer', 'individual', '0.33')).toEqual(['pk.wht.s153-1b.services.individual-aop.non-atl@2024-07-01 2200 0.07 0.26']); // 33·2200 = 7.26
  });
  it('§155 rent: slabs for individuals / AOPs, flat for companies, ATL only (non-ATL not modelled by the regpack)', () => {
    // 60,000,000 ≤ 100,000,000 < 200,000,000: 1,500,000 + 10% × 40,000,000 = 5,500,000
    expect(wh('rent_payment', 'filer', 'individual', '1000000.00')).toEqual(['pk.wht.s155.rent.individual-aop@2024-07-01 1000 55000.00 945000.00']);
    // open slab: 15,500,000 + 25% × (300,000,000 − 200,000,000) = 40,500,000
    expect(wh('rent_payment', 'filer', 'aop', '3000000.00')).toEqual(['pk.wht.s155.rent.individual-aop@2024-07-01 2500 405000.00 2595000.00']);
    expect(wh('rent_payment', 'filer', 'company', '50000')).toEqual(['pk.wht.s155.rent.company@2024-07-01 1500 7500.00 42500.00']);
    expect(wh('rent_payment', 'non_filer', 'company', '50000')).toEqual([]);
    expect(wh('rent_payment', 'non_filer', 'individual', '1000000.00')).toEqual([]);
  });
  it('picks the value by payment date and needs a date', () => {
    expect(wh('payment_for_goods', 'filer', 'company', '100', '2024-06-30')).toEqual([]);
    expectMsezError(() => computeWithholding(table, { filer_status: 'filer', event_type: 'payment_for_goods', tax_category: 'income_tax', jurisdiction_id: 'pk', gross_amount: '1', payee_type: 'company' }), 'VALIDATION_FAILED');
    const pack = readRegpackSource(join(PROJECT_ROOT, 'modules', 'regulatory', 'jurisdictions', 'pk', 'tax'));
    const t = structuredClone(pack.rate_tables) as JsonObject[];
    const goods = (t[0]?.rates as JsonObject[]).find((r) => r.rate_id === 'pk.wht.s153-1a.goods.company.atl') as JsonObject;
    goods.values = [{ effective_from: '2023-07-01', basis_points: 400, citation: 'Finance Act 2023' }, ...(goods.values as JsonObject[])];
    const dated = withholdingFromRegpack({ ...pack, rate_tables: t }, 'x'.repeat(64)).table;
    const at = (date: string): string[] => computeWithholding(dated, { filer_status: 'filer', event_type: 'payment_for_goods', tax_category: 'income_tax', jurisdiction_id: 'pk', gross_amount: '100', payee_type: 'company', as_of_date: date }).map((r) => `${r.rule_id} ${r.withholding_amount}`);
    expect(at('2024-06-30')).toEqual(['pk.wht.s153-1a.goods.company.atl@2023-07-01 4.00']);
    expect(at('2024-07-01')).toEqual(['pk.wht.s153-1a.goods.company.atl@2024-07-01 5.00']);
  });
  it('refuses malformed rates: float-free basis points, contiguous brackets', () => {
    const pack = readRegpackSource(join(PROJECT_ROOT, 'modules', 'regulatory', 'jurisdictions', 'pk', 'tax'));
    const bad = (patch: JsonObject): void => {
      const t = structuredClone(pack.rate_tables) as JsonObject[];
      const rates = t[0]?.rates as JsonObject[];
      rates[0] = { ...(rates[0] as JsonObject), values: [{ effective_from: '2024-07-01', citation: 'c', ...patch }] };
      withholdingFromRegpack({ ...pack, rate_tables: t }, 'x'.repeat(64));
    };
    expectMsezError(() => bad({ basis_points: 10001 }), 'SCHEMA_INVALID');
    expectMsezError(() => bad({ basis_points: 5, brackets: [] }), 'SCHEMA_INVALID');
    expectMsezError(() => bad({ brackets: [{ from_minor: '0', to_minor: '10', basis_points: 0 }, { from_minor: '11', basis_points: 5 }] }), 'VALIDATION_FAILED');
    expectMsezError(() => bad({ brackets: [{ from_minor: '0.5', basis_points: 0 }] }), 'SCHEMA_INVALID');
  });
  it('never exceeds the gross and withholding + net = gross (property, every regpack rule)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.constantFrom(...TAX_EVENT_TYPES), fc.constantFrom(...FILER_STATUSES), fc.constantFrom(...PAYEE_TYPES), (cents, ev, st, payee) => {
        const gross = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
        const results = computeWithholding(table, { filer_status: st, event_type: ev, tax_category: 'income_tax', jurisdiction_id: 'pk', gross_amount: gross, payee_type: payee, as_of_date: DAY });
        expect(results.length).toBeLessThanOrEqual(1);
        for (const r of results) {
          const w = toCents(r.withholding_amount);
          expect(w >= 0n && w <= cents).toBe(true);
          expect(w + toCents(r.net_amount)).toBe(cents);
          if (r.bracket === undefined) expect(w).toBe((cents * BigInt(r.rate_bps)) / 10000n);
          else expect(w).toBe(BigInt(r.bracket.fixed_minor) + ((cents - BigInt(r.bracket.from_minor)) * BigInt(r.rate_bps)) / 10000n);
        }
      }),
      { numRuns: 1000 },
    );
  });
  it('the design table (compliance.md §11) still reads and differs where the Finance Act 2024 changed rates', () => {
    const design = parseWithholdingTable(readDataFile(join(PROJECT_ROOT, 'test', 'fixtures', 'compliance', 'pk-withholding.yaml')).value);
    const one = (t: typeof table, payee: PayeeType): string | undefined =>
      computeWithholding(t, { filer_status: 'filer', event_type: 'payment_for_goods', tax_category: 'income_tax', jurisdiction_id: 'pk', gross_amount: '100000', payee_type: payee, as_of_date: DAY })[0]?.withholding_amount;
    expect([one(design, 'company'), one(table, 'company'), one(table, 'individual')]).toEqual(['4500.00', '5000.00', '5500.00']);
  });
});
