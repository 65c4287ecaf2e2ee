import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { digestValue, hexToBytes, toHex } from '../core/index.js';
import { expectMsezError, vectorJson } from '../../test/support/vectors.js';
import {
  buildConsistencyProof,
  buildInclusionProof,
  mmrLeafHash,
  mmrNodeHash,
  mmrSummary,
  parseNextRoots,
  verifyConsistencyProof,
  verifyInclusionProof,
  type MmrPeak,
} from './mmr.js';

interface RootsVector {
  next_roots: string[];
  leaf_hashes: string[];
  leaf_hash_vectors: { input_next_root: string; leaf_hash: string }[];
  node_hash_vector: { left: string; right: string; result: string };
  incremental_roots: { size: number; root: string; peaks: MmrPeak[] }[];
}
interface ProofsVector {
  empty: { size: number; root: string; peaks: MmrPeak[] };
  cases: { size: number; next_roots: string[]; leaf_hashes: string[]; root: string; peaks: MmrPeak[]; proofs: unknown[]; proof_canonical_sha256: string[] }[];
  verify_cases: { name: string; proof: unknown; expected_valid: boolean }[];
}

const roots = vectorJson<RootsVector>('reference/mmr_roots.json');
const proofs = vectorJson<ProofsVector>('generated/mmr_proofs.json');

/** Independent RFC 9162 MTH (crypto.md §9) used as the cross-check. */
function rfc9162(leaves: Uint8Array[]): string {
  const h = (...parts: Uint8Array[]): Uint8Array => {
    const c = createHash('sha256');
    for (const p of parts) c.update(p);
    return new Uint8Array(c.digest());
  };
  const go = (d: Uint8Array[]): Uint8Array => {
    if (d.length === 1) return h(new Uint8Array([0]), d[0] as Uint8Array);
    let k = 1;
    while (k * 2 < d.length) k *= 2;
    return h(new Uint8Array([1]), go(d.slice(0, k)), go(d.slice(k)));
  };
  return toHex(go(leaves));
}

describe('reference/mmr_roots.json', () => {
  test('leaf and node hashes', () => {
    roots.next_roots.forEach((r, i) => expect(toHex(mmrLeafHash(hexToBytes(r)))).toBe(roots.leaf_hashes[i]));
    for (const v of roots.leaf_hash_vectors) expect(toHex(mmrLeafHash(hexToBytes(v.input_next_root)))).toBe(v.leaf_hash);
    const n = roots.node_hash_vector;
    expect(toHex(mmrNodeHash(hexToBytes(n.left), hexToBytes(n.right)))).toBe(n.result);
  });
  test('incremental roots and peaks', () => {
    const leaves = parseNextRoots(roots.next_roots);
    for (const v of roots.incremental_roots) expect(mmrSummary(leaves.slice(0, v.size))).toEqual(v);
  });
});

describe('generated/mmr_proofs.json', () => {
  test('empty MMR', () => {
    expect(mmrSummary([])).toEqual(proofs.empty);
    expectMsezError(() => buildInclusionProof([], 0), 'PROOF_GENERATION_ERROR');
  });
  test.each(proofs.cases.map((c) => [c.size, c] as const))('size %i: root, peaks, every proof and its canonical sha256', (_size, c) => {
    const leaves = parseNextRoots(c.next_roots);
    expect(leaves.map((l) => toHex(mmrLeafHash(l)))).toEqual(c.leaf_hashes);
    expect(mmrSummary(leaves)).toEqual({ size: c.size, root: c.root, peaks: c.peaks });
    for (let i = 0; i < c.size; i++) {
      const built = buildInclusionProof(leaves, i);
      expect(built).toEqual(c.proofs[i]);
      expect(digestValue(built).hex).toBe(c.proof_canonical_sha256[i]);
      expect(verifyInclusionProof(built)).toEqual({ ok: true });
    }
  });
  test.each(proofs.verify_cases.map((v) => [v.name, v] as const))('verify case %s', (_name, v) => {
    expect(verifyInclusionProof(v.proof).ok).toBe(v.expected_valid);
  });
});

// Distinct leaves: with equal leaves a proof for index i is also, truthfully, a proof for its twin.
const leafSet = fc.uniqueArray(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 70, selector: (b) => toHex(b) });

describe('properties', () => {
  test('root equals the RFC 9162 Merkle Tree Hash of the same leaves', () => {
    fc.assert(fc.property(leafSet, (leaves) => mmrSummary(leaves).root === rfc9162(leaves)));
  });
  test('every leaf proof verifies; any mutation of a hash, side or index fails', () => {
    fc.assert(
      fc.property(leafSet, fc.nat(), fc.nat(), (leaves, pick, which) => {
        const i = pick % leaves.length;
        const proof = buildInclusionProof(leaves, i);
        expect(verifyInclusionProof(proof).ok).toBe(true);
        const flip = (h: string): string => (h[0] === '0' ? '1' : '0') + h.slice(1);
        const mutations: unknown[] = [
          { ...proof, root: flip(proof.root) },
          { ...proof, leaf_hash: flip(proof.leaf_hash) },
          { ...proof, receipt_next_root: flip(proof.receipt_next_root) },
          { ...proof, leaf_index: proof.leaf_index + 1 },
          { ...proof, size: proof.size + 1 },
          ...proof.path.map((_s, k) => ({ ...proof, path: proof.path.map((s, j) => (j === k ? { ...s, hash: flip(s.hash) } : s)) })),
          ...proof.path.map((_s, k) => ({ ...proof, path: proof.path.map((s, j) => (j === k ? { ...s, side: s.side === 'left' ? 'right' : 'left' } : s)) })),
          ...proof.peaks.map((_p, k) => ({ ...proof, peaks: proof.peaks.map((p, j) => (j === k ? { ...p, hash: flip(p.hash) } : p)) })),
        ];
        const m = mutations[which % mutations.length];
        expect(verifyInclusionProof(m).ok).toBe(false);
      }),
    );
  });
  test('consistency proofs verify between any two sizes and fail when tampered', () => {
    fc.assert(
      fc.property(leafSet, fc.nat(), (leaves, pick) => {
        const m = (pick % leaves.length) + 1;
        const proof = buildConsistencyProof(leaves, m);
        expect(proof.old_root).toBe(mmrSummary(leaves.slice(0, m)).root);
        expect(proof.new_root).toBe(mmrSummary(leaves).root);
        expect(verifyConsistencyProof(proof)).toEqual({ ok: true });
        const flip = (h: string): string => (h[0] === '0' ? '1' : '0') + h.slice(1);
        expect(verifyConsistencyProof({ ...proof, old_root: flip(proof.old_root) }).ok).toBe(false);
        expect(verifyConsistencyProof({ ...proof, new_root: flip(proof.new_root) }).ok).toBe(false);
        if (proof.path.length > 0) {
          expect(verifyConsistencyProof({ ...proof, path: [flip(proof.path[0] as string), ...proof.path.slice(1)] }).ok).toBe(false);
          expect(verifyConsistencyProof({ ...proof, path: proof.path.slice(1) }).ok).toBe(false);
        }
        if (m < leaves.length) expect(verifyConsistencyProof({ ...proof, old_size: m + 1 }).ok).toBe(false);
      }),
    );
  });
  test('bad next_roots are refused', () => {
    expectMsezError(() => parseNextRoots(['zz']), 'INVALID_DIGEST');
    expectMsezError(() => parseNextRoots({ nope: 1 }), 'SCHEMA_INVALID');
    expect(parseNextRoots([` ${'A'.repeat(64)} `])[0]).toEqual(new Uint8Array(32).fill(0xaa));
  });
});
