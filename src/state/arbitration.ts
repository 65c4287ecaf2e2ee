import { MsezError, digestValue, mcfText, type JsonObject } from '../core/index.js';
import {
  applyEscrowEvent,
  fileDispute as fileDisputeLifecycle,
  formatMoney,
  makeEnforcementReceipt,
  openEscrow as openEscrowLifecycle,
  parseEvidencePackage,
  parseMoney,
  transitionDispute,
  type Dispute,
  type DisputeState,
  type DisputeTransition,
  type DisputeType,
  type EnforcementMethod,
  type Escrow,
  type EscrowStatus,
  type EscrowType,
  type ReleaseCondition,
} from '../arbitration/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { pageBounds, readStoredJson, toPage, toSafeMinor, type Page, type PageOptions } from './paging.js';
import { assertInput } from './validate.js';

/**
 * Arbitration over SQLite (compliance.md §9). Every dispute step goes through `transitionDispute` and is
 * appended to `dispute_transitions` with its evidence digest; escrow money lives in INTEGER minor units and
 * every movement is appended to `escrow_movements`, so amount = released + remaining exactly.
 */

export interface DisputeRecord {
  readonly dispute_id: string;
  readonly dispute_type: DisputeType;
  readonly claimant: string;
  readonly respondent: string;
  readonly state: DisputeState;
  readonly filed_at: string;
  readonly updated_at: string;
  /** Evidence digest given when the dispute was filed. */
  readonly filing_evidence_digest: string;
  readonly history: readonly DisputeTransition[];
}

export interface EvidenceRecord {
  readonly evidence_package_id: string;
  readonly dispute_id: string;
  readonly submitting_party: string;
  readonly submission_timestamp: string;
  readonly item_count: number;
  /** sha256 of MCF(package): usable as the evidence digest of a later step. */
  readonly package_sha256: string;
  readonly recorded_at: string;
}

export interface EscrowMovement {
  readonly seq: number;
  readonly kind: 'release' | 'refund';
  readonly amount: string;
  readonly condition: ReleaseCondition;
  readonly to: string;
  readonly at: string;
}

/** An escrow as stored; money as decimal strings (2 fraction digits). */
export interface EscrowRecord {
  readonly escrow_id: string;
  readonly dispute_id: string;
  readonly escrow_type: EscrowType;
  readonly currency: string;
  readonly depositor: string;
  readonly amount: string;
  readonly released: string;
  readonly remaining: string;
  readonly status: EscrowStatus;
  readonly opened_at: string;
  readonly updated_at: string;
  readonly movements: readonly EscrowMovement[];
}

export interface EnforcementRecord {
  readonly enforcement_id: string;
  readonly dispute_id: string;
  readonly ruling_id: string;
  readonly corridor_id: string;
  readonly orders_enforced: readonly string[];
  readonly enforcement_method: EnforcementMethod;
  readonly success: boolean;
  readonly amount_enforced: string;
  readonly currency: string;
  readonly enforced_at: string;
  readonly recorded_at: string;
}

/** A dispute with everything attached to it (what `msez dispute show` prints). */
export interface DisputeDetail {
  readonly dispute: DisputeRecord;
  readonly evidence: readonly EvidenceRecord[];
  readonly escrows: readonly EscrowRecord[];
  readonly enforcement: readonly EnforcementRecord[];
}

interface DisputeRow {
  dispute_id: string;
  dispute_type: DisputeType;
  claimant: string;
  respondent: string;
  state: DisputeState;
  filed_at: string;
  updated_at: string;
}

interface TransitionRow {
  from_state: DisputeState | null;
  to_state: DisputeState;
  evidence_digest: string;
  at: string;
}

interface EscrowRow {
  escrow_id: string;
  dispute_id: string;
  escrow_type: EscrowType;
  currency: string;
  depositor: string;
  amount_minor: number;
  released_minor: number;
  status: EscrowStatus;
  opened_at: string;
  updated_at: string;
}

