import { MsezError, sha256, toHex, hexToBytes } from '../core/index.js';

/**
 * Merkle Mountain Range over receipt `next_root` values (crypto.md §7), inclusion proofs (§8), and
 * RFC 9162 consistency proofs between two sizes (beyond the reference; valid because the MMR root equals
 * the RFC 9162 Merkle Tree Hash of the same leaves for every size ≥ 1, crypto.md §7 "Equivalence").
 */

export interface MmrPeak {
  readonly height: number;
  readonly hash: string;
}

export interface MmrSummary {
  readonly size: number;
  readonly root: string;
  readonly peaks: MmrPeak[];
}

export type PathSide = 'left' | 'right';

export interface MmrPathStep {
  readonly side: PathSide;
  readonly hash: string;
}

/** The reference's proof object, field for field (crypto.md §8). */
export interface MmrInclusionProof {
  readonly size: number;
  readonly root: string;
  readonly leaf_index: number;
  readonly receipt_next_root: string;
  readonly leaf_hash: string;
  readonly peak_index: number;
  readonly peak_height: number;
  readonly path: MmrPathStep[];
  readonly peaks: MmrPeak[];
  readonly computed_peak_root: string;
}

/** An RFC 9162 §2.1.4 consistency proof between two MMR sizes (msez format, spec/corridors.md). */
export interface MmrConsistencyProof {
  readonly type: 'MSEZReceiptMMRConsistencyProof';
  readonly old_size: number;
  readonly old_root: string;
  readonly new_size: number;
  readonly new_root: string;
  readonly path: string[];
}

export interface ProofCheck {
  readonly ok: boolean;
  /** First failed check, when not ok. */
  readonly reason?: string;
}

const HEX64 = /^[0-9a-fA-F]{64}$/;
const LEAF_PREFIX = new Uint8Array([0x00]);

// ## Hashes (raw bytes, crypto.md §7)

/** leaf = SHA-256(0x00 ‖ raw32). */
export function mmrLeafHash(raw32: Uint8Array): Uint8Array {
  const buf = new Uint8Array(33);
  buf.set(LEAF_PREFIX, 0);
  buf.set(raw32, 1);
  return sha256(buf);
}

/** node = SHA-256(0x01 ‖ left32 ‖ right32). */
export function mmrNodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(65);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 33);
  return sha256(buf);
}

/**
 * Reads a receipt `next_root`: 64 hex characters after trimming, any case (crypto.md §7).
 * @throws MsezError INVALID_DIGEST naming the index
 */
export function parseNextRoot(value: unknown, index: number): Uint8Array {
  if (typeof value !== 'string' || !HEX64.test(value.trim())) {
    throw new MsezError('INVALID_DIGEST', `next_roots[${index}]: expected 64 hex characters`, { index, found: String(value).slice(0, 80) });
  }
  return hexToBytes(value.trim().toLowerCase());
}

/** Reads a JSON list of next_roots (or an object with `next_roots`). */
export function parseNextRoots(value: unknown): Uint8Array[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && Array.isArray((value as { next_roots?: unknown }).next_roots)
      ? ((value as { next_roots: unknown[] }).next_roots)
      : undefined;
  if (list === undefined) throw new MsezError('SCHEMA_INVALID', 'expected a JSON array of next_root hex strings (or {"next_roots": [...]})', { fields: [{ path: '', message: 'not a list' }] });
  return list.map((v, i) => parseNextRoot(v, i));
}

// ## Peaks and root

/** Heights of the peaks for `size`: the binary decomposition, largest first. */
export function peakPlan(size: number): number[] {
  const heights: number[] = [];
  for (let h = 52; h >= 0; h--) {
    if (Math.floor(size / 2 ** h) % 2 === 1) heights.push(h);
  }
  return heights;
}

/** Bags peaks right to left: root = node(P0, node(P1, … node(Pn-2, Pn-1))). */
export function bagPeaks(peaks: readonly Uint8Array[]): Uint8Array | undefined {
  if (peaks.length === 0) return undefined;
  let bag = peaks[peaks.length - 1] as Uint8Array;
  for (let i = peaks.length - 2; i >= 0; i--) bag = mmrNodeHash(peaks[i] as Uint8Array, bag);
  return bag;
}

