import { MsezError, isJsonObject, type JsonObject, type JsonValue } from '../core/index.js';
import type { FilerStatus, PayeeType, RateBracket, TaxEventType, WithholdingRate, WithholdingRateTable, WithholdingRule } from './withholding.js';

/**
 * Adapter from a built regpack's rate tables (spec/packs.md "Rate tables") to the withholding engine's
 * rules (compliance.md §11). Basis points stay integers and bracket amounts become bigint minor units,
 * so nothing passes through a float or a percent string.
 */

/** How one Income Tax Ordinance 2001 section maps onto the engine (msez rule). */
interface SectionMapping {
  readonly event_types: readonly TaxEventType[];
  /** Final tax per compliance.md §11's table (the regpack does not record it). */
  readonly is_final_tax: boolean;
}

/**
 * The sections msez withholds under. 153(1)(c) (contracts) and any other section have no event type among
 * the 16 and are reported as `unmapped`, never guessed. 152(1) (royalty / fees for technical services) is
 * a service payment to a non-resident; 152(2) is every other payment to a non-resident.
 */
const SECTIONS: Readonly<Record<string, SectionMapping>> = {
  '149': { event_types: ['salary_payment'], is_final_tax: false },
  '150': { event_types: ['dividend_distribution'], is_final_tax: true },
  '151': { event_types: ['profit_on_debt'], is_final_tax: true },
  '152(1)': { event_types: ['payment_for_services'], is_final_tax: false },
  '152(2)': { event_types: ['cross_border_payment'], is_final_tax: false },
  '153(1)(a)': { event_types: ['payment_for_goods'], is_final_tax: false },
  '153(1)(b)': { event_types: ['payment_for_services'], is_final_tax: false },
  '155': { event_types: ['rent_payment'], is_final_tax: false },
};

/**
 * `taxpayer_status` → filer statuses. ATL (Active Taxpayers List) is a filer; not on the ATL is a
 * non-filer. msez rule: a late filer is treated as not on the ATL, as in compliance.md §11's table.
 */
function filerStatuses(status: string, where: string): readonly FilerStatus[] {
  switch (status) {
    case 'atl':
      return ['filer'];
    case 'non_atl':
      return ['late_filer', 'non_filer'];
    case 'any':
      return ['filer', 'late_filer', 'non_filer'];
    default:
      throw new MsezError('SCHEMA_INVALID', `${where}.taxpayer_status: expected atl|non_atl|any`, { fields: [{ path: `${where}.taxpayer_status`, message: 'expected atl|non_atl|any' }] });
  }
}

/** The regpack's `payee` qualifier → payee types; absent means every payee. */
function payeeTypes(payee: JsonValue | undefined, where: string): readonly PayeeType[] | undefined {
  switch (payee) {
    case undefined:
      return undefined;
    case 'company':
      return ['company'];
    case 'individual':
      return ['individual'];
    case 'individual-aop':
      return ['individual', 'aop'];
    case 'non-resident':
      return ['non_resident'];
    default:
      throw new MsezError('SCHEMA_INVALID', `${where}.payee: unknown payee ${String(payee)}`, { fields: [{ path: `${where}.payee`, message: 'expected company|individual|individual-aop|non-resident' }] });
  }
}

const MINOR = /^(0|[1-9][0-9]*)$/;

function minor(v: JsonValue | undefined, where: string): bigint {
  if (typeof v === 'string' && MINOR.test(v)) return BigInt(v);
  throw new MsezError('SCHEMA_INVALID', `${where}: expected an integer string of minor units`, { fields: [{ path: where, message: 'expected an integer string of minor units' }] });
}

function bps(v: JsonValue | undefined, where: string): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 10000) return v;
  throw new MsezError('SCHEMA_INVALID', `${where}: expected integer basis points 0..10000`, { fields: [{ path: where, message: 'expected integer basis points 0..10000' }] });
}

