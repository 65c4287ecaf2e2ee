import { describe, expect, test } from 'vitest';
import { buildReceiptInclusionProof, checkpointDigest, parseAttestation, verifyReceiptInclusionProof, watcherAttestationCredential } from '../corridor/index.js';
import { signCredential } from '../vc/index.js';
import { expectMsezError } from '../../test/support/vectors.js';
import { corridorFixture } from '../../test/support/corridor-fixture.js';
import { activateCorridor, applyTransition, createCheckpoint, initCorridor, listNextRoots, proposeAndAppend, storeAttestation } from './corridor-store.js';
import { corridorFinality, corridorStatus, receiptInclusionProof } from './corridor-views.js';
import { openDatabase } from './db.js';

const T0 = '2026-01-01T00:00:00Z';
const AT = '2026-02-01T00:00:00Z';
const fx = corridorFixture();
const id = fx.config.corridor_id;
const ts = (i: number): string => `2026-01-01T00:01:${String(i).padStart(2, '0')}Z`;

function corridor(receipts: number) {
  const db = openDatabase(':memory:');
  initCorridor(db, fx.config, T0);
  applyTransition(db, id, 'submit', [fx.definition], T0);
  proposeAndAppend(db, id, { timestamp: ts(0) }, fx.parties);
  activateCorridor(db, id, fx.activation(), T0);
  for (let i = 1; i < receipts; i++) proposeAndAppend(db, id, { timestamp: ts(i) }, fx.parties);
  return db;
}

describe('receiptInclusionProof (msez corridor prove, GET …/receipts/:sequence/proof)', () => {
  test('against the latest covering checkpoint, verified against it', () => {
    const db = corridor(5);
    expectMsezError(() => receiptInclusionProof(db, id, 2, AT), 'NOT_FOUND'); // no checkpoint yet
    const cp5 = createCheckpoint(db, id, ts(50), fx.parties);
    for (let i = 5; i < 8; i++) proposeAndAppend(db, id, { timestamp: ts(i) }, fx.parties);
    expectMsezError(() => receiptInclusionProof(db, id, 6, AT), 'NOT_FOUND'); // 6 is not covered yet
    const p = receiptInclusionProof(db, id, 2, AT);
    expect(p).toMatchObject({ type: 'MSEZCorridorReceiptInclusionProof', corridor_id: id, size: 5, leaf_index: 2, generated_at: AT, checkpoint_digest_sha256: checkpointDigest(cp5) });
    expect(verifyReceiptInclusionProof(p, cp5)).toEqual({ ok: true });
    expect(p).toEqual(buildReceiptInclusionProof(id, listNextRoots(db, id).slice(0, 5), 2, { checkpoint: cp5, generated_at: AT }));
    const cp8 = createCheckpoint(db, id, ts(51), fx.parties);
    const q = receiptInclusionProof(db, id, 2, AT);
    expect(q).toMatchObject({ size: 8, checkpoint_digest_sha256: checkpointDigest(cp8) });
    expect(verifyReceiptInclusionProof(q, cp8)).toEqual({ ok: true });
    expectMsezError(() => receiptInclusionProof(db, id, 8, AT), 'NOT_FOUND');
    expectMsezError(() => receiptInclusionProof(db, id, -1, AT), 'VALIDATION_FAILED');
    expectMsezError(() => receiptInclusionProof(db, 'nope', 0, AT), 'NOT_FOUND');
  });
});

describe('corridorFinality / corridorStatus (msez corridor status, GET …/finality)', () => {
  test('receipt_signed → checkpoint_signed → watcher_quorum', () => {
    const db = corridor(3);
    expect(corridorFinality(db, id, AT)).toMatchObject({ as_of: AT, finality_level: 'receipt_signed', receipt_count: 3, evidence: { checkpoint: null } });
    const cp = createCheckpoint(db, id, ts(50), fx.parties);
    const f = corridorFinality(db, id, AT);
    expect(f).toMatchObject({ finality_level: 'checkpoint_signed', evidence: { checkpoint: { digest_sha256: checkpointDigest(cp), receipt_count: 3 }, watcher_quorum: { required_count: 1, confirmed_count: 0, quorum_met: false } } });
    const att = signCredential(watcherAttestationCredential(cp, fx.watcher.did, ts(52)), fx.watcher, { suite: 'eddsa-jcs-2022', created: ts(52) });
    const parsed = parseAttestation(att, fx.config.watchers);
    storeAttestation(db, id, parsed.watcher, parsed, att);
    const g = corridorFinality(db, id, AT);
    expect(g).toMatchObject({ finality_level: 'watcher_quorum', head_commitment_digest_sha256: f.head_commitment_digest_sha256, evidence: { watcher_quorum: { confirmed_count: 1, quorum_met: true, watcher_ids: [fx.watcher.did] } } });
    proposeAndAppend(db, id, { timestamp: ts(53) }, fx.parties);
    expect(corridorFinality(db, id, AT)).toMatchObject({ finality_level: 'receipt_signed', receipt_count: 4, warnings: ['latest checkpoint covers 3 of 4 receipts'] });
    const s = corridorStatus(db, id, AT);
    expect(s).toMatchObject({ corridor_id: id, state: 'ACTIVE', forks: [], finality: { receipt_count: 4 } });
    expect(s.history.map((h) => h.kind)).toEqual(['submit', 'activate']);
    expectMsezError(() => corridorFinality(db, 'nope', AT), 'NOT_FOUND');
  });
});
