import { digestValue, isJsonObject, type JsonObject, type JsonValue } from '../core/index.js';
import { Mmr, buildInclusionProof, verifyInclusionProof, type MmrInclusionProof, type MmrSummary, type ProofCheck } from './mmr.js';
import { checkSignatures, configToJson, genesisRoot, parseCorridorConfig, sortedSet, verifyReceipt, type CorridorConfig, type ReceiptFailure } from './receipts.js';
import { hexToBytes } from '../core/index.js';

/** Checkpoints (D8, corridors.md §5), receipt inclusion proofs against them, and whole-chain export. */

export const CHECKPOINT_TYPE = 'MSEZCorridorStateCheckpoint';
export const INCLUSION_PROOF_TYPE = 'MSEZCorridorReceiptInclusionProof';
export const CHAIN_EXPORT_TYPE = 'MSEZCorridorChainExport';

/** Checkpoint digest = sha256(MCF(checkpoint minus proof)), including `mmr.peaks` (D8). */
export function checkpointDigest(cp: JsonObject): string {
  const body: JsonObject = { ...cp };
  delete body.proof;
  return digestValue(body).hex;
}

/** An unsigned checkpoint over the first `receiptCount` receipts. */
export function buildCheckpoint(c: CorridorConfig, receipts: readonly JsonObject[], timestamp: string, summary?: MmrSummary): JsonObject {
  const n = receipts.length;
  const mmr = summary ?? Mmr.fromNextRoots(receipts.map((r) => hexToBytes(String(r.next_root)))).summary();
  const sets = (k: 'lawpack_digest_set' | 'ruleset_digest_set'): string[] =>
    sortedSet(receipts.flatMap((r) => (Array.isArray(r[k]) ? (r[k] as JsonValue[]) : []).map((x) => (typeof x === 'string' ? x : isJsonObject(x) ? String(x.digest_sha256) : ''))));
  return {
    type: CHECKPOINT_TYPE,
    corridor_id: c.corridor_id,
    timestamp,
    genesis_root: genesisRoot(c),
    final_state_root: String(receipts[n - 1]?.next_root ?? ''),
    receipt_count: n,
    lawpack_digest_set: sets('lawpack_digest_set'),
    ruleset_digest_set: sets('ruleset_digest_set'),
    mmr: { type: 'MSEZReceiptMMR', algorithm: 'sha256', size: n, root: mmr.root, peaks: mmr.peaks.map((p) => ({ height: p.height, hash: p.hash })) },
  };
}

export interface CheckpointCheck {
  readonly ok: boolean;
  readonly code?: ReceiptFailure;
  readonly reason?: string;
  readonly digest?: string;
}

/**
 * Verifies a checkpoint against the receipts it covers: it must equal, field for field, the checkpoint
 * msez would build over them (except `timestamp` and `proof`), and its signatures must meet the
 * receipt-signing thresholds.
 */
export function verifyCheckpoint(cp: unknown, c: CorridorConfig, receipts: readonly JsonObject[], summaries?: ReadonlyMap<number, MmrSummary>): CheckpointCheck {
  const broken = (reason: string): CheckpointCheck => ({ ok: false, code: 'CHAIN_BROKEN', reason });
  if (!isJsonObject(cp)) return broken('checkpoint is not an object');
  const count = cp.receipt_count;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > receipts.length) return broken('receipt_count out of range');
  if (typeof cp.timestamp !== 'string') return broken('timestamp must be a string');
  const expected = { ...buildCheckpoint(c, receipts.slice(0, count), cp.timestamp, summaries?.get(count)), proof: cp.proof ?? null };
  if (digestValue(cp).hex !== digestValue(expected).hex) return broken('checkpoint fields differ from the receipts it covers');
  const sig = checkSignatures(cp, c.participants, c.receipt_signing.thresholds);
  if (!sig.ok) return { ok: false, code: sig.code, reason: `checkpoint: ${sig.reason ?? ''}` };
  return { ok: true, digest: checkpointDigest(cp) };
}