function disputeRecord(db: Database, r: DisputeRow): DisputeRecord {
  const log = db.prepare('SELECT from_state, to_state, evidence_digest, at FROM dispute_transitions WHERE dispute_id = ? ORDER BY seq').all(r.dispute_id) as TransitionRow[];
  const filing = log.find((t) => t.from_state === null);
  if (filing === undefined) throw new MsezError('DB_ERROR', `dispute ${r.dispute_id} has no filing entry`, { dispute_id: r.dispute_id });
  return {
    ...r,
    filing_evidence_digest: filing.evidence_digest,
    history: log.flatMap((t) => (t.from_state === null ? [] : [{ from: t.from_state, to: t.to_state, at: t.at, evidence_digest: t.evidence_digest }])),
  };
}

function disputeRow(db: Database, disputeId: string): DisputeRow {
  const r = db.prepare('SELECT * FROM disputes WHERE dispute_id = ?').get(disputeId) as DisputeRow | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no dispute ${disputeId}`, { dispute_id: disputeId });
  return r;
}

export function getDispute(db: Database, disputeId: string): DisputeRecord {
  return disputeRecord(db, disputeRow(db, disputeId));
}

/** Disputes ordered by id, optionally in one state. */
export function listDisputes(db: Database, o: PageOptions & { readonly state?: DisputeState } = {}): Page<DisputeRecord> {
  const { limit, offset } = pageBounds(o);
  const rows = (
    o.state === undefined
      ? db.prepare('SELECT * FROM disputes ORDER BY dispute_id LIMIT ? OFFSET ?').all(limit + 1, offset)
      : db.prepare('SELECT * FROM disputes WHERE state = ? ORDER BY dispute_id LIMIT ? OFFSET ?').all(o.state, limit + 1, offset)
  ) as DisputeRow[];
  return toPage(
    rows.map((r) => disputeRecord(db, r)),
    limit,
    offset,
  );
}

/** Files a dispute (schema `arbitration.dispute-file`): state FILED plus a filing log entry. @throws CONFLICT if the id exists. */
export function fileDispute(db: Database, input: unknown, now: string): DisputeRecord {
  const v = assertInput<{ dispute_id: string; dispute_type: string; claimant: string; respondent: string; evidence_digest: string }>('arbitration.dispute-file', input);
  const d = fileDisputeLifecycle({ ...v, at: now });
  return inTransaction(db, () => {
    if (db.prepare('SELECT 1 FROM disputes WHERE dispute_id = ?').get(d.dispute_id) !== undefined) throw new MsezError('CONFLICT', `dispute ${d.dispute_id} already exists`, { dispute_id: d.dispute_id });
    db.prepare('INSERT INTO disputes (dispute_id, dispute_type, claimant, respondent, state, filed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(d.dispute_id, d.dispute_type, d.claimant, d.respondent, d.state, now, now);
    db.prepare('INSERT INTO dispute_transitions (dispute_id, from_state, to_state, evidence_digest, at) VALUES (?, NULL, ?, ?, ?)').run(d.dispute_id, d.state, v.evidence_digest, now);
    return getDispute(db, d.dispute_id);
  });
}

/**
 * Moves a dispute one step (schema `arbitration.dispute-advance`) through `transitionDispute`, in one
 * IMMEDIATE transaction. @throws INVALID_TRANSITION (nothing written) / NOT_FOUND
 */
export function advanceDispute(db: Database, input: unknown, now: string): DisputeRecord {
  const v = assertInput<{ dispute_id: string; to: DisputeState; evidence_digest: string }>('arbitration.dispute-advance', input);
  return inTransaction(db, () => {
    const cur = getDispute(db, v.dispute_id);
    const lifecycle: Dispute = { dispute_id: cur.dispute_id, dispute_type: cur.dispute_type, claimant: cur.claimant, respondent: cur.respondent, state: cur.state, filed_at: cur.filed_at, history: cur.history };
    const next = transitionDispute(lifecycle, v.to, now, v.evidence_digest);
    const step = next.history[next.history.length - 1];
    if (step === undefined) throw new MsezError('INTERNAL', 'transition produced no history entry', {});
    db.prepare('INSERT INTO dispute_transitions (dispute_id, from_state, to_state, evidence_digest, at) VALUES (?, ?, ?, ?, ?)').run(next.dispute_id, step.from, step.to, step.evidence_digest, step.at);
    db.prepare('UPDATE disputes SET state = ?, updated_at = ? WHERE dispute_id = ?').run(next.state, now, next.dispute_id);
    return getDispute(db, next.dispute_id);
  });
}

const EVIDENCE_OPEN: readonly DisputeState[] = ['FILED', 'UNDER_REVIEW', 'EVIDENCE_COLLECTION', 'HEARING'];

function listEvidence(db: Database, disputeId: string): EvidenceRecord[] {
  return (
    db.prepare('SELECT evidence_package_id, dispute_id, submitting_party, submission_timestamp, package, package_sha256, recorded_at FROM evidence_packages WHERE dispute_id = ? ORDER BY recorded_at, evidence_package_id').all(disputeId) as {
      evidence_package_id: string;
      dispute_id: string;
      submitting_party: string;
      submission_timestamp: string;
      package: string;
      package_sha256: string;
      recorded_at: string;
    }[]
  ).map(({ package: pkg, ...r }) => {
    const items = (readStoredJson(pkg, 'evidence_package') as JsonObject).evidence_items;
    return { ...r, item_count: Array.isArray(items) ? items.length : 0 };
  });
}

/**
 * Stores an evidence package (schema `arbitration.evidence`) for a dispute that is still open to evidence
 * (FILED…HEARING). The package is kept as MCF text with its sha256.
 * @throws NOT_FOUND / INVALID_STATE / CONFLICT
 */
export function addEvidence(db: Database, input: unknown, now: string): EvidenceRecord {
  const pkg = parseEvidencePackage(assertInput<unknown>('arbitration.evidence', input));
  const digest = digestValue(pkg).hex;
  return inTransaction(db, () => {
    const d = disputeRow(db, pkg.dispute_id);
    if (!EVIDENCE_OPEN.includes(d.state)) throw new MsezError('INVALID_STATE', `dispute ${d.dispute_id} is ${d.state}: evidence is closed`, { state: d.state });
    if (db.prepare('SELECT 1 FROM evidence_packages WHERE evidence_package_id = ?').get(pkg.evidence_package_id) !== undefined) {
      throw new MsezError('CONFLICT', `evidence package ${pkg.evidence_package_id} already exists`, { evidence_package_id: pkg.evidence_package_id });
    }
    db.prepare('INSERT INTO evidence_packages (evidence_package_id, dispute_id, submitting_party, submission_timestamp, package, package_sha256, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      pkg.evidence_package_id,
      pkg.dispute_id,
      pkg.submitting_party,
      pkg.submission_timestamp,
      mcfText(pkg),
      digest,
      now,
    );
    return { evidence_package_id: pkg.evidence_package_id, dispute_id: pkg.dispute_id, submitting_party: pkg.submitting_party, submission_timestamp: pkg.submission_timestamp, item_count: pkg.evidence_items.length, package_sha256: digest, recorded_at: now };
  });
}

function escrowRow(db: Database, escrowId: string): EscrowRow {
  const r = db.prepare('SELECT * FROM escrows WHERE escrow_id = ?').get(escrowId) as EscrowRow | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no escrow ${escrowId}`, { escrow_id: escrowId });
  return r;
}

