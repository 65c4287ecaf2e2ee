import { digestValue, isJsonObject, MsezError, type JsonObject, type JsonValue } from '../core/index.js';
import { checkpointDigest } from './checkpoints.js';
import { headCommitment } from './watchers.js';

/**
 * Settlement anchor (corridors.md §11, spec/corridors.md §14): binds an obligation corridor's checkpoint (and
 * optionally one receipt) to a settlement corridor's checkpoint, with refs to proof bindings and proofs.
 * Digest = sha256(MCF(anchor minus `proof`)).
 */

export interface ArtifactRef {
  readonly artifact_type: string;
  readonly digest_sha256: string;
  readonly uri?: string;
}

export interface SettlementSide {
  readonly corridor_id: string;
  readonly checkpoint_ref: ArtifactRef;
  readonly receipt_next_root?: string;
  readonly receipt_sequence?: number;
  readonly head_commitment_digest_sha256?: string;
}

export interface SettlementAnchorInput {
  readonly obligation: SettlementSide;
  readonly settlement: SettlementSide;
  readonly proof_bindings?: readonly ArtifactRef[];
  readonly proofs?: readonly ArtifactRef[];
}

const HEX = /^[0-9a-f]{64}$/;

function refJson(r: ArtifactRef): JsonObject {
  return { artifact_type: r.artifact_type, digest_sha256: r.digest_sha256, ...(r.uri !== undefined ? { uri: r.uri } : {}) };
}

function sideJson(s: SettlementSide): JsonObject {
  return {
    corridor_id: s.corridor_id,
    checkpoint_ref: refJson(s.checkpoint_ref),
    ...(s.receipt_next_root !== undefined ? { receipt_next_root: s.receipt_next_root } : {}),
    ...(s.receipt_sequence !== undefined ? { receipt_sequence: s.receipt_sequence } : {}),
    ...(s.head_commitment_digest_sha256 !== undefined ? { head_commitment_digest_sha256: s.head_commitment_digest_sha256 } : {}),
  };
}

/** A `checkpoint` ArtifactRef to a checkpoint (digest = sha256(MCF(checkpoint minus proof))). */
export function checkpointRef(checkpoint: JsonObject, uri?: string): ArtifactRef {
  return { artifact_type: 'checkpoint', digest_sha256: checkpointDigest(checkpoint), ...(uri !== undefined ? { uri } : {}) };
}

/** The side of an anchor for a checkpoint: corridor id, checkpoint ref and the head commitment of its head. */
export function settlementSide(checkpoint: JsonObject, receipt?: { sequence: number; next_root: string }): SettlementSide {
  const mmr = checkpoint.mmr as JsonObject;
  return {
    corridor_id: String(checkpoint.corridor_id),
    checkpoint_ref: checkpointRef(checkpoint),
    ...(receipt !== undefined ? { receipt_next_root: receipt.next_root, receipt_sequence: receipt.sequence } : {}),
    head_commitment_digest_sha256: headCommitment({
      corridor_id: String(checkpoint.corridor_id),
      genesis_root: String(checkpoint.genesis_root),
      receipt_count: Number(checkpoint.receipt_count),
      final_state_root: String(checkpoint.final_state_root),
      mmr_root: String(mmr.root),
    }),
  };
}

/** Builds the anchor object (unsigned: no `proof`). Validated by the same shape check as verification. */
export function buildSettlementAnchor(input: SettlementAnchorInput): JsonObject {
  const anchor: JsonObject = {
    obligation: sideJson(input.obligation),
    settlement: sideJson(input.settlement),
    proof_bindings: (input.proof_bindings ?? []).map(refJson),
    proofs: (input.proofs ?? []).map(refJson),
  };
  const problem = shapeProblem(anchor);
  if (problem !== undefined) throw new MsezError('VALIDATION_FAILED', `settlement anchor ${problem.pointer}: ${problem.reason}`, { pointer: problem.pointer });
  return anchor;
}

/** sha256(MCF(anchor minus `proof`)), hex. */
export function settlementAnchorDigest(anchor: JsonObject): string {
  const body: JsonObject = { ...anchor };
  delete body.proof;
  return digestValue(body).hex;
}

// ---------------------------------------------------------------------------------------------------------------
// Verification: ordered named checks.

export type SettlementAnchorCheckCode =
  | 'ANCHOR_SHAPE'
  | 'CHECKPOINT_REF_MISMATCH'
  | 'CORRIDOR_MISMATCH'
  | 'HEAD_COMMITMENT_MISMATCH'
  | 'RECEIPT_NOT_COVERED'
  | 'RECEIPT_ROOT_MISMATCH'
  | 'DIGEST_MISMATCH';