/** An append-only MMR holding only its peaks (O(log n) memory). */
export class Mmr {
  private readonly stack: { height: number; hash: Uint8Array }[] = [];
  private count = 0;

  static fromNextRoots(roots: readonly Uint8Array[]): Mmr {
    const m = new Mmr();
    for (const r of roots) m.append(r);
    return m;
  }

  /** Starts from a checkpoint's peaks (crypto.md §8: a verifier may append only later receipts). */
  static fromPeaks(size: number, peaks: readonly MmrPeak[]): Mmr {
    const plan = peakPlan(size);
    if (plan.length !== peaks.length || plan.some((h, i) => peaks[i]?.height !== h)) {
      throw new MsezError('CHAIN_BROKEN', `peaks do not match the peak plan of size ${size}`, { size });
    }
    const m = new Mmr();
    m.count = size;
    for (const p of peaks) m.stack.push({ height: p.height, hash: hexToBytes(p.hash) });
    return m;
  }

  get size(): number {
    return this.count;
  }

  append(nextRoot: Uint8Array): void {
    let cur = { height: 0, hash: mmrLeafHash(nextRoot) };
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (top === undefined || top.height !== cur.height) break;
      this.stack.pop();
      cur = { height: cur.height + 1, hash: mmrNodeHash(top.hash, cur.hash) };
    }
    this.stack.push(cur);
    this.count++;
  }

  peaks(): MmrPeak[] {
    return this.stack.map((p) => ({ height: p.height, hash: toHex(p.hash) }));
  }

  root(): string {
    const bag = bagPeaks(this.stack.map((p) => p.hash));
    return bag === undefined ? '' : toHex(bag);
  }

  summary(): MmrSummary {
    return { size: this.count, root: this.root(), peaks: this.peaks() };
  }
}

/** `{size, root, peaks}`; empty input gives `{size:0, root:"", peaks:[]}`. */
export function mmrSummary(nextRoots: readonly Uint8Array[]): MmrSummary {
  return Mmr.fromNextRoots(nextRoots).summary();
}

// ## Inclusion proofs (crypto.md §8)

/** Hashes of a perfect subtree's levels, bottom-up. */
function subtreeLevels(leaves: Uint8Array[]): Uint8Array[][] {
  const levels = [leaves];
  let cur = leaves;
  while (cur.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < cur.length; i += 2) next.push(mmrNodeHash(cur[i] as Uint8Array, cur[i + 1] as Uint8Array));
    levels.push(next);
    cur = next;
  }
  return levels;
}

/**
 * Builds the inclusion proof of leaf `leafIndex` (0-based).
 * @throws MsezError PROOF_GENERATION_ERROR for an empty MMR or an index out of range
 */
export function buildInclusionProof(nextRoots: readonly Uint8Array[], leafIndex: number): MmrInclusionProof {
  const size = nextRoots.length;
  if (size === 0) throw new MsezError('PROOF_GENERATION_ERROR', 'cannot build a proof for an empty MMR', { size });
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= size) {
    throw new MsezError('PROOF_GENERATION_ERROR', `leaf_index must be in 0..${size - 1}`, { leaf_index: leafIndex, size });
  }
  const summary = mmrSummary(nextRoots);
  const plan = peakPlan(size);
  let offset = 0;
  let peakIndex = 0;
  for (; peakIndex < plan.length; peakIndex++) {
    const width = 2 ** (plan[peakIndex] as number);
    if (leafIndex < offset + width) break;
    offset += width;
  }
  const height = plan[peakIndex] as number;
  const leaves = nextRoots.slice(offset, offset + 2 ** height).map(mmrLeafHash);
  const levels = subtreeLevels(leaves);
  const local = leafIndex - offset;
  const path: MmrPathStep[] = [];
  for (let level = 0; level < height; level++) {
    const idx = local >> level;
    const sibling = (levels[level] as Uint8Array[])[idx ^ 1] as Uint8Array;
    path.push({ side: idx % 2 === 1 ? 'left' : 'right', hash: toHex(sibling) });
  }
  const nextRoot = nextRoots[leafIndex] as Uint8Array;
  return {
    size,
    root: summary.root,
    leaf_index: leafIndex,
    receipt_next_root: toHex(nextRoot),
    leaf_hash: toHex(leaves[local] as Uint8Array),
    peak_index: peakIndex,
    peak_height: height,
    path,
    peaks: summary.peaks,
    computed_peak_root: toHex((levels[height] as Uint8Array[])[0] as Uint8Array),
  };
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function hexField(v: unknown): Uint8Array | undefined {
  return typeof v === 'string' && HEX64.test(v) ? hexToBytes(v.toLowerCase()) : undefined;
}

