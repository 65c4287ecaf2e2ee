import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { digestValue } from '../core/index.js';
import { PROJECT_ROOT } from '../../test/support/vectors.js';
import { buildInclusionProof, Mmr, mmrSummary, parseNextRoots, verifyInclusionProof, type MmrPeak } from './mmr.js';

/**
 * Parity with the reference MMR (issue 6) on seeded random leaf sets of sizes 1 to 1000, beyond the 17
 * leaves of the golden vectors: roots, peaks, inclusion proofs (deep-equal and equal canonical SHA-256)
 * and incremental appends from a checkpoint, all computed by momentum-sez/stack tools/mmr.py
 * (test/fixtures/reference/README.md says how).
 */

interface RefCase {
  size: number;
  next_roots: string[];
  root: string;
  peaks: MmrPeak[];
  proof_indices: number[];
  proofs: Array<{ leaf_index: number } & Record<string, unknown>>;
  proof_canonical_sha256: string[];
  append_from?: { size: number; peaks: MmrPeak[]; appended_peaks: MmrPeak[] };
}

const fixture = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'reference', 'mmr', 'random_sets.json'), 'utf8')) as { cases: RefCase[] };

describe('reference MMR on random leaf sets', () => {
  test('the fixture covers the planned sizes, with every proof up to 31 leaves and samples above', () => {
    expect(fixture.cases.map((c) => c.size)).toEqual([1, 2, 3, 7, 31, 64, 100, 257, 1000]);
    for (const c of fixture.cases) {
      expect(c.next_roots).toHaveLength(c.size);
      expect(c.proofs.map((p) => p.leaf_index)).toEqual(c.proof_indices);
      if (c.size <= 31) expect(c.proof_indices).toEqual(Array.from({ length: c.size }, (_, i) => i));
      else expect(c.proof_indices.length).toBeGreaterThanOrEqual(12);
    }
  });

  test.each(fixture.cases.map((c) => [c.size, c] as const))('size %i: root, peaks, proofs and canonical digests agree', (_size, c) => {
    const leaves = parseNextRoots(c.next_roots);
    expect(mmrSummary(leaves)).toEqual({ size: c.size, root: c.root, peaks: c.peaks });
    c.proof_indices.forEach((index, k) => {
      const theirs = c.proofs[k];
      const ours = buildInclusionProof(leaves, index);
      expect(ours).toEqual(theirs);
      expect(digestValue(ours).hex).toBe(c.proof_canonical_sha256[k]);
      expect(digestValue(theirs).hex).toBe(c.proof_canonical_sha256[k]);
      expect(verifyInclusionProof(theirs)).toEqual({ ok: true });
    });
  });

  test.each(fixture.cases.filter((c) => c.append_from !== undefined).map((c) => [c.size, c] as const))(
    'size %i: appending to a checkpoint’s peaks gives the reference append_peaks result',
    (_size, c) => {
      const from = c.append_from as NonNullable<RefCase['append_from']>;
      const leaves = parseNextRoots(c.next_roots);
      expect(mmrSummary(leaves.slice(0, from.size)).peaks).toEqual(from.peaks);
      const m = Mmr.fromPeaks(from.size, from.peaks);
      for (const leaf of leaves.slice(from.size)) m.append(leaf);
      expect(m.peaks()).toEqual(from.appended_peaks);
      expect(m.summary()).toEqual({ size: c.size, root: c.root, peaks: c.peaks });
    },
  );
});