function escrowRecord(db: Database, r: EscrowRow): EscrowRecord {
  const moves = db.prepare('SELECT seq, kind, amount_minor, release_condition, recipient, at FROM escrow_movements WHERE escrow_id = ? ORDER BY seq').all(r.escrow_id) as {
    seq: number;
    kind: 'release' | 'refund';
    amount_minor: number;
    release_condition: ReleaseCondition;
    recipient: string;
    at: string;
  }[];
  return {
    escrow_id: r.escrow_id,
    dispute_id: r.dispute_id,
    escrow_type: r.escrow_type,
    currency: r.currency,
    depositor: r.depositor,
    amount: formatMoney(BigInt(r.amount_minor)),
    released: formatMoney(BigInt(r.released_minor)),
    remaining: formatMoney(BigInt(r.amount_minor) - BigInt(r.released_minor)),
    status: r.status,
    opened_at: r.opened_at,
    updated_at: r.updated_at,
    movements: moves.map((m) => ({ seq: m.seq, kind: m.kind, amount: formatMoney(BigInt(m.amount_minor)), condition: m.release_condition, to: m.recipient, at: m.at })),
  };
}

export function getEscrow(db: Database, escrowId: string): EscrowRecord {
  return escrowRecord(db, escrowRow(db, escrowId));
}

