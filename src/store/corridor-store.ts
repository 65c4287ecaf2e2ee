import type BetterSqlite3 from 'better-sqlite3';
import { MsezError, hexToBytes, isJsonObject, parseJson, type JsonObject, type JsonValue } from '../core/index.js';
import {
  Mmr,
  acceptsReceipts,
  buildCheckpoint,
  checkTransitionEvidence,
  checkpointDigest,
  checkSignatures,
  configToJson,
  genesisRoot,
  makeChainExport,
  parseCorridorConfig,
  parseCorridorState,
  proposeReceipt,
  ruleFor,
  verifyReceipt,
  activationRefusal,
  checkCorridorActivation,
  type ChainExport,
  type CorridorActivationReport,
  type Transition,
  type CorridorConfig,
  type CorridorState,
  type EvidenceRecord,
  type LifecycleVerb,
  type MmrPeak,
  type TransitionKind,
  type RegistryResolver,
} from '../corridor/index.js';
import { signCredential, type ActivationInput, type ProofSuite, type SigningKey } from '../vc/index.js';
import { inTransaction, type Database } from './db.js';

/**
 * SQLite persistence for corridors (issue 6): every write runs in one IMMEDIATE transaction, so two
 * processes appending to one corridor serialise on the write lock; UNIQUE(corridor_id, sequence) is the
 * last line of defence against a fork in the table.
 */

export interface CorridorRecord {
  readonly config: CorridorConfig;
  readonly genesis_root: string;
  readonly state: CorridorState;
  readonly state_since: string;
  readonly receipt_count: number;
  readonly head: string;
  readonly mmr_root: string;
  readonly mmr_peaks: MmrPeak[];
  readonly created_at: string;
}

export interface TransitionLogEntry {
  readonly seq: number;
  readonly kind: TransitionKind;
  readonly from_state: CorridorState;
  readonly to_state: CorridorState;
  readonly at: string;
  readonly evidence: EvidenceRecord[];
}

interface CorridorRow {
  config: string;
  genesis_root: string;
  state: string;
  state_since: string;
  receipt_count: number;
  head: string;
  mmr_peaks: string;
  created_at: string;
}

/** Compact JSON text for storage (never hashed; bigints kept exact). */
export function toJsonText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'bigint':
      return v.toString(10);
    case 'number':
    case 'boolean':
    case 'string':
      return JSON.stringify(v);
    case 'object':
      if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
      return `{${Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `${JSON.stringify(k)}:${toJsonText(x)}`)
        .join(',')}}`;
    default:
      throw new MsezError('INTERNAL', `cannot store a ${typeof v}`);
  }
}

type Statement = BetterSqlite3.Statement<unknown[], unknown>;
const statements = new WeakMap<Database, Map<string, Statement>>();

