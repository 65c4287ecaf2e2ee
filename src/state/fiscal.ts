import { MsezError, compareCodePoints } from '../core/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { createConsentRequest, getConsent } from './consent.js';
import { assertOperational, getEntity, type EntityRecord } from './entities.js';
import { parseNtn } from './identity-format.js';
import { pageBounds, toPage, toSafeMinor, type Page, type PageOptions } from './paging.js';
import { assertInput } from './validate.js';
import { computeWithholding, fromCents, tableApplies, toCents, type FilerStatus, type PayeeType, type TaxCategory, type TaxEventType, type WithholdingRateTable, type WithholdingResult } from './withholding.js';

/** Fiscal primitive (compliance.md §10–11): accounts, payments with withholding at source, tax events, IRIS export. */
export interface FiscalAccount {
  readonly account_id: string;
  readonly entity_id: string;
  readonly ntn?: string;
  readonly filer_status: FilerStatus;
  readonly currency: string;
  readonly created_at: string;
}

export type PaymentStatus = 'pending_approval' | 'completed' | 'rejected';

export interface Payment {
  readonly payment_id: string;
  readonly payer_account_id: string;
  readonly payee_account_id: string;
  readonly event_type: TaxEventType;
  readonly tax_category: TaxCategory;
  readonly currency: string;
  readonly gross_amount: string;
  readonly withholding_amount: string;
  readonly net_amount: string;
  readonly corridor_id?: string;
  readonly status: PaymentStatus;
  readonly consent_request_id?: string;
  readonly period: string;
  readonly created_at: string;
  readonly completed_at?: string;
  /** Per rule; for a payment awaiting dual control, the amounts it will withhold. */
  readonly withholding: readonly PaymentWithholding[];
}

export interface TaxEvent {
  readonly event_id: string;
  readonly entity_id: string;
  readonly payment_id?: string;
  readonly event_type: TaxEventType;
  readonly tax_category: TaxCategory;
  readonly filer_status: FilerStatus;
  readonly jurisdiction_id: string;
  readonly currency: string;
  readonly gross_amount: string;
  readonly withholding_amount: string;
  readonly rule_id?: string;
  readonly rate_bps?: number;
  readonly statutory_section?: string;
  readonly period: string;
  readonly at: string;
}

/** Options of a payment: the rate table, and dual control above a threshold. */
export interface PaymentOptions {
  readonly rates: WithholdingRateTable;
  /** Payments with gross ≥ this amount need two distinct signers (dual control). */
  readonly dual_control_threshold?: string;
  /** The signers asked to approve a dual-control payment (≥ 2). */
  readonly signers?: readonly string[];
}

interface AccountRow {
  account_id: string;
  entity_id: string;
  ntn: string | null;
  filer_status: FilerStatus;
  currency: string;
  created_at: string;
}

