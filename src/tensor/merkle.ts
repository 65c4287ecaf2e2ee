import { hash } from 'node:crypto';
import { MsezError, sha256, toHex } from '../core/index.js';

/**
 * RFC 9162 §2.1 Merkle Tree Hash over raw bytes (crypto.md §9). Used by the tensor commitment (D11).
 * leaf = SHA-256(0x00 ‖ d); node = SHA-256(0x01 ‖ left ‖ right); MTH({}) = SHA-256("").
 */
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

export function leafHash(data: Uint8Array): Uint8Array {
  const buf = new Uint8Array(data.length + 1);
  buf[0] = LEAF_PREFIX;
  buf.set(data, 1);
  return sha256(buf);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(65);
  buf[0] = NODE_PREFIX;
  buf.set(left, 1);
  buf.set(right, 33);
  return sha256(buf);
}

/** The largest power of two strictly below n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Root over already-hashed leaves. Bottom-up pairing that promotes an unpaired last node gives exactly
 * the RFC 9162 recursive shape (split at the largest power of two below n), without recursion.
 */
export function rootFromLeafHashes(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  let level: Uint8Array[] = [...leaves];
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i] as Uint8Array, level[i + 1] as Uint8Array));
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Uint8Array);
    level = next;
  }
  return level[0] as Uint8Array;
}

/**
 * Leaf hashes collected into one growing buffer (32 bytes each), for large trees: each leaf's data is
 * written after the 0x00 prefix into one reused scratch buffer and hashed with node:crypto's one-shot
 * `hash`, so a commitment over millions of cells allocates no per-leaf arrays.
 */
export class LeafHashes {
  private hashes: Buffer = Buffer.allocUnsafe(32 * 1024);
  private scratch: Buffer = Buffer.allocUnsafe(4096);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the leaf whose data is `data` (for the tensor: a cell's canonical bytes). */
  add(data: Uint8Array): void {
    if (this.scratch.length < data.length + 1) this.scratch = Buffer.allocUnsafe((data.length + 1) * 2);
    this.scratch[0] = LEAF_PREFIX;
    this.scratch.set(data, 1);
    this.push(hash('sha256', this.scratch.subarray(0, data.length + 1), 'buffer'));
  }

  private push(h: Buffer): void {
    if ((this.count + 1) * 32 > this.hashes.length) {
      const bigger = Buffer.allocUnsafe(this.hashes.length * 2);
      this.hashes.copy(bigger, 0, 0, this.count * 32);
      this.hashes = bigger;
    }
    h.copy(this.hashes, this.count * 32);
    this.count++;
  }

  /** The RFC 9162 root over the leaves added so far (same shape as {@link rootFromLeafHashes}). */
  root(): Uint8Array {
    if (this.count === 0) return sha256(new Uint8Array(0));
    const level = Buffer.from(this.hashes.subarray(0, this.count * 32));
    const node = Buffer.allocUnsafe(65);
    node[0] = NODE_PREFIX;
    // In place: pair i is read from slots 2i and 2i+1 before slot i is written.
    let m = this.count;
    while (m > 1) {
      let w = 0;
      for (let i = 0; i + 1 < m; i += 2) {
        level.copy(node, 1, i * 32, i * 32 + 64);
        hash('sha256', node, 'buffer').copy(level, w * 32);
        w++;
      }
      if (m % 2 === 1) {
        level.copy(level, w * 32, (m - 1) * 32, m * 32);
        w++;
      }
      m = w;
    }
    return new Uint8Array(level.subarray(0, 32));
  }
}

/** MTH(D[n]) over raw leaf data. */
export function merkleTreeHash(data: readonly Uint8Array[]): Uint8Array {
  return rootFromLeafHashes(data.map(leafHash));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) over hashed leaves: sibling hashes bottom-up. */
export function auditPath(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw new MsezError('PROOF_GENERATION_ERROR', `leaf index ${index} outside tree of size ${leaves.length}`, { index, size: leaves.length });
  }
  const path: Uint8Array[] = [];
  const walk = (lo: number, hi: number, m: number): void => {
    const n = hi - lo;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(lo, lo + k, m);
      path.push(rootFromLeafHashes(leaves.slice(lo + k, hi)));
    } else {
      walk(lo + k, hi, m - k);
      path.push(rootFromLeafHashes(leaves.slice(lo, lo + k)));
    }
  };
  walk(0, leaves.length, index);
  return path;
}

/**
 * RFC 9162 §2.1.3.2 inclusion verification. Returns false for a proof that does not verify; throws only
 * when called with impossible arguments (misuse is an error, a bad proof is a result).
 */
export function verifyAuditPath(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && toHex(r) === toHex(root);
}