/** Prepared statements are cached per connection: preparing costs more than running a small statement. */
function stmt(db: Database, sql: string): Statement {
  let cache = statements.get(db);
  if (cache === undefined) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (s === undefined) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

function fromJsonText(text: string): JsonValue {
  return parseJson(text, { file: 'state.db' }).value;
}

/** Parsed configs by stored text: a config never changes after init, and parsing it cost more than an append's SQL. */
const configCache = new Map<string, CorridorConfig>();
const CONFIG_CACHE_SIZE = 64;

function parseStoredConfig(text: string): CorridorConfig {
  let c = configCache.get(text);
  if (c === undefined) {
    c = parseCorridorConfig(fromJsonText(text));
    if (configCache.size >= CONFIG_CACHE_SIZE) configCache.delete(configCache.keys().next().value as string);
    configCache.set(text, c);
  }
  return c;
}

function readRecord(row: CorridorRow): CorridorRecord {
  const peaks = fromJsonText(row.mmr_peaks) as unknown as MmrPeak[];
  let root: string | undefined;
  return {
    config: parseStoredConfig(row.config),
    genesis_root: row.genesis_root,
    state: parseCorridorState(row.state),
    state_since: row.state_since,
    receipt_count: row.receipt_count,
    head: row.head,
    // Bagging the peaks costs a few hashes that the append path never needs: computed on first read.
    get mmr_root(): string {
      return (root ??= Mmr.fromPeaks(row.receipt_count, peaks).root());
    },
    mmr_peaks: peaks,
    created_at: row.created_at,
  };
}

/** @throws MsezError NOT_FOUND */
export function getCorridor(db: Database, corridorId: string): CorridorRecord {
  const row = stmt(db, 'SELECT * FROM corridor WHERE corridor_id = ?').get(corridorId) as CorridorRow | undefined;
  if (row === undefined) throw new MsezError('NOT_FOUND', `corridor ${corridorId} is not initialised in this database`, { corridor_id: corridorId });
  return readRecord(row);
}

export function listCorridors(db: Database): string[] {
  return (stmt(db, 'SELECT corridor_id FROM corridor ORDER BY corridor_id').all() as { corridor_id: string }[]).map((r) => r.corridor_id);
}

/** Creates a corridor in DRAFT. @throws MsezError CONFLICT when it exists */
export function initCorridor(db: Database, config: CorridorConfig, at: string): CorridorRecord {
  const genesis = genesisRoot(config);
  inTransaction(db, () => {
    stmt(db, 'INSERT INTO corridor (corridor_id, config, genesis_root, state, state_since, head, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      config.corridor_id,
      toJsonText(configToJson(config)),
      genesis,
      'DRAFT',
      at,
      genesis,
      at,
    );
  });
  return getCorridor(db, config.corridor_id);
}

/**
 * Applies a lifecycle verb with its evidence credentials: the rule must exist from the current state, the
 * finality requirement must hold, and the evidence must verify (src/corridor checkTransitionEvidence).
 * The transition is logged with each evidence digest. `activate` is refused here (USAGE): it needs the
 * corridor package for the full activation check, see {@link activateCorridor}.
 */
export function applyTransition(db: Database, corridorId: string, verb: LifecycleVerb, evidence: readonly JsonValue[], at: string): TransitionLogEntry {
  return inTransaction(db, () => {
    const { rec, rule } = transitionRule(db, corridorId, verb);
    if (rule.kind === 'activate') throw new MsezError('USAGE', 'activate runs the full activation check: call activateCorridor with the corridor package', { kind: rule.kind });
    if (rule.kind === 'resume_from_halt') assertForksResolved(db, corridorId, evidence);
    return recordTransition(db, corridorId, rule, checkTransitionEvidence(rule, evidence, rec.config), at);
  });
}

export interface ActivationOutcome {
  readonly entry: TransitionLogEntry;
  readonly activation: CorridorActivationReport;
}

/**
 * PENDING→ACTIVE (D7): finality `receipt_signed` (≥ 1 receipt), then the full activation check of
 * corridors.md §2 over `input` (its `agreements` are the evidence) bound to the stored corridor
 * (src/corridor checkCorridorActivation). Nothing is written unless activation holds.
 * @throws MsezError INVALID_TRANSITION (not PENDING, no receipt), THRESHOLD_NOT_MET or ACTIVATION_BLOCKED
 *   (exit 1, the report in `details`), SIGNATURE_INVALID
 */
export function activateCorridor(db: Database, corridorId: string, input: ActivationInput, at: string): ActivationOutcome {
  return inTransaction(db, () => {
    const { rec, rule } = transitionRule(db, corridorId, 'activate');
    const activation = checkCorridorActivation(rec.config, input);
    if (!activation.activated) throw activationRefusal(activation);
    const entry = recordTransition(db, corridorId, rule, checkTransitionEvidence(rule, input.agreements.map((a) => a.vc), rec.config), at);
    return { entry, activation };
  });
}

function transitionRule(db: Database, corridorId: string, verb: LifecycleVerb): { rec: CorridorRecord; rule: Transition } {
  const rec = getCorridor(db, corridorId);
  const rule = ruleFor(verb, rec.state);
  if ('requiresFinality' in rule && rule.requiresFinality === 'receipt_signed' && rec.receipt_count < 1) {
    throw new MsezError('INVALID_TRANSITION', `${rule.kind} requires finality receipt_signed: append a signed receipt first`, { kind: rule.kind, receipt_count: 0 });
  }
  return { rec, rule };
}

function recordTransition(db: Database, corridorId: string, rule: Transition, records: EvidenceRecord[], at: string): TransitionLogEntry {
  const seq = (stmt(db, 'SELECT COALESCE(MAX(seq), 0) AS n FROM corridor_transition WHERE corridor_id = ?').get(corridorId) as { n: number }).n + 1;
  stmt(db, 'INSERT INTO corridor_transition (corridor_id, seq, kind, from_state, to_state, at, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)').run(corridorId, seq, rule.kind, rule.from, rule.to, at, toJsonText(records));
  stmt(db, 'UPDATE corridor SET state = ?, state_since = ? WHERE corridor_id = ?').run(rule.to, at, corridorId);
  return { seq, kind: rule.kind, from_state: rule.from, to_state: rule.to, at, evidence: records };
}

/** HALTED→ACTIVE consumes the fork resolution: every open fork must be resolved by one of the VCs. */
function assertForksResolved(db: Database, corridorId: string, evidence: readonly JsonValue[]): void {
  const open = stmt(db, 'SELECT DISTINCT sequence, prev_root FROM corridor_fork WHERE corridor_id = ?').all(corridorId) as { sequence: number; prev_root: string }[];
  for (const f of open) {
    const resolved = evidence.some((vc) => {
      const s = isJsonObject(vc) ? vc.credentialSubject : undefined;
      return isJsonObject(s) && s.sequence === f.sequence && s.prev_root === f.prev_root && typeof s.chosen_next_root === 'string';
    });
    if (!resolved) throw new MsezError('INVALID_TRANSITION', `fork at sequence ${f.sequence} has no resolution among the evidence`, { sequence: f.sequence });
  }
}

export function transitionLog(db: Database, corridorId: string): TransitionLogEntry[] {
  const rows = stmt(db, 'SELECT seq, kind, from_state, to_state, at, evidence FROM corridor_transition WHERE corridor_id = ? ORDER BY seq').all(corridorId) as {
    seq: number;
    kind: TransitionKind;
    from_state: string;
    to_state: string;
    at: string;
    evidence: string;
  }[];
  return rows.map((r) => ({ seq: r.seq, kind: r.kind, from_state: parseCorridorState(r.from_state), to_state: parseCorridorState(r.to_state), at: r.at, evidence: fromJsonText(r.evidence) as unknown as EvidenceRecord[] }));
}

export interface AppendResult {
  readonly sequence: number;
  readonly next_root: string;
  readonly receipt_count: number;
  readonly mmr_root: string;
}

function insertReceipt(db: Database, corridorId: string, rec: CorridorRecord, receipt: JsonObject): AppendResult {
  const next = String(receipt.next_root);
  stmt(db, 'INSERT INTO corridor_receipt (corridor_id, sequence, prev_root, next_root, body) VALUES (?, ?, ?, ?, ?)').run(corridorId, rec.receipt_count, rec.head, next, toJsonText(receipt));
  const mmr = Mmr.fromPeaks(rec.receipt_count, rec.mmr_peaks);
  mmr.append(hexToBytes(next));
  stmt(db, 'UPDATE corridor SET receipt_count = ?, head = ?, mmr_peaks = ? WHERE corridor_id = ?').run(mmr.size, next, toJsonText(mmr.peaks()), corridorId);
  return { sequence: rec.receipt_count, next_root: next, receipt_count: mmr.size, mmr_root: mmr.root() };
}

/**
 * Appends an externally signed receipt (corridors.md §4 "Append"): {@link appendReceipts} with one receipt.
 * @throws MsezError INVALID_STATE, CHAIN_BROKEN, SIGNATURE_INVALID, THRESHOLD_NOT_MET, FORK_DETECTED, CONFLICT
 */
export function appendReceipt(db: Database, corridorId: string, receipt: JsonValue, detectedAt: string, opts: ReceiptVerifyOptions = {}): AppendResult {
  const r = appendReceipts(db, corridorId, [receipt], detectedAt, opts);
  return { sequence: r.first_sequence, next_root: r.head, receipt_count: r.receipt_count, mmr_root: r.mmr_root };
}

export interface BatchAppendResult {
  readonly first_sequence: number;
  readonly appended: number;
  readonly receipt_count: number;
  readonly head: string;
  readonly mmr_root: string;
}

/** Stops a batch inside its savepoint (rolling back its receipts) and carries what the outer transaction keeps. */
class BatchStop extends Error {
  constructor(readonly error: MsezError, readonly fork?: { sequence: number; prev_root: string; stored: string; rival: JsonObject }) {
    super(error.message);
  }
}

/**
 * Appends many externally signed receipts in ONE IMMEDIATE transaction (one durable commit), each checked
 * exactly as a single append at the running head: linkage, next_root, digest sets, signatures, thresholds.
 * The batch is atomic: on the first bad receipt nothing of it is stored and the error names it
 * (`details.index`). A valid signed receipt at a (sequence, prev_root) stored before the batch with another
 * next_root is a fork: the batch is dropped, the fork is recorded (committed), then FORK_DETECTED is thrown.
 * The MMR peaks are extended in memory and written once.
 * @throws MsezError VALIDATION_FAILED (empty batch), INVALID_STATE, CHAIN_BROKEN, SIGNATURE_INVALID, THRESHOLD_NOT_MET, FORK_DETECTED, CONFLICT
 */
export function appendReceipts(db: Database, corridorId: string, receipts: readonly JsonValue[], detectedAt: string, opts: ReceiptVerifyOptions = {}): BatchAppendResult {
  if (receipts.length === 0) throw new MsezError('VALIDATION_FAILED', 'no receipts to append', { corridor_id: corridorId });
  const outcome = inTransaction(db, (): BatchAppendResult | MsezError => {
    const rec = getCorridor(db, corridorId);
    if (!acceptsReceipts(rec.state)) throw new MsezError('INVALID_STATE', `corridor ${corridorId} is ${rec.state}; receipts are accepted only when PENDING or ACTIVE`, { state: rec.state });
    try {
      // A nested better-sqlite3 transaction is a SAVEPOINT: a BatchStop rolls back this batch's rows only.
      return db.transaction(() => appendAll(db, corridorId, rec, receipts, opts)).default();
    } catch (err) {
      if (!(err instanceof BatchStop)) throw err;
      if (err.fork !== undefined) {
        const f = err.fork;
        const ins = stmt(db, 'INSERT OR IGNORE INTO corridor_fork (corridor_id, sequence, prev_root, next_root, body, detected_at) VALUES (?, ?, ?, ?, ?, ?)');
        ins.run(corridorId, f.sequence, f.prev_root, f.stored, toJsonText({ next_root: f.stored }), detectedAt);
        ins.run(corridorId, f.sequence, f.prev_root, String(f.rival.next_root), toJsonText(f.rival), detectedAt);
      }
      return err.error; // committed (fork rows only), then thrown
    }
  });
  if (outcome instanceof MsezError) throw outcome;
  return outcome;
}

/** Options for receipt verification: `registry` resolves transition-type registry snapshots (corridors.md §4). */
export interface ReceiptVerifyOptions {
  registry?: RegistryResolver;
}

function appendAll(db: Database, corridorId: string, rec: CorridorRecord, receipts: readonly JsonValue[], opts: ReceiptVerifyOptions): BatchAppendResult {
  const insert = stmt(db, 'INSERT INTO corridor_receipt (corridor_id, sequence, prev_root, next_root, body) VALUES (?, ?, ?, ?, ?)');
  const mmr = Mmr.fromPeaks(rec.receipt_count, rec.mmr_peaks);
  let head = rec.head;
  for (let index = 0; index < receipts.length; index++) {
    const receipt = receipts[index];
    const sequence = mmr.size;
    const at = receipts.length > 1 ? { index } : {};
    if (isJsonObject(receipt) && typeof receipt.sequence === 'number' && receipt.sequence < rec.receipt_count) stopIfStored(db, corridorId, rec.config, receipt, at, opts);
    const check = verifyReceipt(receipt, rec.config, { sequence, prev_root: head }, opts);
    if (!check.ok) throw new BatchStop(new MsezError(check.code ?? 'CHAIN_BROKEN', `receipt ${receipts.length > 1 ? `${index} ` : ''}rejected: ${check.reason ?? ''}`, { ...at, sequence, reason: check.reason }));
    const next = String((receipt as JsonObject).next_root);
    insert.run(corridorId, sequence, head, next, toJsonText(receipt));
    mmr.append(hexToBytes(next));
    head = next;
  }
  stmt(db, 'UPDATE corridor SET receipt_count = ?, head = ?, mmr_peaks = ? WHERE corridor_id = ?').run(mmr.size, head, toJsonText(mmr.peaks()), corridorId);
  return { first_sequence: rec.receipt_count, appended: receipts.length, receipt_count: mmr.size, head, mmr_root: mmr.root() };
}

/** A receipt at a sequence stored before the batch: CONFLICT when it is that receipt, a fork when it is a valid rival. */
function stopIfStored(db: Database, corridorId: string, c: CorridorConfig, receipt: JsonObject, at: { index?: number }, opts: ReceiptVerifyOptions): void {
  const seq = receipt.sequence as number;
  const existing = stmt(db, 'SELECT prev_root, next_root FROM corridor_receipt WHERE corridor_id = ? AND sequence = ?').get(corridorId, seq) as { prev_root: string; next_root: string } | undefined;
  if (existing === undefined) return;
  if (existing.next_root === receipt.next_root) throw new BatchStop(new MsezError('CONFLICT', `receipt ${seq} is already appended`, { ...at, sequence: seq }));
  if (existing.prev_root !== receipt.prev_root || typeof receipt.next_root !== 'string') return;
  if (!verifyReceipt(receipt, c, { sequence: seq, prev_root: existing.prev_root }, opts).ok) return;
  const error = new MsezError('FORK_DETECTED', `fork at sequence ${seq}: two signed receipts share prev_root`, { ...at, sequence: seq, prev_root: existing.prev_root, next_roots: [existing.next_root, receipt.next_root] });
  throw new BatchStop(error, { sequence: seq, prev_root: existing.prev_root, stored: existing.next_root, rival: receipt });
}

/**
 * Proposes, signs and appends a receipt at the current head inside one IMMEDIATE transaction: the
 * path for a local operator (and the simulator), immune to a concurrent writer moving the head.
 */
export function proposeAndAppend(
  db: Database,
  corridorId: string,
  input: { timestamp: string; transition?: JsonObject },
  signers: readonly SigningKey[],
  suite: ProofSuite = 'eddsa-jcs-2022',
): { receipt: JsonObject } & AppendResult {
  return inTransaction(db, () => {
    const rec = getCorridor(db, corridorId);
    if (!acceptsReceipts(rec.state)) throw new MsezError('INVALID_STATE', `corridor ${corridorId} is ${rec.state}; receipts are accepted only when PENDING or ACTIVE`, { state: rec.state });
    let receipt = proposeReceipt(rec.config, { sequence: rec.receipt_count, prev_root: rec.head, timestamp: input.timestamp, ...(input.transition !== undefined ? { transition: input.transition } : {}) });
    for (const k of signers) receipt = signCredential(receipt, k, { suite, created: input.timestamp });
    const sig = checkSignatures(receipt, rec.config.participants, rec.config.receipt_signing.thresholds);
    if (!sig.ok) throw new MsezError(sig.code ?? 'SIGNATURE_INVALID', `receipt not appended: ${sig.reason ?? ''}`, { reason: sig.reason });
    return { receipt, ...insertReceipt(db, corridorId, rec, receipt) };
  });
}

/** Receipts in sequence order, from `from` (inclusive) to `to` (exclusive). */
export function listReceipts(db: Database, corridorId: string, from = 0, to = Number.MAX_SAFE_INTEGER): JsonObject[] {
  const rows = stmt(db, 'SELECT body FROM corridor_receipt WHERE corridor_id = ? AND sequence >= ? AND sequence < ? ORDER BY sequence').all(corridorId, from, to) as { body: string }[];
  return rows.map((r) => fromJsonText(r.body) as JsonObject);
}

export function listNextRoots(db: Database, corridorId: string): string[] {
  return (stmt(db, 'SELECT next_root FROM corridor_receipt WHERE corridor_id = ? ORDER BY sequence').all(corridorId) as { next_root: string }[]).map((r) => r.next_root);
}

/** Builds, signs and stores a checkpoint at the current head. @throws MsezError VALIDATION_FAILED with no receipts */
export function createCheckpoint(db: Database, corridorId: string, timestamp: string, signers: readonly SigningKey[], suite: ProofSuite = 'eddsa-jcs-2022'): JsonObject {
  return inTransaction(db, () => {
    const rec = getCorridor(db, corridorId);
    if (rec.receipt_count === 0) throw new MsezError('VALIDATION_FAILED', 'a checkpoint needs at least one receipt', { corridor_id: corridorId });
    let cp = buildCheckpoint(rec.config, listReceipts(db, corridorId), timestamp, { size: rec.receipt_count, root: rec.mmr_root, peaks: rec.mmr_peaks });
    for (const k of signers) cp = signCredential(cp, k, { suite, created: timestamp });
    const sig = checkSignatures(cp, rec.config.participants, rec.config.receipt_signing.thresholds);
    if (!sig.ok) throw new MsezError(sig.code ?? 'SIGNATURE_INVALID', `checkpoint not stored: ${sig.reason ?? ''}`, { reason: sig.reason });
    stmt(db, 'INSERT OR REPLACE INTO corridor_checkpoint (corridor_id, receipt_count, digest, body) VALUES (?, ?, ?, ?)').run(corridorId, rec.receipt_count, checkpointDigest(cp), toJsonText(cp));
    return cp;
  });
}

export function listCheckpoints(db: Database, corridorId: string): JsonObject[] {
  return (stmt(db, 'SELECT body FROM corridor_checkpoint WHERE corridor_id = ? ORDER BY receipt_count').all(corridorId) as { body: string }[]).map((r) => fromJsonText(r.body) as JsonObject);
}

export interface ForkRecord {
  readonly sequence: number;
  readonly prev_root: string;
  readonly next_roots: string[];
  readonly detected_at: string;
}

export function listForks(db: Database, corridorId: string): ForkRecord[] {
  const rows = stmt(db, 'SELECT sequence, prev_root, next_root, detected_at FROM corridor_fork WHERE corridor_id = ? ORDER BY sequence, next_root').all(corridorId) as { sequence: number; prev_root: string; next_root: string; detected_at: string }[];
  const out = new Map<string, ForkRecord>();
  for (const r of rows) {
    const k = `${r.sequence}:${r.prev_root}`;
    const f = out.get(k) ?? { sequence: r.sequence, prev_root: r.prev_root, next_roots: [], detected_at: r.detected_at };
    f.next_roots.push(r.next_root);
    out.set(k, f);
  }
  return [...out.values()];
}

/** Stores a watcher attestation VC already verified by the caller (one per watcher and receipt_count). */
export function storeAttestation(db: Database, corridorId: string, watcher: string, subject: { receipt_count: number; final_state_root: string; head_commitment_digest_sha256: string; observed_at: string }, vc: JsonObject): void {
  inTransaction(db, () => {
    stmt(db, 'INSERT OR REPLACE INTO corridor_attestation (corridor_id, watcher, receipt_count, final_state_root, head_commitment, observed_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      corridorId,
      watcher,
      subject.receipt_count,
      subject.final_state_root,
      subject.head_commitment_digest_sha256,
      subject.observed_at,
      toJsonText(vc),
    );
  });
}

export function listAttestations(db: Database, corridorId: string): JsonObject[] {
  return (stmt(db, 'SELECT body FROM corridor_attestation WHERE corridor_id = ? ORDER BY receipt_count, watcher').all(corridorId) as { body: string }[]).map((r) => fromJsonText(r.body) as JsonObject);
}

/** The whole chain as a verify-chain export. */
export function exportChain(db: Database, corridorId: string): ChainExport {
  const rec = getCorridor(db, corridorId);
  return makeChainExport(rec.config, listReceipts(db, corridorId), listCheckpoints(db, corridorId));
}

/**
 * Replaces the head receipt by the fork branch a resolution chose (only the head can be replaced: later
 * receipts would build on the losing branch). The MMR is rebuilt from the stored next_roots.
 * @throws MsezError INVALID_STATE when `sequence` is not the head; CHAIN_BROKEN when the branch does not verify
 */
export function adoptBranch(db: Database, corridorId: string, receipt: JsonObject): AppendResult {
  return inTransaction(db, () => {
    const rec = getCorridor(db, corridorId);
    const seq = Number(receipt.sequence);
    if (seq !== rec.receipt_count - 1) throw new MsezError('INVALID_STATE', `only the head receipt (${rec.receipt_count - 1}) can be replaced by a fork branch`, { sequence: seq });
    const prev = stmt(db, 'SELECT prev_root FROM corridor_receipt WHERE corridor_id = ? AND sequence = ?').get(corridorId, seq) as { prev_root: string };
    const check = verifyReceipt(receipt, rec.config, { sequence: seq, prev_root: prev.prev_root });
    if (!check.ok) throw new MsezError(check.code ?? 'CHAIN_BROKEN', `branch rejected: ${check.reason ?? ''}`, { reason: check.reason });
    stmt(db, 'DELETE FROM corridor_receipt WHERE corridor_id = ? AND sequence = ?').run(corridorId, seq);
    const mmr = Mmr.fromNextRoots(listNextRoots(db, corridorId).map((r) => hexToBytes(r)));
    stmt(db, 'UPDATE corridor SET receipt_count = ?, head = ?, mmr_peaks = ? WHERE corridor_id = ?').run(mmr.size, prev.prev_root, toJsonText(mmr.peaks()), corridorId);
    return insertReceipt(db, corridorId, getCorridor(db, corridorId), receipt);
  });
}