export interface SettlementAnchorCheck {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'skipped';
  readonly code?: SettlementAnchorCheckCode;
  readonly reason?: string;
}

export interface SettlementAnchorReport {
  readonly ok: boolean;
  readonly digest_sha256: string | null;
  readonly checks: SettlementAnchorCheck[];
}

export interface SettlementAnchorContext {
  /** The obligation corridor's checkpoint the anchor references (checks skipped when absent). */
  readonly obligationCheckpoint?: JsonObject;
  readonly settlementCheckpoint?: JsonObject;
  /** The obligation/settlement corridor's next_roots, index = sequence (receipt checks skipped when absent). */
  readonly obligationNextRoots?: readonly string[];
  readonly settlementNextRoots?: readonly string[];
  /** A digest the anchor is expected to have (e.g. the one it is referenced by). */
  readonly expectedDigest?: string;
}

interface Problem {
  pointer: string;
  reason: string;
}

function refProblem(v: JsonValue | undefined, pointer: string, type?: string): Problem | undefined {
  if (!isJsonObject(v)) return { pointer, reason: 'must be an object' };
  for (const k of Object.keys(v)) if (!['artifact_type', 'digest_sha256', 'uri'].includes(k)) return { pointer: `${pointer}/${k}`, reason: 'unknown field' };
  if (typeof v.artifact_type !== 'string' || v.artifact_type === '') return { pointer: `${pointer}/artifact_type`, reason: 'must be a non-empty string' };
  if (type !== undefined && v.artifact_type !== type) return { pointer: `${pointer}/artifact_type`, reason: `must be "${type}"` };
  if (typeof v.digest_sha256 !== 'string' || !HEX.test(v.digest_sha256)) return { pointer: `${pointer}/digest_sha256`, reason: 'must be 64 lowercase hex digits' };
  if (v.uri !== undefined && typeof v.uri !== 'string') return { pointer: `${pointer}/uri`, reason: 'must be a string' };
  return undefined;
}

function sideProblem(v: JsonValue | undefined, pointer: string): Problem | undefined {
  if (!isJsonObject(v)) return { pointer, reason: 'must be an object' };
  const allowed = ['corridor_id', 'checkpoint_ref', 'receipt_next_root', 'receipt_sequence', 'head_commitment_digest_sha256'];
  for (const k of Object.keys(v)) if (!allowed.includes(k)) return { pointer: `${pointer}/${k}`, reason: 'unknown field' };
  if (typeof v.corridor_id !== 'string' || v.corridor_id === '') return { pointer: `${pointer}/corridor_id`, reason: 'must be a non-empty string' };
  const ref = refProblem(v.checkpoint_ref, `${pointer}/checkpoint_ref`, 'checkpoint');
  if (ref !== undefined) return ref;
  for (const k of ['receipt_next_root', 'head_commitment_digest_sha256'] as const) {
    const x = v[k];
    if (x !== undefined && (typeof x !== 'string' || !HEX.test(x))) return { pointer: `${pointer}/${k}`, reason: 'must be 64 lowercase hex digits' };
  }
  const seq = v.receipt_sequence;
  if (seq !== undefined && (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0)) return { pointer: `${pointer}/receipt_sequence`, reason: 'must be a non-negative integer' };
  return undefined;
}

