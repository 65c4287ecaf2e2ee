import { MsezError } from '../core/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { assertOperational, getEntity } from './entities.js';
import { pageBounds, toPage, toSafeMinor, type Page, type PageOptions } from './paging.js';
import { fromCents, toCents } from './withholding.js';
import { assertInput } from './validate.js';

/** Ownership primitive (compliance.md §10): share classes, issuance, transfers, cap table. */
export interface ShareClass {
  readonly entity_id: string;
  readonly class_id: string;
  readonly name: string;
  readonly authorized: number;
  readonly issued: number;
  readonly par_value: string;
  readonly currency: string;
}

export interface Holding {
  readonly holder_id: string;
  readonly quantity: number;
  readonly cost_basis: string;
  /** Share of the class's issued shares, in bps (floored). */
  readonly class_bps: number;
}

export interface CapTable {
  readonly entity_id: string;
  readonly classes: readonly (ShareClass & { readonly holders: readonly Holding[] })[];
}

export interface LedgerEntry {
  readonly seq: number;
  readonly entity_id: string;
  readonly class_id: string;
  readonly kind: 'issuance' | 'transfer';
  readonly from_holder?: string;
  readonly to_holder: string;
  readonly quantity: number;
  readonly consideration: string;
  readonly cost_basis: string;
  readonly capital_gain: string;
  readonly at: string;
}

interface ClassRow {
  entity_id: string;
  class_id: string;
  name: string;
  authorized: number;
  issued: number;
  par_value_minor: number;
  currency: string;
}

const toClass = (r: ClassRow): ShareClass => ({ entity_id: r.entity_id, class_id: r.class_id, name: r.name, authorized: r.authorized, issued: r.issued, par_value: fromCents(BigInt(r.par_value_minor)), currency: r.currency });