/**
 * Opens an escrow for a dispute (schema `arbitration.escrow-open`). msez rule: opening records the deposit,
 * so the stored escrow is `funded` (pending → funded through `applyEscrowEvent`).
 * @throws NOT_FOUND (dispute) / CONFLICT (id) / VALIDATION_FAILED (amount 0 or too large)
 */
export function openEscrow(db: Database, input: unknown, now: string): EscrowRecord {
  const v = assertInput<{ escrow_id: string; dispute_id: string; escrow_type: EscrowType; currency: string; amount: string; depositor: string }>('arbitration.escrow-open', input);
  const e = applyEscrowEvent(openEscrowLifecycle({ escrow_id: v.escrow_id, dispute_id: v.dispute_id, escrow_type: v.escrow_type, currency: v.currency, amount: v.amount }), { kind: 'fund' });
  const amount = toSafeMinor(e.amount_minor, 'amount');
  return inTransaction(db, () => {
    disputeRow(db, v.dispute_id);
    if (db.prepare('SELECT 1 FROM escrows WHERE escrow_id = ?').get(v.escrow_id) !== undefined) throw new MsezError('CONFLICT', `escrow ${v.escrow_id} already exists`, { escrow_id: v.escrow_id });
    db.prepare('INSERT INTO escrows (escrow_id, dispute_id, escrow_type, currency, depositor, amount_minor, released_minor, status, opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)').run(
      e.escrow_id,
      e.dispute_id,
      e.escrow_type,
      e.currency,
      v.depositor,
      amount,
      e.status,
      now,
      now,
    );
    return getEscrow(db, e.escrow_id);
  });
}

function moveEscrow(db: Database, escrowId: string, kind: 'release' | 'refund', amount: string | null, condition: ReleaseCondition, to: string | null, now: string): EscrowRecord {
  return inTransaction(db, () => {
    const r = escrowRow(db, escrowId);
    const cur: Escrow = { escrow_id: r.escrow_id, dispute_id: r.dispute_id, escrow_type: r.escrow_type, currency: r.currency, amount_minor: BigInt(r.amount_minor), released_minor: BigInt(r.released_minor), status: r.status, releases: [] };
    // A refund returns everything still held to the depositor.
    const amt = amount ?? formatMoney(cur.amount_minor - cur.released_minor);
    const recipient = to ?? r.depositor;
    if (cur.amount_minor === cur.released_minor && amount === null) throw new MsezError('INVALID_TRANSITION', `escrow ${escrowId}: cannot refund from ${cur.status}`, { from: cur.status, event: kind });
    const next = applyEscrowEvent(cur, { kind: 'release', amount: amt, condition, to: recipient, at: now });
    const moved = next.released_minor - cur.released_minor;
    db.prepare('INSERT INTO escrow_movements (escrow_id, kind, amount_minor, release_condition, recipient, at) VALUES (?, ?, ?, ?, ?, ?)').run(escrowId, kind, toSafeMinor(moved, 'amount'), condition, recipient, now);
    db.prepare('UPDATE escrows SET released_minor = ?, status = ?, updated_at = ? WHERE escrow_id = ?').run(toSafeMinor(next.released_minor, 'released'), next.status, now, escrowId);
    return getEscrow(db, escrowId);
  });
}

/** Releases part or all of a funded escrow (schema `arbitration.escrow-release`). @throws INVALID_TRANSITION / VALIDATION_FAILED (over-release) */
export function releaseEscrow(db: Database, input: unknown, now: string): EscrowRecord {
  const v = assertInput<{ escrow_id: string; amount: string; condition: ReleaseCondition; to: string }>('arbitration.escrow-release', input);
  parseMoney(v.amount);
  return moveEscrow(db, v.escrow_id, 'release', v.amount, v.condition, v.to, now);
}