export function getAccount(db: Database, accountId: string): FiscalAccount {
  const r = db.prepare('SELECT * FROM fiscal_accounts WHERE account_id = ?').get(accountId) as AccountRow | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no fiscal account ${accountId}`, { account_id: accountId });
  return { account_id: r.account_id, entity_id: r.entity_id, ...(r.ntn !== null ? { ntn: r.ntn } : {}), filer_status: r.filer_status, currency: r.currency, created_at: r.created_at };
}

/** Opens an account; the NTN is validated (D13) and stored without its dash. */
export function openAccount(db: Database, input: unknown, now: string): FiscalAccount {
  const v = assertInput<{ account_id: string; entity_id: string; ntn?: string; filer_status: FilerStatus; currency: string }>('fiscal.account', input);
  const ntn = v.ntn === undefined ? null : parseNtn(v.ntn);
  return inTransaction(db, () => {
    getEntity(db, v.entity_id);
    db.prepare('INSERT INTO fiscal_accounts (account_id, entity_id, ntn, filer_status, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(v.account_id, v.entity_id, ntn, v.filer_status, v.currency, now);
    return getAccount(db, v.account_id);
  });
}

export function listAccounts(db: Database, o: PageOptions & { entity_id?: string } = {}): Page<FiscalAccount> {
  const { limit, offset } = pageBounds(o);
  const rows = (o.entity_id === undefined
    ? db.prepare('SELECT account_id FROM fiscal_accounts ORDER BY account_id LIMIT ? OFFSET ?').all(limit + 1, offset)
    : db.prepare('SELECT account_id FROM fiscal_accounts WHERE entity_id = ? ORDER BY account_id LIMIT ? OFFSET ?').all(o.entity_id, limit + 1, offset)) as { account_id: string }[];
  return toPage(rows.map((r) => getAccount(db, r.account_id)), limit, offset);
}

interface PaymentRow {
  payment_id: string;
  payer_account_id: string;
  payee_account_id: string;
  event_type: TaxEventType;
  tax_category: TaxCategory;
  currency: string;
  gross_minor: number;
  withholding_minor: number;
  net_minor: number;
  corridor_id: string | null;
  status: PaymentStatus;
  consent_request_id: string | null;
  period: string;
  created_at: string;
  completed_at: string | null;
}

/** One rule's withholding on a payment. */
export interface PaymentWithholding {
  readonly rule_id: string;
  readonly rate_bps: number;
  readonly statutory_section: string;
  readonly withholding_amount: string;
}

function withholdingOf(db: Database, paymentId: string): PaymentWithholding[] {
  const events = db.prepare('SELECT * FROM tax_events WHERE payment_id = ? AND rule_id IS NOT NULL ORDER BY rule_id').all(paymentId) as TaxEventRow[];
  return events.map((e) => ({ rule_id: e.rule_id as string, rate_bps: e.rate_bps ?? 0, statutory_section: e.statutory_section ?? '', withholding_amount: fromCents(BigInt(e.withholding_minor)) }));
}

const fromResult = (r: WithholdingResult): PaymentWithholding => ({ rule_id: r.rule_id, rate_bps: r.rate_bps, statutory_section: r.statutory_section, withholding_amount: r.withholding_amount });

function toPayment(db: Database, r: PaymentRow, computed?: readonly WithholdingResult[]): Payment {
  return {
    payment_id: r.payment_id,
    payer_account_id: r.payer_account_id,
    payee_account_id: r.payee_account_id,
    event_type: r.event_type,
    tax_category: r.tax_category,
    currency: r.currency,
    gross_amount: fromCents(BigInt(r.gross_minor)),
    withholding_amount: fromCents(BigInt(r.withholding_minor)),
    net_amount: fromCents(BigInt(r.net_minor)),
    ...(r.corridor_id !== null ? { corridor_id: r.corridor_id } : {}),
    status: r.status,
    ...(r.consent_request_id !== null ? { consent_request_id: r.consent_request_id } : {}),
    period: r.period,
    created_at: r.created_at,
    ...(r.completed_at !== null ? { completed_at: r.completed_at } : {}),
    withholding: computed !== undefined ? computed.map(fromResult) : withholdingOf(db, r.payment_id),
  };
}

export function getPayment(db: Database, paymentId: string): Payment {
  const r = db.prepare('SELECT * FROM payments WHERE payment_id = ?').get(paymentId) as PaymentRow | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no payment ${paymentId}`, { payment_id: paymentId });
  return toPayment(db, r);
}

/** The tax period of an instant: `YYYY-MM`. */
export function periodOf(at: string): string {
  if (!/^\d{4}-\d{2}/.test(at)) throw new MsezError('VALIDATION_FAILED', 'expected a date-time', { found: at });
  return at.slice(0, 7);
}

function recordTaxEvents(db: Database, p: PaymentRow, results: readonly WithholdingResult[], payee: FiscalAccount, jurisdictionId: string, at: string): void {
  const ins = db.prepare(
    'INSERT INTO tax_events (event_id, entity_id, payment_id, event_type, tax_category, filer_status, jurisdiction_id, currency, gross_minor, withholding_minor, rule_id, rate_bps, statutory_section, period, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  if (results.length === 0) {
    ins.run(`${p.payment_id}:none`, payee.entity_id, p.payment_id, p.event_type, p.tax_category, payee.filer_status, jurisdictionId, p.currency, p.gross_minor, 0, null, null, null, p.period, at);
    return;
  }
  for (const r of results) {
    ins.run(`${p.payment_id}:${r.rule_id}`, payee.entity_id, p.payment_id, p.event_type, p.tax_category, payee.filer_status, jurisdictionId, p.currency, p.gross_minor, toSafeMinor(toCents(r.withholding_amount), 'withholding'), r.rule_id, r.rate_bps, r.statutory_section, p.period, at);
  }
}

/**
 * The payee type a rule may be restricted to (msez rule): a payee outside the table's jurisdiction is
 * non-resident; otherwise company and branch are companies, a sole proprietor is an individual, and
 * partnership, LLP, trust and foundation are associations of persons (ITO 2001 s. 80).
 */