/** `MSEZCorridorReceiptInclusionProof` (crypto.md §8 corridor artifact) for receipt `sequence`. */
export function buildReceiptInclusionProof(corridorId: string, nextRoots: readonly string[], sequence: number, opts: { checkpoint?: JsonObject; generated_at?: string } = {}): JsonObject {
  const proof: MmrInclusionProof = buildInclusionProof(nextRoots.map((r) => hexToBytes(r)), sequence);
  const out: JsonObject = {
    type: INCLUSION_PROOF_TYPE,
    corridor_id: corridorId,
    mmr: { type: 'MSEZReceiptMMR', algorithm: 'sha256', size: proof.size, root: proof.root },
    ...(proof as unknown as JsonObject),
  };
  if (opts.generated_at !== undefined) out.generated_at = opts.generated_at;
  if (opts.checkpoint !== undefined) out.checkpoint_digest_sha256 = checkpointDigest(opts.checkpoint);
  return out;
}

/** Verifies a corridor inclusion proof, and when a checkpoint is given, that it binds to it. */
export function verifyReceiptInclusionProof(artifact: unknown, checkpoint?: JsonObject): ProofCheck {
  if (!isJsonObject(artifact) || artifact.type !== INCLUSION_PROOF_TYPE) return { ok: false, reason: `type must be ${INCLUSION_PROOF_TYPE}` };
  const mmr = artifact.mmr;
  if (!isJsonObject(mmr) || mmr.type !== 'MSEZReceiptMMR' || mmr.algorithm !== 'sha256' || mmr.size !== artifact.size || mmr.root !== artifact.root) return { ok: false, reason: 'mmr must repeat the proof size and root' };
  const base = verifyInclusionProof(artifact);
  if (!base.ok) return base;
  if (checkpoint !== undefined) {
    const cpm = checkpoint.mmr;
    if (artifact.checkpoint_digest_sha256 !== undefined && artifact.checkpoint_digest_sha256 !== checkpointDigest(checkpoint)) return { ok: false, reason: 'checkpoint_digest_sha256 does not match the checkpoint' };
    if (!isJsonObject(cpm) || cpm.root !== artifact.root || cpm.size !== artifact.size) return { ok: false, reason: 'proof root/size differ from the checkpoint mmr' };
    if (checkpoint.corridor_id !== artifact.corridor_id) return { ok: false, reason: 'corridor_id differs from the checkpoint' };
  }
  return { ok: true };
}

// ## Chain export and verify-chain

export interface ChainExport {
  readonly type: typeof CHAIN_EXPORT_TYPE;
  readonly corridor: JsonObject;
  readonly corridor_config_sha256: string;
  readonly genesis_root: string;
  readonly receipts: JsonObject[];
  readonly checkpoints: JsonObject[];
}

export function makeChainExport(c: CorridorConfig, receipts: readonly JsonObject[], checkpoints: readonly JsonObject[]): ChainExport {
  const corridor = configToJson(c);
  return { type: CHAIN_EXPORT_TYPE, corridor, corridor_config_sha256: digestValue(corridor).hex, genesis_root: genesisRoot(c), receipts: [...receipts], checkpoints: [...checkpoints] };
}

export interface ChainBad {
  readonly kind: 'export' | 'receipt' | 'checkpoint';
  readonly index: number;
  readonly sequence?: number;
  readonly code: ReceiptFailure;
  readonly reason: string;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly corridor_id?: string;
  readonly receipt_count: number;
  readonly verified_receipts: number;
  readonly head?: string;
  readonly mmr_root?: string;
  readonly checkpoints_verified: number;
  readonly first_bad?: ChainBad;
}

const EXPORT_KEYS = ['type', 'corridor', 'corridor_config_sha256', 'genesis_root', 'receipts', 'checkpoints'];