/** Refunds everything still held to the depositor (schema `arbitration.escrow-refund`); the escrow ends fully_released. */
export function refundEscrow(db: Database, input: unknown, now: string): EscrowRecord {
  const v = assertInput<{ escrow_id: string; condition: ReleaseCondition }>('arbitration.escrow-refund', input);
  return moveEscrow(db, v.escrow_id, 'refund', null, v.condition, null, now);
}

const ENFORCEABLE: readonly DisputeState[] = ['DECIDED', 'ENFORCED', 'CLOSED'];

interface EnforcementRow {
  enforcement_id: string;
  dispute_id: string;
  ruling_id: string;
  corridor_id: string;
  orders_enforced: string;
  enforcement_method: EnforcementMethod;
  success: number;
  amount_enforced_minor: number;
  currency: string;
  enforced_at: string;
  recorded_at: string;
}

function enforcementRecord(r: EnforcementRow): EnforcementRecord {
  const orders = readStoredJson(r.orders_enforced, 'orders_enforced');
  return {
    enforcement_id: r.enforcement_id,
    dispute_id: r.dispute_id,
    ruling_id: r.ruling_id,
    corridor_id: r.corridor_id,
    orders_enforced: Array.isArray(orders) ? orders.filter((o): o is string => typeof o === 'string') : [],
    enforcement_method: r.enforcement_method,
    success: r.success === 1,
    amount_enforced: formatMoney(BigInt(r.amount_enforced_minor)),
    currency: r.currency,
    enforced_at: r.enforced_at,
    recorded_at: r.recorded_at,
  };
}

/**
 * Records an (immutable) enforcement receipt (schema `arbitration.enforcement`) for a dispute that has been
 * decided (DECIDED, ENFORCED or CLOSED). @throws NOT_FOUND / INVALID_STATE / CONFLICT
 */
export function recordEnforcement(db: Database, input: unknown, now: string): EnforcementRecord {
  const v = assertInput<{ enforcement_id: string; dispute_id: string; ruling_id: string; corridor_id: string; orders_enforced: string[]; enforcement_method: string; success: boolean; amount_enforced: string; currency: string; enforced_at: string }>(
    'arbitration.enforcement',
    input,
  );
  const receipt = makeEnforcementReceipt(v);
  const amount = toSafeMinor(parseMoney(receipt.amount_enforced, 'amount_enforced'), 'amount_enforced');
  return inTransaction(db, () => {
    const d = disputeRow(db, v.dispute_id);
    if (!ENFORCEABLE.includes(d.state)) throw new MsezError('INVALID_STATE', `dispute ${d.dispute_id} is ${d.state}: nothing decided to enforce`, { state: d.state });
    if (db.prepare('SELECT 1 FROM enforcement_receipts WHERE enforcement_id = ?').get(receipt.enforcement_id) !== undefined) {
      throw new MsezError('CONFLICT', `enforcement ${receipt.enforcement_id} already exists`, { enforcement_id: receipt.enforcement_id });
    }
    db.prepare(
      'INSERT INTO enforcement_receipts (enforcement_id, dispute_id, ruling_id, corridor_id, orders_enforced, enforcement_method, success, amount_enforced_minor, currency, enforced_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(receipt.enforcement_id, v.dispute_id, receipt.ruling_id, receipt.corridor_id, mcfText(receipt.orders_enforced), receipt.enforcement_method, receipt.success ? 1 : 0, amount, receipt.currency, receipt.enforced_at, now);
    return enforcementRecord(db.prepare('SELECT * FROM enforcement_receipts WHERE enforcement_id = ?').get(receipt.enforcement_id) as EnforcementRow);
  });
}

/** A dispute with its evidence packages, escrows and enforcement receipts. */
export function disputeDetail(db: Database, disputeId: string): DisputeDetail {
  const dispute = getDispute(db, disputeId);
  const escrows = (db.prepare('SELECT * FROM escrows WHERE dispute_id = ? ORDER BY escrow_id').all(disputeId) as EscrowRow[]).map((r) => escrowRecord(db, r));
  const enforcement = (db.prepare('SELECT * FROM enforcement_receipts WHERE dispute_id = ? ORDER BY enforcement_id').all(disputeId) as EnforcementRow[]).map(enforcementRecord);
  return { dispute, evidence: listEvidence(db, disputeId), escrows, enforcement };
}