export function payeeTypeOf(payee: EntityRecord, rates: WithholdingRateTable): PayeeType {
  if (!tableApplies(rates, payee.jurisdiction_id)) return 'non_resident';
  switch (payee.entity_type) {
    case 'company':
    case 'branch':
      return 'company';
    case 'sole_proprietor':
      return 'individual';
    default:
      return 'aop';
  }
}

/**
 * Makes a payment from payer to payee, withholding at source per the payer's jurisdiction rate table and
 * the payee's filer status (compliance.md §11). Both entities must be ACTIVE and not halted. At or above
 * the dual-control threshold the payment waits for two distinct signers (consent request `<id>:dual-control`);
 * otherwise it completes at once and its tax events are recorded.
 */
export function makePayment(db: Database, input: unknown, opts: PaymentOptions, now: string): Payment {
  const v = assertInput<{ payment_id: string; payer_account_id: string; payee_account_id: string; event_type: TaxEventType; tax_category?: TaxCategory; gross_amount: string; currency: string; corridor_id?: string }>('fiscal.payment', input);
  const gross = toCents(v.gross_amount, 'gross_amount');
  if (gross === 0n) throw new MsezError('VALIDATION_FAILED', 'gross_amount must be > 0', {});
  return inTransaction(db, () => {
    const payer = getAccount(db, v.payer_account_id);
    const payee = getAccount(db, v.payee_account_id);
    if (payer.account_id === payee.account_id) throw new MsezError('VALIDATION_FAILED', 'payer and payee accounts must differ', {});
    for (const a of [payer, payee]) {
      if (a.currency !== v.currency) throw new MsezError('VALIDATION_FAILED', `account ${a.account_id} holds ${a.currency}, not ${v.currency}`, { account_id: a.account_id });
    }
    const payerEntity = getEntity(db, payer.entity_id);
    assertOperational(payerEntity);
    const payeeEntity = getEntity(db, payee.entity_id);
    assertOperational(payeeEntity);
    const taxCategory = v.tax_category ?? 'income_tax';
    const results = computeWithholding(opts.rates, {
      filer_status: payee.filer_status,
      payee_type: payeeTypeOf(payeeEntity, opts.rates),
      event_type: v.event_type,
      tax_category: taxCategory,
      jurisdiction_id: payerEntity.jurisdiction_id,
      gross_amount: v.gross_amount,
      as_of_date: now.slice(0, 10),
    });
    const wh = results.reduce((s, r) => s + toCents(r.withholding_amount), 0n);
    const dual = opts.dual_control_threshold !== undefined && gross >= toCents(opts.dual_control_threshold, 'dual_control_threshold');
    const row: PaymentRow = {
      payment_id: v.payment_id,
      payer_account_id: payer.account_id,
      payee_account_id: payee.account_id,
      event_type: v.event_type,
      tax_category: taxCategory,
      currency: v.currency,
      gross_minor: toSafeMinor(gross, 'gross_amount'),
      withholding_minor: toSafeMinor(wh, 'withholding'),
      net_minor: toSafeMinor(gross - wh, 'net'),
      corridor_id: v.corridor_id ?? null,
      status: dual ? 'pending_approval' : 'completed',
      consent_request_id: dual ? `${v.payment_id}:dual-control` : null,
      period: periodOf(now),
      created_at: now,
      completed_at: dual ? null : now,
    };
    db.prepare(
      'INSERT INTO payments (payment_id, payer_account_id, payee_account_id, event_type, tax_category, currency, gross_minor, withholding_minor, net_minor, corridor_id, status, consent_request_id, period, created_at, completed_at) VALUES (@payment_id, @payer_account_id, @payee_account_id, @event_type, @tax_category, @currency, @gross_minor, @withholding_minor, @net_minor, @corridor_id, @status, @consent_request_id, @period, @created_at, @completed_at)',
    ).run(row);
    if (dual) {
      createConsentRequest(db, { request_id: row.consent_request_id, kind: 'dual_control', subject: { payment_id: v.payment_id, gross_amount: fromCents(gross), currency: v.currency }, parties: [...(opts.signers ?? [])] }, now);
    } else {
      recordTaxEvents(db, row, results, payee, payerEntity.jurisdiction_id, now);
    }
    return toPayment(db, row, results);
  });
}

/**
 * Completes or rejects a dual-control payment once its consent request resolved. Withholding is
 * recomputed from the same table so the recorded tax events match the stored amounts.
 * @throws INVALID_STATE while the consent is still PENDING or the payment is not awaiting approval.
 */