function eq(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Verifies an inclusion proof as an ordered pipeline (crypto.md §8). Stricter than the reference: the
 * side pattern must match `leaf_index` within its peak, and `size` must give exactly the claimed peaks.
 * the leaf's own peak in `peaks` must equal the folded path. `computed_peak_root` is ignored. Returns `{ok:false, reason}` for a bad proof; never throws on data.
 */
export function verifyInclusionProof(proof: unknown): ProofCheck {
  const fail = (reason: string): ProofCheck => ({ ok: false, reason });
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) return fail('proof is not an object');
  const p = proof as Record<string, unknown>;
  const { size, leaf_index: leafIndex, peak_index: peakIndex, peak_height: peakHeight } = p;
  if (!isIndex(size) || !isIndex(leafIndex) || !isIndex(peakIndex) || !isIndex(peakHeight)) return fail('size, leaf_index, peak_index and peak_height must be non-negative integers');
  if (leafIndex >= size) return fail('leaf_index out of range');
  const nextRoot = hexField(p.receipt_next_root);
  const leafHash = hexField(p.leaf_hash);
  const root = hexField(p.root);
  if (nextRoot === undefined || leafHash === undefined || root === undefined) return fail('receipt_next_root, leaf_hash and root must be 64 hex characters');
  if (!eq(mmrLeafHash(nextRoot), leafHash)) return fail('leaf_hash does not match receipt_next_root');

  const plan = peakPlan(size);
  let offset = 0;
  let expectedPeak = 0;
  for (; expectedPeak < plan.length; expectedPeak++) {
    const width = 2 ** (plan[expectedPeak] as number);
    if (leafIndex < offset + width) break;
    offset += width;
  }
  if (peakIndex !== expectedPeak || peakHeight !== plan[expectedPeak]) return fail('peak_index/peak_height do not match the size');
  if (!Array.isArray(p.peaks) || p.peaks.length !== plan.length) return fail('peaks do not match the peak plan');
  const peaks: Uint8Array[] = [];
  for (let i = 0; i < plan.length; i++) {
    const pk = p.peaks[i] as Record<string, unknown> | null;
    const h = typeof pk === 'object' && pk !== null ? hexField(pk.hash) : undefined;
    if (h === undefined || pk?.height !== plan[i]) return fail(`peaks[${i}] does not match the peak plan`);
    peaks.push(h);
  }
  if (!Array.isArray(p.path) || p.path.length !== peakHeight) return fail('path length differs from peak_height');
  const local = leafIndex - offset;
  let cur = leafHash;
  for (let level = 0; level < p.path.length; level++) {
    const step = p.path[level] as Record<string, unknown> | null;
    const sib = typeof step === 'object' && step !== null ? hexField(step.hash) : undefined;
    if (sib === undefined) return fail(`path[${level}].hash must be 64 hex characters`);
    const side = step?.side;
    if (side !== 'left' && side !== 'right') return fail(`path[${level}].side must be "left" or "right"`);
    const expectedSide: PathSide = ((local >> level) & 1) === 1 ? 'left' : 'right';
    if (side !== expectedSide) return fail(`path[${level}].side does not match leaf_index`);
    cur = side === 'left' ? mmrNodeHash(sib, cur) : mmrNodeHash(cur, sib);
  }
  // Stricter than the reference, which overwrote the claimed peak: it must equal the folded path.
  if (!eq(peaks[peakIndex] as Uint8Array, cur)) return fail('folded path does not equal the claimed peak');
  const bag = bagPeaks(peaks) as Uint8Array;
  if (!eq(bag, root)) return fail('re-bagged peaks do not equal root');
  return { ok: true };
}

