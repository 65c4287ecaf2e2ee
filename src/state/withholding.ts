import { MsezError, assertNever, compareCodePoints, isJsonObject } from '../core/index.js';

/** Filer status, event types (16) and tax categories (7) (compliance.md §11, from the Rust port). */
export const FILER_STATUSES = ['filer', 'late_filer', 'non_filer'] as const;
export type FilerStatus = (typeof FILER_STATUSES)[number];
export const TAX_EVENT_TYPES = [
  'payment_for_goods',
  'payment_for_services',
  'salary_payment',
  'profit_on_debt',
  'dividend_distribution',
  'rent_payment',
  'cash_withdrawal',
  'sale_to_unregistered',
  'cross_border_payment',
  'capital_gain_disposal',
  'import_of_goods',
  'export_of_goods',
  'supply_of_goods',
  'supply_of_services',
  'formation_fee',
  'annual_filing_fee',
] as const;
export type TaxEventType = (typeof TAX_EVENT_TYPES)[number];
export const TAX_CATEGORIES = ['income_tax', 'sales_tax', 'federal_excise', 'customs_duty', 'capital_gains', 'cross_border_withholding', 'provincial_sales_tax'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];
/**
 * The kind of payee a rule is restricted to (msez rule; the regpack's rate tables distinguish companies,
 * individuals / associations of persons and non-residents). Derived from the payee entity: see
 * `payeeTypeOf` in fiscal.ts.
 */
export const PAYEE_TYPES = ['company', 'individual', 'aop', 'non_resident'] as const;
export type PayeeType = (typeof PAYEE_TYPES)[number];

/** One slab of a bracketed rate: tax = fixed + ⌊(amount − from)·bps / 10000⌋ for from ≤ amount < to (minor units). */
export interface RateBracket {
  readonly from_minor: bigint;
  readonly to_minor?: bigint;
  readonly fixed_minor: bigint;
  readonly basis_points: number;
}

/** A rule's rate: a flat basis-point rate or contiguous brackets (regpack rate tables, spec/packs.md). */
export type WithholdingRate =
  | { readonly kind: 'flat'; readonly basis_points: number }
  | { readonly kind: 'brackets'; readonly brackets: readonly RateBracket[] };

/** One withholding rule of a rate table (the regpack's withholding rate table). */
export interface WithholdingRule {
  readonly rule_id: string;
  readonly applicable_event_types: readonly TaxEventType[];
  readonly applicable_filer_status: readonly FilerStatus[];
  readonly tax_category: TaxCategory;
  /** The rate, exact: integer basis points or brackets in integer minor units. */
  readonly rate: WithholdingRate;
  /** Percent text as written in a `{rules[]}` table (reported unchanged); absent for regpack rules. */
  readonly rate_percent?: string;
  /** When present, the rule applies only to these payee types. */
  readonly payee_types?: readonly PayeeType[];
  /** Inclusive minimum gross (decimal string). */
  readonly threshold_min: string;
  /** Exclusive maximum gross, when bounded. */
  readonly threshold_max?: string;
  readonly statutory_section: string;
  readonly effective_from: string;
  readonly effective_until?: string;
  readonly is_final_tax: boolean;
  /** Legal source of the rate (compliance.md §11 goals). */
  readonly citation?: string;
}

/**
 * The reader interface for a withholding rate table. The regpack that carries the FBR table is built by
 * the pack layer; this is the shape msez reads from it (`{jurisdiction_id, rules[]}`).
 */
export interface WithholdingRateTable {
  readonly jurisdiction_id: string;
  readonly rules: readonly WithholdingRule[];
  /** Where the rules came from; a regpack table holds dated values, so it needs `as_of_date`. */
  readonly source?: { readonly kind: 'file' } | { readonly kind: 'regpack'; readonly regpack_id: string; readonly digest_sha256: string; readonly table_id: string };
}

export interface WithholdingInput {
  readonly filer_status: FilerStatus;
  readonly event_type: TaxEventType;
  readonly tax_category: TaxCategory;
  readonly jurisdiction_id: string;
  readonly gross_amount: string;
  /** `YYYY-MM-DD`; when given, only rules effective on that date apply (required for a regpack table). */
  readonly as_of_date?: string;
  /** Rules restricted to payee types apply only when the payee's type is given and listed. */
  readonly payee_type?: PayeeType;
}

/** The slab of a bracketed rate that applied. */
export interface AppliedBracket {
  readonly from_minor: string;
  readonly to_minor?: string;
  readonly fixed_minor: string;
  readonly basis_points: number;
}

export interface WithholdingResult {
  readonly rule_id: string;
  readonly gross_amount: string;
  /** The rule's percent text, or the (marginal) basis points as a percent for regpack rules. */
  readonly rate_percent: string;
  /** Basis points applied: the flat rate, or the marginal rate of the bracket that applied. */
  readonly rate_bps: number;
  readonly bracket?: AppliedBracket;
  readonly withholding_amount: string;
  readonly net_amount: string;
  readonly tax_category: TaxCategory;
  readonly statutory_section: string;
  readonly is_final_tax: boolean;
}