/**
 * Verifies a whole exported chain: config binding, genesis, then each receipt in order (linkage,
 * next_root, digest sets, signatures, thresholds), the MMR, and every checkpoint. Stops at the first
 * failure and names it. `pinnedConfigSha256`, when given, must equal the export's config digest.
 */
export function verifyChain(exp: JsonValue, pinnedConfigSha256?: string): ChainReport {
  const bad = (b: ChainBad, verified = 0): ChainReport => ({ ok: false, receipt_count: 0, verified_receipts: verified, checkpoints_verified: 0, first_bad: b });
  const exportBad = (reason: string): ChainReport => bad({ kind: 'export', index: 0, code: 'CHAIN_BROKEN', reason });
  if (!isJsonObject(exp)) return exportBad('export is not an object');
  if (Object.keys(exp).length !== EXPORT_KEYS.length || !EXPORT_KEYS.every((k) => k in exp)) return exportBad(`export must have exactly ${EXPORT_KEYS.join(', ')}`);
  if (exp.type !== CHAIN_EXPORT_TYPE) return exportBad(`type must be ${CHAIN_EXPORT_TYPE}`);
  let c: CorridorConfig;
  try {
    c = parseCorridorConfig(exp.corridor ?? null);
  } catch (err) {
    return exportBad(`corridor: ${(err as Error).message}`);
  }
  const cfgDigest = digestValue(exp.corridor ?? null).hex;
  if (exp.corridor_config_sha256 !== cfgDigest) return exportBad('corridor_config_sha256 does not match corridor');
  if (digestValue(configToJson(c)).hex !== cfgDigest) return exportBad('corridor is not in normal form');
  if (pinnedConfigSha256 !== undefined && pinnedConfigSha256 !== cfgDigest) return exportBad('corridor config differs from the pinned digest');
  const genesis = genesisRoot(c);
  if (exp.genesis_root !== genesis) return exportBad('genesis_root does not match the corridor');
  if (!Array.isArray(exp.receipts) || !Array.isArray(exp.checkpoints)) return exportBad('receipts and checkpoints must be lists');
  const receipts = exp.receipts as JsonValue[];
  const mmr = new Mmr();
  const wanted = new Set(exp.checkpoints.map((cp) => (isJsonObject(cp) ? cp.receipt_count : undefined)));
  const summaries = new Map<number, MmrSummary>();
  let head = genesis;
  for (let i = 0; i < receipts.length; i++) {
    const r = receipts[i];
    const check = verifyReceipt(r, c, { sequence: i, prev_root: head });
    if (!check.ok) return bad({ kind: 'receipt', index: i, sequence: i, code: check.code ?? 'CHAIN_BROKEN', reason: check.reason ?? '' }, i);
    head = String((r as JsonObject).next_root);
    mmr.append(hexToBytes(head));
    if (wanted.has(mmr.size)) summaries.set(mmr.size, mmr.summary());
  }
  const objs = receipts as JsonObject[];
  let lastCount = 0;
  for (let k = 0; k < exp.checkpoints.length; k++) {
    const cp = exp.checkpoints[k];
    const check = verifyCheckpoint(cp, c, objs, summaries);
    const count = isJsonObject(cp) && typeof cp.receipt_count === 'number' ? cp.receipt_count : 0;
    if (check.ok && count <= lastCount) return bad({ kind: 'checkpoint', index: k, code: 'CHAIN_BROKEN', reason: 'checkpoints must have increasing receipt_count' }, objs.length);
    if (!check.ok) return bad({ kind: 'checkpoint', index: k, ...(count > 0 ? { sequence: count - 1 } : {}), code: check.code ?? 'CHAIN_BROKEN', reason: check.reason ?? '' }, objs.length);
    lastCount = count;
  }
  return { ok: true, corridor_id: c.corridor_id, receipt_count: objs.length, verified_receipts: objs.length, head, mmr_root: mmr.root(), checkpoints_verified: exp.checkpoints.length };
}