export function settlePayment(db: Database, paymentId: string, rates: WithholdingRateTable, now: string): Payment {
  return inTransaction(db, () => {
    const r = db.prepare('SELECT * FROM payments WHERE payment_id = ?').get(paymentId) as PaymentRow | undefined;
    if (r === undefined) throw new MsezError('NOT_FOUND', `no payment ${paymentId}`, { payment_id: paymentId });
    if (r.status !== 'pending_approval' || r.consent_request_id === null) throw new MsezError('INVALID_STATE', `payment ${paymentId} is ${r.status}`, { status: r.status });
    const consent = getConsent(db, r.consent_request_id);
    if (consent.status === 'PENDING') throw new MsezError('INVALID_STATE', `payment ${paymentId} still awaits dual control`, { consent_request_id: consent.request_id });
    if (consent.status === 'REJECTED') {
      db.prepare("UPDATE payments SET status = 'rejected' WHERE payment_id = ?").run(paymentId);
      return getPayment(db, paymentId);
    }
    const payer = getAccount(db, r.payer_account_id);
    const payee = getAccount(db, r.payee_account_id);
    const payerEntity = getEntity(db, payer.entity_id);
    assertOperational(payerEntity);
    const payeeEntity = getEntity(db, payee.entity_id);
    assertOperational(payeeEntity);
    const results = computeWithholding(rates, { filer_status: payee.filer_status, payee_type: payeeTypeOf(payeeEntity, rates), event_type: r.event_type, tax_category: r.tax_category, jurisdiction_id: payerEntity.jurisdiction_id, gross_amount: fromCents(BigInt(r.gross_minor)), as_of_date: r.created_at.slice(0, 10) });
    const wh = results.reduce((s, x) => s + toCents(x.withholding_amount), 0n);
    if (wh !== BigInt(r.withholding_minor)) throw new MsezError('CONFLICT', 'the rate table changed since the payment was made', { payment_id: paymentId });
    db.prepare("UPDATE payments SET status = 'completed', completed_at = ? WHERE payment_id = ?").run(now, paymentId);
    recordTaxEvents(db, { ...r, status: 'completed' }, results, payee, payerEntity.jurisdiction_id, now);
    return getPayment(db, paymentId);
  });
}

export function listPayments(db: Database, o: PageOptions & { period?: string } = {}): Page<Payment> {
  const { limit, offset } = pageBounds(o);
  const rows = (o.period === undefined
    ? db.prepare('SELECT * FROM payments ORDER BY payment_id LIMIT ? OFFSET ?').all(limit + 1, offset)
    : db.prepare('SELECT * FROM payments WHERE period = ? ORDER BY payment_id LIMIT ? OFFSET ?').all(o.period, limit + 1, offset)) as PaymentRow[];
  return toPage(rows.map((r) => toPayment(db, r)), limit, offset);
}

interface TaxEventRow {
  event_id: string;
  entity_id: string;
  payment_id: string | null;
  event_type: TaxEventType;
  tax_category: TaxCategory;
  filer_status: FilerStatus;
  jurisdiction_id: string;
  currency: string;
  gross_minor: number;
  withholding_minor: number;
  rule_id: string | null;
  rate_bps: number | null;
  statutory_section: string | null;
  period: string;
  at: string;
}

const toTaxEvent = (r: TaxEventRow): TaxEvent => ({
  event_id: r.event_id,
  entity_id: r.entity_id,
  ...(r.payment_id !== null ? { payment_id: r.payment_id } : {}),
  event_type: r.event_type,
  tax_category: r.tax_category,
  filer_status: r.filer_status,
  jurisdiction_id: r.jurisdiction_id,
  currency: r.currency,
  gross_amount: fromCents(BigInt(r.gross_minor)),
  withholding_amount: fromCents(BigInt(r.withholding_minor)),
  ...(r.rule_id !== null ? { rule_id: r.rule_id } : {}),
  ...(r.rate_bps !== null ? { rate_bps: r.rate_bps } : {}),
  ...(r.statutory_section !== null ? { statutory_section: r.statutory_section } : {}),
  period: r.period,
  at: r.at,
});

export function listTaxEvents(db: Database, o: PageOptions & { period?: string; entity_id?: string } = {}): Page<TaxEvent> {
  const { limit, offset } = pageBounds(o);
  const rows = db
    .prepare('SELECT * FROM tax_events WHERE (? IS NULL OR period = ?) AND (? IS NULL OR entity_id = ?) ORDER BY event_id LIMIT ? OFFSET ?')
    .all(o.period ?? null, o.period ?? null, o.entity_id ?? null, o.entity_id ?? null, limit + 1, offset) as TaxEventRow[];
  return toPage(rows.map(toTaxEvent), limit, offset);
}