const AMOUNT = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * Decimal string → integer cents. More than 2 fraction digits is rejected (msez rule; the reference
 * truncated), as are signs, exponents and spaces.
 */
export function toCents(s: string, field = 'amount'): bigint {
  const m = AMOUNT.exec(s);
  if (m === null) throw new MsezError('VALIDATION_FAILED', `${field}: expected a non-negative decimal string`, { field, found: s });
  const frac = m[2] ?? '';
  if (frac.length > 2) throw new MsezError('VALIDATION_FAILED', `${field}: more than 2 fraction digits`, { field, found: s });
  return BigInt(m[1] as string) * 100n + BigInt(frac.padEnd(2, '0'));
}

/** Integer cents → decimal string with exactly 2 fraction digits. */
export function fromCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** Basis points → the shortest percent text (450 → "4.5", 1500 → "15", 1 → "0.01"). */
export function bpsToPercent(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const frac = bps % 100;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** Percent string → basis points ("4.5" → 450). At most 2 fraction digits; ≤ 100%. */
export function percentToBps(s: string, field = 'rate_percent'): number {
  const bps = toCents(s, field);
  if (bps > 10000n) throw new MsezError('VALIDATION_FAILED', `${field}: a rate above 100% is not a withholding rate`, { field, found: s });
  return Number(bps);
}

function oneOf<T extends string>(v: unknown, list: readonly T[], field: string): T {
  if (typeof v === 'string' && (list as readonly string[]).includes(v)) return v as T;
  throw new MsezError('SCHEMA_INVALID', `${field}: expected one of ${list.join('|')}`, { fields: [{ path: field, message: `expected one of ${list.join('|')}` }] });
}

function text(v: unknown, field: string): string {
  if (typeof v === 'string' && v !== '') return v;
  throw new MsezError('SCHEMA_INVALID', `${field}: expected a non-empty string`, { fields: [{ path: field, message: 'expected a non-empty string' }] });
}

/** Reads a rate table `{jurisdiction_id, rules: [...]}`; rates and thresholds are checked exactly. */
export function parseWithholdingTable(v: unknown, file = 'withholding'): WithholdingRateTable {
  if (!isJsonObject(v) || !Array.isArray(v.rules)) throw new MsezError('SCHEMA_INVALID', `${file}: expected {jurisdiction_id, rules[]}`, { fields: [{ path: file, message: 'expected {jurisdiction_id, rules[]}' }] });
  const jid = text(v.jurisdiction_id, `${file}.jurisdiction_id`);
  const ids = new Set<string>();
  const rules = v.rules.map((r, i): WithholdingRule => {
    const f = `${file}.rules[${i}]`;
    if (!isJsonObject(r)) throw new MsezError('SCHEMA_INVALID', `${f}: expected an object`, { fields: [{ path: f, message: 'expected an object' }] });
    const id = text(r.rule_id, `${f}.rule_id`);
    if (ids.has(id)) throw new MsezError('CONFLICT', `duplicate rule_id ${id}`, { rule_id: id });
    ids.add(id);
    const list = <T extends string>(x: unknown, all: readonly T[], name: string): T[] => {
      if (!Array.isArray(x) || x.length === 0) throw new MsezError('SCHEMA_INVALID', `${f}.${name}: expected a non-empty array`, { fields: [{ path: `${f}.${name}`, message: 'expected a non-empty array' }] });
      return x.map((e, j) => oneOf(e, all, `${f}.${name}[${j}]`));
    };
    const rate = text(r.rate_percent, `${f}.rate_percent`);
    const bps = percentToBps(rate, `${f}.rate_percent`);
    const min = r.threshold_min === undefined ? '0' : text(r.threshold_min, `${f}.threshold_min`);
    toCents(min, `${f}.threshold_min`);
    const max = r.threshold_max === undefined || r.threshold_max === null ? undefined : text(r.threshold_max, `${f}.threshold_max`);
    if (max !== undefined && toCents(max, `${f}.threshold_max`) <= toCents(min)) throw new MsezError('VALIDATION_FAILED', `${f}: threshold_max must exceed threshold_min`, {});
    if (typeof r.is_final_tax !== 'boolean') throw new MsezError('SCHEMA_INVALID', `${f}.is_final_tax: expected a boolean`, { fields: [{ path: `${f}.is_final_tax`, message: 'expected a boolean' }] });
    const until = r.effective_until === undefined || r.effective_until === null ? undefined : text(r.effective_until, `${f}.effective_until`);
    return {
      rule_id: id,
      applicable_event_types: list(r.applicable_event_types, TAX_EVENT_TYPES, 'applicable_event_types'),
      applicable_filer_status: list(r.applicable_filer_status, FILER_STATUSES, 'applicable_filer_status'),
      tax_category: oneOf(r.tax_category, TAX_CATEGORIES, `${f}.tax_category`),
      rate: { kind: 'flat', basis_points: bps },
      rate_percent: rate,
      threshold_min: min,
      ...(max !== undefined ? { threshold_max: max } : {}),
      statutory_section: text(r.statutory_section, `${f}.statutory_section`),
      effective_from: text(r.effective_from, `${f}.effective_from`),
      ...(until !== undefined ? { effective_until: until } : {}),
      is_final_tax: r.is_final_tax,
      ...(typeof r.citation === 'string' ? { citation: r.citation } : {}),
    };
  });
  return { jurisdiction_id: jid, rules, source: { kind: 'file' } };
}

/** A table for `pk` applies to `pk` and its zones (`pk-sifc`, …). */
export function tableApplies(table: WithholdingRateTable, jurisdictionId: string): boolean {
  return jurisdictionId === table.jurisdiction_id || jurisdictionId.startsWith(`${table.jurisdiction_id}-`);
}

/** The slab containing `amount` (from ≤ amount < to), if any. */
function bracketFor(brackets: readonly RateBracket[], amount: bigint): RateBracket | undefined {
  return brackets.find((b) => b.from_minor <= amount && (b.to_minor === undefined || amount < b.to_minor));
}

/** The withholding of one rule on `gross` (minor units), or undefined when no bracket covers the amount. */
function applyRate(rule: WithholdingRule, gross: bigint): { wh: bigint; bps: number; bracket?: AppliedBracket } | undefined {
  const rate = rule.rate;
  switch (rate.kind) {
    case 'flat':
      return { wh: (gross * BigInt(rate.basis_points)) / 10000n, bps: rate.basis_points };
    case 'brackets': {
      const b = bracketFor(rate.brackets, gross);
      if (b === undefined) return undefined;
      return {
        wh: b.fixed_minor + ((gross - b.from_minor) * BigInt(b.basis_points)) / 10000n,
        bps: b.basis_points,
        bracket: { from_minor: b.from_minor.toString(), ...(b.to_minor !== undefined ? { to_minor: b.to_minor.toString() } : {}), fixed_minor: b.fixed_minor.toString(), basis_points: b.basis_points },
      };
    }
    default:
      return assertNever(rate);
  }
}

/**
 * Withholding at source (compliance.md §11): every rule matching event type, filer status, tax category
 * and payee type, with min ≤ gross < max and effective on `as_of_date`; a flat rule withholds
 * ⌊cents·bps/10000⌋, a bracketed rule fixed + ⌊(cents − from)·bps/10000⌋ of the slab holding the gross;
 * net = gross − withholding; exact integer arithmetic; results sorted by rule_id. The total never
 * exceeds the gross.
 */
export function computeWithholding(table: WithholdingRateTable, input: WithholdingInput): WithholdingResult[] {
  const gross = toCents(input.gross_amount, 'gross_amount');
  if (!tableApplies(table, input.jurisdiction_id)) return [];
  const date = input.as_of_date;
  if (date === undefined && table.source?.kind === 'regpack') {
    throw new MsezError('VALIDATION_FAILED', 'as_of_date is required with a regpack rate table (its values are dated)', { field: 'as_of_date' });
  }
  const results = table.rules
    .filter((r) => r.applicable_event_types.includes(input.event_type))
    .filter((r) => r.applicable_filer_status.includes(input.filer_status))
    .filter((r) => r.tax_category === input.tax_category)
    .filter((r) => r.payee_types === undefined || (input.payee_type !== undefined && r.payee_types.includes(input.payee_type)))
    .filter((r) => gross >= toCents(r.threshold_min) && (r.threshold_max === undefined || gross < toCents(r.threshold_max)))
    .filter((r) => date === undefined || (r.effective_from <= date && (r.effective_until === undefined || date < r.effective_until)))
    .sort((a, b) => compareCodePoints(a.rule_id, b.rule_id))
    .flatMap((r): WithholdingResult[] => {
      const applied = applyRate(r, gross);
      if (applied === undefined) return [];
      return [
        {
          rule_id: r.rule_id,
          gross_amount: fromCents(gross),
          rate_percent: r.rate_percent ?? bpsToPercent(applied.bps),
          rate_bps: applied.bps,
          ...(applied.bracket !== undefined ? { bracket: applied.bracket } : {}),
          withholding_amount: fromCents(applied.wh),
          net_amount: fromCents(gross - applied.wh),
          tax_category: r.tax_category,
          statutory_section: r.statutory_section,
          is_final_tax: r.is_final_tax,
        },
      ];
    });
  const total = results.reduce((s, r) => s + toCents(r.withholding_amount), 0n);
  if (total > gross) throw new MsezError('VALIDATION_FAILED', 'matched withholding rules together exceed the gross amount', { gross_amount: fromCents(gross), withholding: fromCents(total) });
  return results;
}