// ## Consistency proofs (RFC 9162 §2.1.4)

/** MTH over a range of leaf hashes (RFC 9162 §2.1.1); k = largest power of two below n. */
function mth(leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  const n = hi - lo;
  if (n === 1) return leaves[lo] as Uint8Array;
  const k = largestPow2Below(n);
  return mmrNodeHash(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
}

function largestPow2Below(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** SUBPROOF(m, D[lo:hi], b) of RFC 9162 §2.1.4.1. */
function subproof(leaves: readonly Uint8Array[], m: number, lo: number, hi: number, complete: boolean, out: Uint8Array[]): void {
  const n = hi - lo;
  if (m === n) {
    if (!complete) out.push(mth(leaves, lo, hi));
    return;
  }
  const k = largestPow2Below(n);
  if (m <= k) {
    subproof(leaves, m, lo, lo + k, complete, out);
    out.push(mth(leaves, lo + k, hi));
  } else {
    subproof(leaves, m - k, lo + k, hi, false, out);
    out.push(mth(leaves, lo, lo + k));
  }
}

/**
 * Consistency proof that the MMR of the first `oldSize` leaves is a prefix of the MMR of all leaves.
 * @throws MsezError PROOF_GENERATION_ERROR unless 1 ≤ oldSize ≤ size
 */
export function buildConsistencyProof(nextRoots: readonly Uint8Array[], oldSize: number): MmrConsistencyProof {
  const size = nextRoots.length;
  if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > size) {
    throw new MsezError('PROOF_GENERATION_ERROR', `old size must be in 1..${size}`, { old_size: oldSize, size });
  }
  const leaves = nextRoots.map(mmrLeafHash);
  const path: Uint8Array[] = [];
  if (oldSize < size) subproof(leaves, oldSize, 0, size, true, path);
  return {
    type: 'MSEZReceiptMMRConsistencyProof',
    old_size: oldSize,
    old_root: toHex(mth(leaves, 0, oldSize)),
    new_size: size,
    new_root: toHex(mth(leaves, 0, size)),
    path: path.map(toHex),
  };
}

/** Verifies a consistency proof (RFC 9162 §2.1.4.2). Returns `{ok:false, reason}` for a bad proof. */
export function verifyConsistencyProof(proof: unknown): ProofCheck {
  const fail = (reason: string): ProofCheck => ({ ok: false, reason });
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) return fail('proof is not an object');
  const p = proof as Record<string, unknown>;
  if (p.type !== 'MSEZReceiptMMRConsistencyProof') return fail('type must be MSEZReceiptMMRConsistencyProof');
  const { old_size: first, new_size: second } = p;
  if (!isIndex(first) || !isIndex(second) || first < 1 || first > second) return fail('need 1 <= old_size <= new_size');
  const oldRoot = hexField(p.old_root);
  const newRoot = hexField(p.new_root);
  if (oldRoot === undefined || newRoot === undefined) return fail('old_root and new_root must be 64 hex characters');
  if (!Array.isArray(p.path)) return fail('path must be a list');
  const path: Uint8Array[] = [];
  for (const [i, h] of p.path.entries()) {
    const b = hexField(h);
    if (b === undefined) return fail(`path[${i}] must be 64 hex characters`);
    path.push(b);
  }
  if (first === second) return path.length === 0 && eq(oldRoot, newRoot) ? { ok: true } : fail('equal sizes need an empty path and equal roots');
  // §2.1.4.2 step 2: when first is a power of two, prepend first_hash.
  const nodes = isPow2(first) ? [oldRoot, ...path] : path;
  if (nodes.length === 0) return fail('path is empty');
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = nodes[0] as Uint8Array;
  let sr = nodes[0] as Uint8Array;
  for (const c of nodes.slice(1)) {
    if (sn === 0n) return fail('path longer than expected');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = mmrNodeHash(c, fr);
      sr = mmrNodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = mmrNodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return fail('path shorter than expected');
  if (!eq(fr, oldRoot)) return fail('old_root does not match');
  if (!eq(sr, newRoot)) return fail('new_root does not match');
  return { ok: true };
}

function isPow2(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}
