import { describe, expect, test } from 'vitest';
import { mcf, sha256, toHex, type JsonObject } from '../core/index.js';
import { expectMsezError } from '../../test/support/vectors.js';
import { buildSettlementAnchor, checkpointRef, settlementAnchorDigest, settlementSide, verifySettlementAnchor } from './settlement-anchor.js';
import { checkpointDigest } from './checkpoints.js';

const H = (c: string): string => c.repeat(64);
const T = '2026-01-01T00:00:00Z';

/** A checkpoint-shaped object (digests do not depend on the proof, which is left out). */
const cp = (corridor: string, count: number, root: string): JsonObject => ({
  type: 'MSEZCorridorStateCheckpoint',
  corridor_id: corridor,
  timestamp: T,
  genesis_root: H('0'),
  final_state_root: root,
  receipt_count: count,
  lawpack_digest_set: [],
  ruleset_digest_set: [],
  mmr: { type: 'MSEZReceiptMMR', algorithm: 'sha256', size: count, root: H('9') },
  proof: { type: 'DataIntegrityProof' },
});

const obligationCp = cp('org.example.obligation', 3, H('3'));
const settlementCp = cp('org.example.settlement', 5, H('5'));
const oRoots = [H('1'), H('2'), H('3')];

function anchor(): JsonObject {
  return buildSettlementAnchor({
    obligation: settlementSide(obligationCp, { sequence: 1, next_root: H('2') }),
    settlement: settlementSide(settlementCp),
    proof_bindings: [{ artifact_type: 'proof-binding', digest_sha256: H('d') }],
    proofs: [{ artifact_type: 'blob', digest_sha256: H('e'), uri: 'file:pacs008.xml' }],
  });
}

describe('settlement anchor (corridors.md §11)', () => {
  test('build: fields, refs by checkpoint digest, digest = sha256(MCF(anchor minus proof))', () => {
    const a = anchor();
    expect(Object.keys(a)).toEqual(['obligation', 'settlement', 'proof_bindings', 'proofs']);
    expect(a.obligation).toMatchObject({ corridor_id: 'org.example.obligation', checkpoint_ref: { artifact_type: 'checkpoint', digest_sha256: checkpointDigest(obligationCp) }, receipt_sequence: 1, receipt_next_root: H('2') });
    expect(checkpointRef(obligationCp).digest_sha256).toBe(toHex(sha256(mcf(Object.fromEntries(Object.entries(obligationCp).filter(([k]) => k !== 'proof'))))));
    const d = settlementAnchorDigest(a);
    expect(d).toBe(toHex(sha256(mcf(a))));
    expect(settlementAnchorDigest({ ...a, proof: { type: 'DataIntegrityProof', proofValue: 'z1' } })).toBe(d);
    expect(settlementAnchorDigest({ ...a, proofs: [] })).not.toBe(d);
    // Recomputed independently (Python: sha256 of sorted-key compact JSON, equal to MCF for this ASCII data).
    expect(d).toMatchInlineSnapshot(`"a696b661c710977692501fe0a09a6822f8ddfa0d65a09aec675867a85f80a10e"`);
    expectMsezError(() => buildSettlementAnchor({ obligation: { corridor_id: '', checkpoint_ref: checkpointRef(obligationCp) }, settlement: settlementSide(settlementCp) }), 'VALIDATION_FAILED');
    expectMsezError(() => buildSettlementAnchor({ obligation: settlementSide(obligationCp), settlement: { corridor_id: 'x', checkpoint_ref: { artifact_type: 'blob', digest_sha256: H('a') } } }), 'VALIDATION_FAILED');
  });

  test('verify: ordered named checks', () => {
    const a = anchor();
    const d = settlementAnchorDigest(a);
    const full = verifySettlementAnchor(a, { obligationCheckpoint: obligationCp, settlementCheckpoint: settlementCp, obligationNextRoots: oRoots, expectedDigest: d });
    expect(full).toEqual({
      ok: true,
      digest_sha256: d,
      checks: [
        { name: 'shape', status: 'pass' },
        { name: 'obligation.checkpoint_ref', status: 'pass' },
        { name: 'obligation.corridor_id', status: 'pass' },
        { name: 'obligation.head_commitment', status: 'pass' },
        { name: 'obligation.receipt', status: 'pass' },
        { name: 'settlement.checkpoint_ref', status: 'pass' },
        { name: 'settlement.corridor_id', status: 'pass' },
        { name: 'settlement.head_commitment', status: 'pass' },
        { name: 'settlement.receipt', status: 'skipped', reason: 'no receipt_sequence' },
        { name: 'digest', status: 'pass' },
      ],
    });
    const bare = verifySettlementAnchor(a);
    expect(bare.ok).toBe(true);
    expect(bare.checks.filter((c) => c.status === 'skipped').map((c) => c.name)).toHaveLength(9);

    const codes = (r: ReturnType<typeof verifySettlementAnchor>) => r.checks.filter((c) => c.status === 'fail').map((c) => [c.name, c.code]);
    // swapped checkpoints: wrong ref, wrong corridor, wrong head, receipt 1 still covered by 5 receipts but no roots
    expect(codes(verifySettlementAnchor(a, { obligationCheckpoint: settlementCp }))).toEqual([
      ['obligation.checkpoint_ref', 'CHECKPOINT_REF_MISMATCH'],
      ['obligation.corridor_id', 'CORRIDOR_MISMATCH'],
      ['obligation.head_commitment', 'HEAD_COMMITMENT_MISMATCH'],
    ]);
    expect(codes(verifySettlementAnchor(a, { obligationNextRoots: [H('1'), H('7')] }))).toEqual([['obligation.receipt', 'RECEIPT_ROOT_MISMATCH']]);
    const late = { ...a, obligation: { ...(a.obligation as JsonObject), receipt_sequence: 3 } };
    expect(codes(verifySettlementAnchor(late, { obligationCheckpoint: obligationCp }))).toEqual([['obligation.receipt', 'RECEIPT_NOT_COVERED']]);
    expect(codes(verifySettlementAnchor(a, { expectedDigest: H('0') }))).toEqual([['digest', 'DIGEST_MISMATCH']]);
    const bad = verifySettlementAnchor({ ...a, extra: true });
    expect(bad).toEqual({ ok: false, digest_sha256: null, checks: [{ name: 'shape', status: 'fail', code: 'ANCHOR_SHAPE', reason: '/extra: unknown field' }] });
    expect(verifySettlementAnchor({ ...a, proofs: [{ artifact_type: 'blob', digest_sha256: 'x' }] }).checks[0]).toMatchObject({ code: 'ANCHOR_SHAPE', reason: '/proofs/0/digest_sha256: must be 64 lowercase hex digits' });
  });
});