/** Brackets must be contiguous and ascending (each `to` is the next `from`); only the last may be open. */
function parseBrackets(list: JsonValue[], where: string): RateBracket[] {
  const out = list.map((b, i): RateBracket => {
    const w = `${where}.brackets[${i}]`;
    if (!isJsonObject(b)) throw new MsezError('SCHEMA_INVALID', `${w}: expected an object`, { fields: [{ path: w, message: 'expected an object' }] });
    const from = minor(b.from_minor, `${w}.from_minor`);
    const to = b.to_minor === undefined ? undefined : minor(b.to_minor, `${w}.to_minor`);
    if (to !== undefined && to <= from) throw new MsezError('VALIDATION_FAILED', `${w}: to_minor must exceed from_minor`, { path: w });
    return { from_minor: from, ...(to !== undefined ? { to_minor: to } : {}), fixed_minor: b.fixed_minor === undefined ? 0n : minor(b.fixed_minor, `${w}.fixed_minor`), basis_points: bps(b.basis_points, `${w}.basis_points`) };
  });
  if (out.length === 0) throw new MsezError('VALIDATION_FAILED', `${where}.brackets: expected at least one bracket`, { path: where });
  out.forEach((b, i) => {
    const next = out[i + 1];
    if (next !== undefined && b.to_minor !== next.from_minor) throw new MsezError('VALIDATION_FAILED', `${where}.brackets[${i}]: brackets must be contiguous (to_minor = next from_minor)`, { path: where });
  });
  return out;
}

function rateOf(value: JsonObject, where: string): WithholdingRate {
  const hasBps = value.basis_points !== undefined;
  const hasBrackets = value.brackets !== undefined;
  if (hasBps === hasBrackets) throw new MsezError('SCHEMA_INVALID', `${where}: exactly one of basis_points or brackets`, { fields: [{ path: where, message: 'exactly one of basis_points or brackets' }] });
  if (hasBps) return { kind: 'flat', basis_points: bps(value.basis_points, `${where}.basis_points`) };
  if (!Array.isArray(value.brackets)) throw new MsezError('SCHEMA_INVALID', `${where}.brackets: expected an array`, { fields: [{ path: `${where}.brackets`, message: 'expected an array' }] });
  return { kind: 'brackets', brackets: parseBrackets(value.brackets, where) };
}

export interface RegpackWithholding {
  readonly table: WithholdingRateTable;
  /** Rates of the withholding tables with no engine mapping (e.g. 153(1)(c) contracts). */
  readonly unmapped: readonly string[];
}

const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

/**
 * The withholding rules of a regpack (spec/compliance.md "Withholding"): every rate of each rate table
 * whose `table_id` contains `.withholding.`, whose section msez maps, becomes one rule per dated value.
 * rule_id = `<rate_id>@<effective_from>` (the key `msez regpack diff` uses); a value is effective from its
 * date until the next value's date. `tax_category` is income_tax.
 *
 * @throws MsezError SCHEMA_INVALID / VALIDATION_FAILED for a malformed rate, NOT_FOUND when the regpack has
 *   no withholding table.
 */
export function withholdingFromRegpack(pack: JsonObject, digest: string): RegpackWithholding {
  const tables = arr(pack.rate_tables).filter((t): t is JsonObject => isJsonObject(t) && str(t.table_id).includes('.withholding.'));
  const first = tables[0];
  if (first === undefined) throw new MsezError('NOT_FOUND', `regpack ${str(pack.regpack_id)} has no withholding rate table`, { regpack_id: str(pack.regpack_id) });
  if (tables.length > 1) throw new MsezError('CONFLICT', `regpack ${str(pack.regpack_id)} has ${tables.length} withholding rate tables`, { tables: tables.map((t) => str(t.table_id)) });
  const rules: WithholdingRule[] = [];
  const unmapped: string[] = [];
  for (const [i, r] of arr(first.rates).entries()) {
    if (!isJsonObject(r)) continue;
    const rateId = str(r.rate_id);
    const where = `rate_tables/${str(first.table_id)}/rates[${i}]`;
    const mapping = SECTIONS[str(r.section)];
    if (mapping === undefined) {
      unmapped.push(rateId);
      continue;
    }
    const statuses = filerStatuses(str(r.taxpayer_status), where);
    const payees = payeeTypes(r.payee, where);
    const values = arr(r.values).filter(isJsonObject);
    values.forEach((v, j) => {
      const from = str(v.effective_from);
      const until = values[j + 1] === undefined ? undefined : str((values[j + 1] as JsonObject).effective_from);
      rules.push({
        rule_id: `${rateId}@${from}`,
        applicable_event_types: mapping.event_types,
        applicable_filer_status: statuses,
        tax_category: 'income_tax',
        rate: rateOf(v, `${where}.values[${j}]`),
        ...(payees !== undefined ? { payee_types: payees } : {}),
        threshold_min: '0',
        statutory_section: str(r.section),
        effective_from: from,
        ...(until !== undefined ? { effective_until: until } : {}),
        is_final_tax: mapping.is_final_tax,
        citation: str(v.citation),
      });
    });
  }
  return {
    table: { jurisdiction_id: str(pack.jurisdiction_id), rules, source: { kind: 'regpack', regpack_id: str(pack.regpack_id), digest_sha256: digest, table_id: str(first.table_id) } },
    unmapped,
  };
}
