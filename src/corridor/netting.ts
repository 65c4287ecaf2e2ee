import { MsezError, compareCodePoints, isJsonObject, sha256, toHex, type JsonValue } from '../core/index.js';
import { formatAmount, parseAmount } from './money.js';

/** One obligation as given (corridors.md §10, msez rule: settlement-plan names plus `currency`). */
export interface Obligation {
  readonly debtor_party_id: string;
  readonly creditor_party_id: string;
  readonly amount: string;
  readonly currency: string;
  readonly corridor_id?: string;
}

interface ParsedObligation extends Obligation {
  readonly minor: bigint;
}

export interface NettingLeg {
  readonly leg_id: string;
  readonly from_party_id: string;
  readonly to_party_id: string;
  readonly amount: string;
  readonly currency: string;
}

export interface NetPosition {
  readonly party_id: string;
  readonly currency: string;
  /** Receivable minus payable, a signed decimal string. */
  readonly amount: string;
}

export interface CurrencySummary {
  readonly currency: string;
  readonly gross: string;
  readonly net: string;
  readonly reduction_bps: number;
  readonly obligation_count: number;
  readonly leg_count: number;
}

export interface NettingResult {
  readonly algorithm: 'msez.netting.greedy.v1';
  readonly obligations: Obligation[];
  readonly positions: NetPosition[];
  readonly legs: NettingLeg[];
  readonly currencies: CurrencySummary[];
}

const OBLIGATION_KEYS = new Set(['debtor_party_id', 'creditor_party_id', 'amount', 'currency', 'corridor_id']);

/**
 * Reads obligations from untrusted JSON (a list, or an object with `obligations`), applying every
 * rejection rule of corridors.md §10; all problems are collected into one VALIDATION_FAILED.
 */
export function parseObligations(value: JsonValue): Obligation[] {
  const list = Array.isArray(value) ? value : isJsonObject(value) && Array.isArray(value.obligations) ? value.obligations : undefined;
  if (list === undefined) throw new MsezError('SCHEMA_INVALID', 'expected a list of obligations (or {"obligations": [...]})', { fields: [{ path: '', message: 'not a list' }] });
  const fields: { path: string; message: string }[] = [];
  const out: Obligation[] = [];
  const seen = new Set<string>();
  list.forEach((o, i) => {
    const at = `/obligations/${i}`;
    if (!isJsonObject(o)) return void fields.push({ path: at, message: 'not an object' });
    for (const k of Object.keys(o)) if (!OBLIGATION_KEYS.has(k)) fields.push({ path: `${at}/${k}`, message: 'unknown field' });
    const str = (k: string): string | undefined => {
      const v = o[k];
      if (v === undefined) return undefined;
      if (typeof v !== 'string' || v === '') return void fields.push({ path: `${at}/${k}`, message: 'must be a non-empty string' });
      return v;
    };
    const debtor = str('debtor_party_id');
    const creditor = str('creditor_party_id');
    const currency = str('currency');
    const corridor = str('corridor_id');
    if (debtor === undefined || creditor === undefined || currency === undefined || o.amount === undefined) {
      return void fields.push({ path: at, message: 'debtor_party_id, creditor_party_id, amount and currency are required' });
    }
    if (debtor === creditor) return void fields.push({ path: at, message: 'self-obligation (debtor = creditor)' });
    let minor: bigint;
    try {
      minor = parseAmount(o.amount, currency, `${at}/amount`);
    } catch (err) {
      if (err instanceof MsezError) return void fields.push({ path: `${at}/amount`, message: err.message });
      throw err;
    }
    if (minor <= 0n) return void fields.push({ path: `${at}/amount`, message: 'amount must be > 0' });
    const key = [debtor, creditor, minor.toString(), currency, corridor ?? ''].join('\u0000');
    if (seen.has(key)) return void fields.push({ path: at, message: 'duplicate obligation (debtor, creditor, amount, currency, corridor)' });
    seen.add(key);
    out.push({ debtor_party_id: debtor, creditor_party_id: creditor, amount: o.amount as string, currency, ...(corridor !== undefined ? { corridor_id: corridor } : {}) });
  });
  if (fields.length > 0) throw new MsezError('VALIDATION_FAILED', `${fields.length} invalid obligation(s): ${fields[0]?.path} ${fields[0]?.message}`, { fields });
  return out;
}

/** `leg:` + the first 16 hex of sha256("payer:payee:ccy:seq") (D9). */
export function legId(payer: string, payee: string, currency: string, seq: number): string {
  return `leg:${toHex(sha256(new TextEncoder().encode(`${payer}:${payee}:${currency}:${seq}`))).slice(0, 16)}`;
}

/**
 * Multilateral netting (D9, corridors.md §10): exact minor units, per currency in code-point order,
 * payers by largest debt then id, receivers by largest credit then id, greedy matching.
 */
export function net(obligations: readonly Obligation[]): NettingResult {
  const parsed: ParsedObligation[] = obligations.map((o) => ({ ...o, minor: parseAmount(o.amount, o.currency) }));
  const byCcy = new Map<string, ParsedObligation[]>();
  for (const o of parsed) byCcy.set(o.currency, [...(byCcy.get(o.currency) ?? []), o]);
  const positions: NetPosition[] = [];
  const legs: NettingLeg[] = [];
  const currencies: CurrencySummary[] = [];
  let seq = 0;
  for (const ccy of [...byCcy.keys()].sort(compareCodePoints)) {
    const obs = byCcy.get(ccy) ?? [];
    const bal = new Map<string, bigint>();
    let gross = 0n;
    for (const o of obs) {
      bal.set(o.creditor_party_id, (bal.get(o.creditor_party_id) ?? 0n) + o.minor);
      bal.set(o.debtor_party_id, (bal.get(o.debtor_party_id) ?? 0n) - o.minor);
      gross += o.minor;
    }
    for (const party of [...bal.keys()].sort(compareCodePoints)) positions.push({ party_id: party, currency: ccy, amount: formatAmount(bal.get(party) ?? 0n, ccy) });
    const order = (a: [string, bigint], b: [string, bigint]): number => (a[1] === b[1] ? compareCodePoints(a[0], b[0]) : a[1] > b[1] ? -1 : 1);
    const payers = [...bal].filter(([, v]) => v < 0n).map(([p, v]): [string, bigint] => [p, -v]).sort(order);
    const receivers = [...bal].filter(([, v]) => v > 0n).sort(order);
    let i = 0;
    let j = 0;
    let netTotal = 0n;
    let legCount = 0;
    while (i < payers.length && j < receivers.length) {
      const payer = payers[i] as [string, bigint];
      const recv = receivers[j] as [string, bigint];
      const amt = payer[1] < recv[1] ? payer[1] : recv[1];
      seq++;
      legs.push({ leg_id: legId(payer[0], recv[0], ccy, seq), from_party_id: payer[0], to_party_id: recv[0], amount: formatAmount(amt, ccy), currency: ccy });
      netTotal += amt;
      legCount++;
      payer[1] -= amt;
      recv[1] -= amt;
      if (payer[1] === 0n) i++;
      if (recv[1] === 0n) j++;
    }
    currencies.push({
      currency: ccy,
      gross: formatAmount(gross, ccy),
      net: formatAmount(netTotal, ccy),
      reduction_bps: Number(((gross - netTotal) * 10000n) / gross),
      obligation_count: obs.length,
      leg_count: legCount,
    });
  }
  return { algorithm: 'msez.netting.greedy.v1', obligations: [...obligations], positions, legs, currencies };
}
