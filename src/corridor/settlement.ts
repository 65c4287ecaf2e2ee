import { MsezError, compareCodePoints, digestValue, isJsonObject, sha256, toHex, type JsonValue } from '../core/index.js';
import { currencyPrecision } from './money.js';
import { net, type NettingResult, type Obligation } from './netting.js';

/** A corridor able to settle some currencies; a **lower** priority wins (corridors.md §11). */
export interface SettlementCorridor {
  readonly corridor_id: string;
  readonly currencies: string[];
  readonly priority: number;
}

export interface SettlementLeg {
  readonly leg_id: string;
  readonly from_party_id: string;
  readonly to_party_id: string;
  readonly amount: string;
  readonly currency: string;
  readonly settlement_corridor_id?: string;
}

/** `CorridorSettlementPlan` (corridors.md §11), with `currency` on every amount (msez rule). */
export interface SettlementPlan {
  readonly type: 'CorridorSettlementPlan';
  readonly plan_id: string;
  readonly created_at: string;
  readonly obligations: Obligation[];
  readonly netting: { party_id: string; currency: string; amount: string }[];
  readonly settlement_legs: SettlementLeg[];
  readonly currencies: NettingResult['currencies'];
  readonly inputs: string[];
  readonly settlement_corridors: SettlementCorridor[];
  readonly proof: never[];
}

function chooseCorridor(corridors: readonly SettlementCorridor[], currency: string): string | undefined {
  const fit = corridors
    .filter((c) => c.currencies.includes(currency))
    .sort((a, b) => a.priority - b.priority || compareCodePoints(a.corridor_id, b.corridor_id));
  return fit[0]?.corridor_id;
}

/**
 * Nets the obligations and assigns each leg the best settlement corridor for its currency.
 * `plan_id` = "plan:" + sha256(MCF(plan minus plan_id and proof)), so equal inputs give equal ids.
 */
export function buildSettlementPlan(input: {
  obligations: readonly Obligation[];
  settlement_corridors?: readonly SettlementCorridor[];
  inputs?: readonly string[];
  created_at: string;
}): SettlementPlan {
  const netting = net(input.obligations);
  const corridors = [...(input.settlement_corridors ?? [])];
  const legs: SettlementLeg[] = netting.legs.map((l) => {
    const c = chooseCorridor(corridors, l.currency);
    return { ...l, ...(c !== undefined ? { settlement_corridor_id: c } : {}) };
  });
  const body = {
    type: 'CorridorSettlementPlan' as const,
    created_at: input.created_at,
    obligations: netting.obligations,
    netting: netting.positions.map((p) => ({ party_id: p.party_id, currency: p.currency, amount: p.amount })),
    settlement_legs: legs,
    currencies: netting.currencies,
    inputs: [...(input.inputs ?? [])],
    settlement_corridors: corridors,
  };
  return { ...body, plan_id: `plan:${digestValue(body).hex}`, proof: [] };
}

/** Reads `settlement_corridors` from untrusted JSON. */
export function parseSettlementCorridors(value: JsonValue | undefined): SettlementCorridor[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new MsezError('SCHEMA_INVALID', 'settlement_corridors must be a list', { fields: [{ path: '/settlement_corridors', message: 'not a list' }] });
  return value.map((c, i) => {
    const ok =
      isJsonObject(c) &&
      typeof c.corridor_id === 'string' &&
      c.corridor_id !== '' &&
      Array.isArray(c.currencies) &&
      c.currencies.every((x) => typeof x === 'string') &&
      typeof c.priority === 'number' &&
      Number.isSafeInteger(c.priority);
    if (!ok) throw new MsezError('SCHEMA_INVALID', `settlement_corridors[${i}]: need {corridor_id, currencies[], priority (integer)}`, { fields: [{ path: `/settlement_corridors/${i}`, message: 'invalid' }] });
    for (const ccy of c.currencies as string[]) currencyPrecision(ccy, `/settlement_corridors/${i}/currencies`);
    return { corridor_id: c.corridor_id as string, currencies: c.currencies as string[], priority: c.priority as number };
  });
}

// ## ISO 20022 pacs.008.001.08

export const PACS008_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08';

export interface PartyDirectoryEntry {
  readonly party_id: string;
  readonly name: string;
  readonly bic: string;
}