/** One line of the FBR IRIS-style withholding statement (msez layout; not an official FBR file format). */
export interface IrisRow {
  readonly payment_id: string;
  readonly payment_date: string;
  readonly withholding_agent_ntn: string;
  readonly withholding_agent_name: string;
  readonly taxpayer_entity_id: string;
  readonly taxpayer_ntn: string;
  readonly taxpayer_name: string;
  readonly filer_status: FilerStatus;
  readonly section: string;
  readonly rule_id: string;
  readonly rate_percent: string;
  readonly gross_amount: string;
  readonly tax_withheld: string;
  readonly currency: string;
  readonly corridor_id: string;
}

export interface IrisStatement {
  readonly period: string;
  readonly rows: readonly IrisRow[];
  readonly totals: readonly { readonly currency: string; readonly gross_amount: string; readonly tax_withheld: string }[];
}

/**
 * The withholding statement for a period (`YYYY-MM`): every completed payment's tax events with a
 * withheld amount > 0, ordered by payment then rule.
 */
export function irisStatement(db: Database, period: string): IrisStatement {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new MsezError('USAGE', 'period must be YYYY-MM', { period });
  const rows = db
    .prepare(
      `SELECT t.*, p.payer_account_id, p.corridor_id, p.completed_at, pa.ntn AS agent_ntn, pe.legal_name AS agent_name, ta.ntn AS taxpayer_ntn, te.legal_name AS taxpayer_name
       FROM tax_events t JOIN payments p ON p.payment_id = t.payment_id
       JOIN fiscal_accounts pa ON pa.account_id = p.payer_account_id JOIN entities pe ON pe.entity_id = pa.entity_id
       JOIN fiscal_accounts ta ON ta.account_id = p.payee_account_id JOIN entities te ON te.entity_id = ta.entity_id
       WHERE t.period = ? AND p.status = 'completed' AND t.withholding_minor > 0`,
    )
    .all(period) as (TaxEventRow & { corridor_id: string | null; completed_at: string; agent_ntn: string | null; agent_name: string; taxpayer_ntn: string | null; taxpayer_name: string })[];
  const out: IrisRow[] = rows
    .map((r) => ({
      payment_id: r.payment_id as string,
      payment_date: r.completed_at.slice(0, 10),
      withholding_agent_ntn: r.agent_ntn ?? '',
      withholding_agent_name: r.agent_name,
      taxpayer_entity_id: r.entity_id,
      taxpayer_ntn: r.taxpayer_ntn ?? '',
      taxpayer_name: r.taxpayer_name,
      filer_status: r.filer_status,
      section: r.statutory_section ?? '',
      rule_id: r.rule_id ?? '',
      rate_percent: fromCents(BigInt(r.rate_bps ?? 0)),
      gross_amount: fromCents(BigInt(r.gross_minor)),
      tax_withheld: fromCents(BigInt(r.withholding_minor)),
      currency: r.currency,
      corridor_id: r.corridor_id ?? '',
    }))
    .sort((a, b) => compareCodePoints(a.payment_id, b.payment_id) || compareCodePoints(a.rule_id, b.rule_id));
  const totals = new Map<string, { gross: bigint; wh: bigint }>();
  for (const r of out) {
    const t = totals.get(r.currency) ?? { gross: 0n, wh: 0n };
    t.gross += toCents(r.gross_amount);
    t.wh += toCents(r.tax_withheld);
    totals.set(r.currency, t);
  }
  return {
    period,
    rows: out,
    totals: [...totals.entries()].sort(([a], [b]) => compareCodePoints(a, b)).map(([currency, t]) => ({ currency, gross_amount: fromCents(t.gross), tax_withheld: fromCents(t.wh) })),
  };
}

const IRIS_COLUMNS: readonly (keyof IrisRow)[] = [
  'payment_id', 'payment_date', 'withholding_agent_ntn', 'withholding_agent_name', 'taxpayer_entity_id', 'taxpayer_ntn', 'taxpayer_name',
  'filer_status', 'section', 'rule_id', 'rate_percent', 'gross_amount', 'tax_withheld', 'currency', 'corridor_id',
];

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180 CSV (CRLF line ends, header row) of a statement. */
export function irisCsv(st: IrisStatement): string {
  const lines = [IRIS_COLUMNS.join(','), ...st.rows.map((r) => IRIS_COLUMNS.map((c) => csvField(String(r[c]))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