function shapeProblem(v: JsonValue): Problem | undefined {
  if (!isJsonObject(v)) return { pointer: '/', reason: 'must be an object' };
  for (const k of Object.keys(v)) if (!['obligation', 'settlement', 'proof_bindings', 'proofs', 'proof'].includes(k)) return { pointer: `/${k}`, reason: 'unknown field' };
  for (const k of ['obligation', 'settlement', 'proof_bindings', 'proofs']) if (!(k in v)) return { pointer: `/${k}`, reason: 'required field missing' };
  const side = sideProblem(v.obligation, '/obligation') ?? sideProblem(v.settlement, '/settlement');
  if (side !== undefined) return side;
  for (const k of ['proof_bindings', 'proofs'] as const) {
    const list = v[k];
    if (!Array.isArray(list)) return { pointer: `/${k}`, reason: 'must be an array' };
    for (let i = 0; i < list.length; i++) {
      const p = refProblem(list[i], `/${k}/${i}`);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

function sideChecks(label: 'obligation' | 'settlement', side: JsonObject, cp: JsonObject | undefined, roots: readonly string[] | undefined): SettlementAnchorCheck[] {
  const skipped = (name: string, reason: string): SettlementAnchorCheck => ({ name: `${label}.${name}`, status: 'skipped', reason });
  const pass = (name: string): SettlementAnchorCheck => ({ name: `${label}.${name}`, status: 'pass' });
  const failed = (name: string, code: SettlementAnchorCheckCode, reason: string): SettlementAnchorCheck => ({ name: `${label}.${name}`, status: 'fail', code, reason });
  const out: SettlementAnchorCheck[] = [];
  const ref = side.checkpoint_ref as JsonObject;
  if (cp === undefined) {
    out.push(skipped('checkpoint_ref', 'checkpoint not supplied'), skipped('corridor_id', 'checkpoint not supplied'), skipped('head_commitment', 'checkpoint not supplied'));
  } else {
    const d = checkpointDigest(cp);
    out.push(d === ref.digest_sha256 ? pass('checkpoint_ref') : failed('checkpoint_ref', 'CHECKPOINT_REF_MISMATCH', `checkpoint digest is ${d}, ref names ${String(ref.digest_sha256)}`));
    out.push(cp.corridor_id === side.corridor_id ? pass('corridor_id') : failed('corridor_id', 'CORRIDOR_MISMATCH', `checkpoint is of corridor ${String(cp.corridor_id)}`));
    if (side.head_commitment_digest_sha256 === undefined) out.push(skipped('head_commitment', 'not stated'));
    else {
      const hc = settlementSide(cp).head_commitment_digest_sha256;
      out.push(hc === side.head_commitment_digest_sha256 ? pass('head_commitment') : failed('head_commitment', 'HEAD_COMMITMENT_MISMATCH', `checkpoint head commitment is ${String(hc)}`));
    }
  }
  const seq = side.receipt_sequence;
  const root = side.receipt_next_root;
  if (typeof seq !== 'number') out.push(skipped('receipt', 'no receipt_sequence'));
  else if (cp !== undefined && seq >= Number(cp.receipt_count)) out.push(failed('receipt', 'RECEIPT_NOT_COVERED', `receipt ${seq} is not covered by a checkpoint of ${String(cp.receipt_count)} receipts`));
  else if (root === undefined) out.push(skipped('receipt', 'no receipt_next_root'));
  else if (roots === undefined) out.push(skipped('receipt', 'next_roots not supplied'));
  else if (roots[seq] !== root) out.push(failed('receipt', 'RECEIPT_ROOT_MISMATCH', `receipt ${seq} has next_root ${roots[seq] ?? '(none)'}`));
  else out.push(pass('receipt'));
  return out;
}

/**
 * Verifies a settlement anchor, in order: `shape`; for obligation then settlement: `checkpoint_ref` (digest of the
 * supplied checkpoint), `corridor_id`, `head_commitment`, `receipt` (covered by the checkpoint, next_root matches);
 * then `digest` (against `expectedDigest`). Checks whose inputs are absent are `skipped`; ok = no check failed.
 * A shape failure stops the run (nothing else is meaningful).
 */
export function verifySettlementAnchor(anchor: JsonValue, ctx: SettlementAnchorContext = {}): SettlementAnchorReport {
  const problem = shapeProblem(anchor);
  if (problem !== undefined || !isJsonObject(anchor)) {
    return { ok: false, digest_sha256: null, checks: [{ name: 'shape', status: 'fail', code: 'ANCHOR_SHAPE', reason: `${problem?.pointer ?? '/'}: ${problem?.reason ?? 'must be an object'}` }] };
  }
  const checks: SettlementAnchorCheck[] = [{ name: 'shape', status: 'pass' }];
  checks.push(...sideChecks('obligation', anchor.obligation as JsonObject, ctx.obligationCheckpoint, ctx.obligationNextRoots));
  checks.push(...sideChecks('settlement', anchor.settlement as JsonObject, ctx.settlementCheckpoint, ctx.settlementNextRoots));
  const digest = settlementAnchorDigest(anchor);
  if (ctx.expectedDigest === undefined) checks.push({ name: 'digest', status: 'skipped', reason: 'no expected digest' });
  else checks.push(ctx.expectedDigest === digest ? { name: 'digest', status: 'pass' } : { name: 'digest', status: 'fail', code: 'DIGEST_MISMATCH', reason: `digest is ${digest}` });
  return { ok: checks.every((c) => c.status !== 'fail'), digest_sha256: digest, checks };
}