const BIC = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** Reads `parties[{party_id, name, bic}]` from untrusted JSON. */
export function parsePartyDirectory(value: JsonValue | undefined): Map<string, PartyDirectoryEntry> {
  const out = new Map<string, PartyDirectoryEntry>();
  if (value === undefined) return out;
  if (!Array.isArray(value)) throw new MsezError('SCHEMA_INVALID', 'parties must be a list', { fields: [{ path: '/parties', message: 'not a list' }] });
  value.forEach((p, i) => {
    if (!isJsonObject(p) || typeof p.party_id !== 'string' || typeof p.bic !== 'string' || !BIC.test(p.bic) || (p.name !== undefined && typeof p.name !== 'string')) {
      throw new MsezError('SCHEMA_INVALID', `parties[${i}]: need {party_id, name?, bic (ISO 9362 BIC)}`, { fields: [{ path: `/parties/${i}`, message: 'invalid' }] });
    }
    out.set(p.party_id, { party_id: p.party_id, name: typeof p.name === 'string' ? p.name : p.party_id, bic: p.bic });
  });
  return out;
}

/** A UUIDv4-shaped UETR derived from sha256("msez.pacs008.uetr.v1\0" ‖ plan_id ‖ NUL ‖ leg_id). */
export function deriveUetr(planId: string, legId: string): string {
  const b = sha256(new TextEncoder().encode(`msez.pacs008.uetr.v1\u0000${planId}\u0000${legId}`)).slice(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function el(name: string, inner: string, attrs = ''): string {
  return `<${name}${attrs}>${inner}</${name}>`;
}

/**
 * One FIToFICustomerCreditTransfer (pacs.008.001.08) with a CdtTrfTxInf per settlement leg, elements in
 * XSD order. Every party on a leg needs a BIC in the directory.
 * @throws MsezError VALIDATION_FAILED for a plan without legs or a party without a BIC
 */
export function toPacs008(plan: SettlementPlan, parties: ReadonlyMap<string, PartyDirectoryEntry>): string {
  if (plan.settlement_legs.length === 0) throw new MsezError('VALIDATION_FAILED', 'the plan has no settlement legs: nothing to settle', { plan_id: plan.plan_id });
  const party = (id: string): PartyDirectoryEntry => {
    const p = parties.get(id);
    if (p === undefined) throw new MsezError('VALIDATION_FAILED', `party ${id} has no BIC in the party directory`, { party_id: id });
    return p;
  };
  const date = plan.created_at.slice(0, 10);
  const txs = plan.settlement_legs.map((leg) => {
    const dbtr = party(leg.from_party_id);
    const cdtr = party(leg.to_party_id);
    const agent = (bic: string): string => el('FinInstnId', el('BICFI', esc(bic)));
    return el(
      'CdtTrfTxInf',
      el('PmtId', el('InstrId', esc(leg.leg_id)) + el('EndToEndId', esc(leg.leg_id)) + el('UETR', deriveUetr(plan.plan_id, leg.leg_id))) +
        el('IntrBkSttlmAmt', leg.amount, ` Ccy="${esc(leg.currency)}"`) +
        el('IntrBkSttlmDt', date) +
        el('ChrgBr', 'SLEV') +
        el('Dbtr', el('Nm', esc(dbtr.name.slice(0, 140)))) +
        el('DbtrAgt', agent(dbtr.bic)) +
        el('CdtrAgt', agent(cdtr.bic)) +
        el('Cdtr', el('Nm', esc(cdtr.name.slice(0, 140)))) +
        el('RmtInf', el('Ustrd', esc(`msez settlement ${leg.leg_id}${leg.settlement_corridor_id !== undefined ? ` via ${leg.settlement_corridor_id}` : ''}`.slice(0, 140)))),
    );
  });
  const grpHdr = el(
    'GrpHdr',
    el('MsgId', esc(`MSEZ${plan.plan_id.slice(5, 36)}`)) + el('CreDtTm', esc(plan.created_at)) + el('NbOfTxs', String(txs.length)) + el('SttlmInf', el('SttlmMtd', 'CLRG')),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="${PACS008_NAMESPACE}">${el('FIToFICstmrCdtTrf', grpHdr + txs.join(''))}</Document>\n`;
}