function getClass(db: Database, entityId: string, classId: string): ShareClass {
  const r = db.prepare('SELECT * FROM share_classes WHERE entity_id = ? AND class_id = ?').get(entityId, classId) as ClassRow | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no share class ${entityId}/${classId}`, { entity_id: entityId, class_id: classId });
  return toClass(r);
}

export function createShareClass(db: Database, input: unknown): ShareClass {
  const v = assertInput<{ entity_id: string; class_id: string; name: string; authorized: number; par_value: string; currency: string }>('ownership.share-class', input);
  return inTransaction(db, () => {
    getEntity(db, v.entity_id);
    db.prepare('INSERT INTO share_classes (entity_id, class_id, name, authorized, issued, par_value_minor, currency) VALUES (?, ?, ?, ?, 0, ?, ?)').run(v.entity_id, v.class_id, v.name, v.authorized, toSafeMinor(toCents(v.par_value, 'par_value'), 'par_value'), v.currency);
    return getClass(db, v.entity_id, v.class_id);
  });
}

interface HoldingRow {
  holder_id: string;
  quantity: number;
  cost_basis_minor: number;
}

function holding(db: Database, entityId: string, classId: string, holder: string): HoldingRow | undefined {
  return db.prepare('SELECT holder_id, quantity, cost_basis_minor FROM holdings WHERE entity_id = ? AND class_id = ? AND holder_id = ?').get(entityId, classId, holder) as HoldingRow | undefined;
}

function putHolding(db: Database, entityId: string, classId: string, holder: string, qty: bigint, basis: bigint): void {
  db.prepare('INSERT OR REPLACE INTO holdings (entity_id, class_id, holder_id, quantity, cost_basis_minor) VALUES (?, ?, ?, ?, ?)').run(entityId, classId, holder, toSafeMinor(qty, 'quantity'), toSafeMinor(basis, 'cost_basis'));
}

function ledger(db: Database, e: Omit<LedgerEntry, 'seq' | 'consideration' | 'cost_basis' | 'capital_gain'> & { consideration: bigint; cost_basis: bigint; capital_gain: bigint }): LedgerEntry {
  const info = db
    .prepare('INSERT INTO share_ledger (entity_id, class_id, kind, from_holder, to_holder, quantity, consideration_minor, cost_basis_minor, capital_gain_minor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(e.entity_id, e.class_id, e.kind, e.from_holder ?? null, e.to_holder, e.quantity, toSafeMinor(e.consideration, 'consideration'), toSafeMinor(e.cost_basis, 'cost_basis'), toSafeMinor(e.capital_gain, 'capital_gain'), e.at);
  return { ...e, seq: Number(info.lastInsertRowid), consideration: fromCents(e.consideration), cost_basis: fromCents(e.cost_basis), capital_gain: fromCents(e.capital_gain) };
}

/** Issues new shares to a holder at a price; never beyond the class's authorized count. */
export function issueShares(db: Database, input: unknown, now: string): LedgerEntry {
  const v = assertInput<{ entity_id: string; class_id: string; holder_id: string; quantity: number; price_per_share: string }>('ownership.issue', input);
  return inTransaction(db, () => {
    assertOperational(getEntity(db, v.entity_id));
    const cls = getClass(db, v.entity_id, v.class_id);
    if (cls.issued + v.quantity > cls.authorized) throw new MsezError('VALIDATION_FAILED', `issuance exceeds authorized shares (${cls.authorized - cls.issued} left)`, { available: cls.authorized - cls.issued });
    const consideration = BigInt(v.quantity) * toCents(v.price_per_share, 'price_per_share');
    const cur = holding(db, v.entity_id, v.class_id, v.holder_id);
    putHolding(db, v.entity_id, v.class_id, v.holder_id, BigInt((cur?.quantity ?? 0) + v.quantity), BigInt(cur?.cost_basis_minor ?? 0) + consideration);
    db.prepare('UPDATE share_classes SET issued = issued + ? WHERE entity_id = ? AND class_id = ?').run(v.quantity, v.entity_id, v.class_id);
    return ledger(db, { entity_id: v.entity_id, class_id: v.class_id, kind: 'issuance', to_holder: v.holder_id, quantity: v.quantity, consideration, cost_basis: consideration, capital_gain: 0n, at: now });
  });
}

/**
 * Transfers shares (quantity > 0) and computes the seller's capital gain at transfer: proceeds minus the
 * average cost of the shares sold, cost = ⌊basis·qty/held⌋ (msez rule: average cost, floored).
 */
export function transferShares(db: Database, input: unknown, now: string): LedgerEntry {
  const v = assertInput<{ entity_id: string; class_id: string; from_holder: string; to_holder: string; quantity: number; price_per_share: string }>('ownership.transfer', input);
  if (v.from_holder === v.to_holder) throw new MsezError('VALIDATION_FAILED', 'a transfer needs two different holders', {});
  return inTransaction(db, () => {
    assertOperational(getEntity(db, v.entity_id));
    getClass(db, v.entity_id, v.class_id);
    const from = holding(db, v.entity_id, v.class_id, v.from_holder);
    if (from === undefined || from.quantity < v.quantity) throw new MsezError('VALIDATION_FAILED', `${v.from_holder} holds ${from?.quantity ?? 0} shares, fewer than ${v.quantity}`, { held: from?.quantity ?? 0 });
    const proceeds = BigInt(v.quantity) * toCents(v.price_per_share, 'price_per_share');
    const basis = (BigInt(from.cost_basis_minor) * BigInt(v.quantity)) / BigInt(from.quantity);
    putHolding(db, v.entity_id, v.class_id, v.from_holder, BigInt(from.quantity - v.quantity), BigInt(from.cost_basis_minor) - basis);
    const to = holding(db, v.entity_id, v.class_id, v.to_holder);
    putHolding(db, v.entity_id, v.class_id, v.to_holder, BigInt((to?.quantity ?? 0) + v.quantity), BigInt(to?.cost_basis_minor ?? 0) + proceeds);
    return ledger(db, { entity_id: v.entity_id, class_id: v.class_id, kind: 'transfer', from_holder: v.from_holder, to_holder: v.to_holder, quantity: v.quantity, consideration: proceeds, cost_basis: basis, capital_gain: proceeds - basis, at: now });
  });
}

export function capTable(db: Database, entityId: string): CapTable {
  getEntity(db, entityId);
  const classes = (db.prepare('SELECT * FROM share_classes WHERE entity_id = ? ORDER BY class_id').all(entityId) as ClassRow[]).map(toClass);
  return {
    entity_id: entityId,
    classes: classes.map((c) => ({
      ...c,
      holders: (db.prepare('SELECT holder_id, quantity, cost_basis_minor FROM holdings WHERE entity_id = ? AND class_id = ? AND quantity > 0 ORDER BY holder_id').all(entityId, c.class_id) as HoldingRow[]).map((h) => ({
        holder_id: h.holder_id,
        quantity: h.quantity,
        cost_basis: fromCents(BigInt(h.cost_basis_minor)),
        class_bps: c.issued === 0 ? 0 : Math.floor((h.quantity * 10000) / c.issued),
      })),
    })),
  };
}

export function listShareLedger(db: Database, entityId: string, o: PageOptions = {}): Page<LedgerEntry> {
  const { limit, offset } = pageBounds(o);
  const rows = db.prepare('SELECT * FROM share_ledger WHERE entity_id = ? ORDER BY seq LIMIT ? OFFSET ?').all(entityId, limit + 1, offset) as {
    seq: number;
    entity_id: string;
    class_id: string;
    kind: 'issuance' | 'transfer';
    from_holder: string | null;
    to_holder: string;
    quantity: number;
    consideration_minor: number;
    cost_basis_minor: number;
    capital_gain_minor: number;
    at: string;
  }[];
  return toPage(
    rows.map((r) => ({
      seq: r.seq,
      entity_id: r.entity_id,
      class_id: r.class_id,
      kind: r.kind,
      ...(r.from_holder !== null ? { from_holder: r.from_holder } : {}),
      to_holder: r.to_holder,
      quantity: r.quantity,
      consideration: fromCents(BigInt(r.consideration_minor)),
      cost_basis: fromCents(BigInt(r.cost_basis_minor)),
      capital_gain: fromCents(BigInt(r.capital_gain_minor)),
      at: r.at,
    })),
    limit,
    offset,
  );
}
