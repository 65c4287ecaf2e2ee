import { describe, expect, test } from 'vitest';
import { validateAgainst } from '../schema/index.js';
import type { JsonObject, JsonValue } from '../core/index.js';
import { openDatabase, simulateCorridor, listReceipts, listCheckpoints } from './index.js';
import { computeNextRoot, forkResolutionCredential, proposeReceipt, resolveFork, transitionEnvelope, verifyReceipt } from '../corridor/index.js';
import { signCredential } from '../vc/index.js';
import { corridorFixture } from '../../test/support/corridor-fixture.js';

const plain = (v: unknown): JsonValue => JSON.parse(JSON.stringify(v));

describe('corridor schemas accept what msez writes and refuse extra fields', () => {
  const db = openDatabase(':memory:');
  const report = simulateCorridor(db, { parties: 2, receipts: 3, seed: 'schema', checkpointEvery: 3 });
  const receipt = listReceipts(db, report.corridor_id)[1]!;
  const checkpoint = listCheckpoints(db, report.corridor_id)[0]!;
  test('receipt', () => {
    expect(validateAgainst('corridor.receipt', plain(receipt))).toEqual([]);
    expect(validateAgainst('corridor.receipt', plain({ ...receipt, extra: 1 })).length).toBeGreaterThan(0);
  });
  test('checkpoint', () => {
    expect(validateAgainst('corridor.checkpoint', plain(checkpoint))).toEqual([]);
    expect(validateAgainst('corridor.checkpoint', plain({ ...checkpoint, receipt_count: 0 })).length).toBeGreaterThan(0);
  });
  test('fork resolution credential', () => {
    const fx = corridorFixture();
    const P = 'a'.repeat(64);
    const res = resolveFork({ corridor_id: 'c', sequence: 1, prev_root: P, next_roots: ['1'.repeat(64), '2'.repeat(64)] }, [
      { next_root: '1'.repeat(64), timestamp: '2026-01-01T00:00:00Z', attestations: [] },
      { next_root: '2'.repeat(64), timestamp: '2026-01-01T00:00:00Z', attestations: [] },
    ], { now: '2026-01-01T00:01:00Z', registered: [] });
    const vc = signCredential(forkResolutionCredential(res, fx.parties[0]!.did), fx.parties[0]!, { suite: 'eddsa-jcs-2022', created: '2026-01-01T00:01:00Z' });
    expect(validateAgainst('corridor.fork-resolution', plain(vc))).toEqual([]);
  });
});

describe('corridor.receipt schema and verifyReceipt admit the same shapes (POST route contract)', () => {
  const fx = corridorFixture();
  const T = '2026-01-01T00:00:00Z';
  const H = (c: string): string => c.repeat(64);
  const payload = { amount: '10.00', currency: 'USD' };
  const envelope = transitionEnvelope('transfer', payload);
  const prev = fx.config.lawpack_digest_set[0]!; // any 64-hex head will do: verifyReceipt is told to expect it
  /** A receipt built from `body`, with next_root recomputed and signed by both parties: only the shape can fail. */
  const receipt = (edit: (r: JsonObject) => void): JsonObject => {
    const r = proposeReceipt(fx.config, { sequence: 0, prev_root: prev, timestamp: T, transition: structuredClone(envelope) });
    edit(r);
    delete r.next_root;
    r.next_root = computeNextRoot(r);
    return fx.parties.reduce((d, k) => signCredential(d, k, { suite: 'eddsa-jcs-2022', created: T }), r);
  };
  const verdicts = (r: JsonObject): [boolean, boolean] => [validateAgainst('corridor.receipt', plain(r)).length === 0, verifyReceipt(r, fx.config, { sequence: 0, prev_root: prev }).ok];
  const accepted: [string, (r: JsonObject) => void][] = [
    ['as msez writes it', () => {}],
    ['no transition', (r) => void delete r.transition],
    ['full envelope', (r) => Object.assign(r.transition as JsonObject, { schema: 'urn:x', schema_digest_sha256: H('a'), ruleset_digest_sha256: { artifact_type: 'ruleset', digest_sha256: H('b') }, zk_circuit_digest_sha256: H('c'), registry_override: true, attachments: [{ artifact_type: 'blob', digest_sha256: H('d'), uri: 'x', media_type: 'text/plain', byte_length: 3 }], meta: { note: 'x' } })],
    ['envelope without inline payload', (r) => void delete (r.transition as JsonObject).payload],
    ['zk and anchor', (r) => Object.assign(r, { zk: { proof_system: 'groth16', circuit_digest_sha256: H('e'), public_inputs: [1], extra: 'ok' }, anchor: { chain_id: 1, method: 'calldata', tx_hash: '0x1', block_number: 7, anchored_root: H('f'), anchored_at: '2026-01-01T00:00:09+02:00' } })],
    ['registry digest and ArtifactRef set items', (r) => Object.assign(r, { transition_type_registry_digest_sha256: H('1'), ruleset_digest_set: [...(r.ruleset_digest_set as string[]).map((d) => ({ artifact_type: 'ruleset', digest_sha256: d }))] })],
  ];
  const refused: [string, (r: JsonObject) => void][] = [
    ['unknown top-level field', (r) => void (r.extra = 1)],
    ['timestamp not a date-time', (r) => void (r.timestamp = 'yesterday')],
    ['timestamp with a space', (r) => void (r.timestamp = '2026-01-01 00:00:00Z')],
    ['timestamp second 60', (r) => void (r.timestamp = '2026-01-01T00:00:60Z')],
    ['transition not an object', (r) => void (r.transition = 'transfer')],
    ['transition unknown field', (r) => void ((r.transition as JsonObject).note = 'x')],
    ['transition wrong type', (r) => void ((r.transition as JsonObject).type = 'Envelope')],
    ['transition empty kind', (r) => void ((r.transition as JsonObject).kind = '')],
    ['transition without payload_sha256', (r) => void delete (r.transition as JsonObject).payload_sha256],
    ['registry_override not boolean', (r) => void ((r.transition as JsonObject).registry_override = 'yes')],
    ['attachment extra field', (r) => void ((r.transition as JsonObject).attachments = [{ digest_sha256: H('d'), x: 1 }])],
    ['zk without proof_system', (r) => void (r.zk = { circuit_digest_sha256: H('e') })],
    ['anchor unknown field', (r) => void (r.anchor = { chain_id: 1, note: 'x' })],
    ['anchor negative block', (r) => void (r.anchor = { block_number: -1 })],
    ['set item not a digest', (r) => void (r.lawpack_digest_set = ['abc'])],
    ['set item ref without artifact_type', (r) => void (r.lawpack_digest_set = [{ digest_sha256: fx.config.lawpack_digest_set[0]! }])],
    ['bad registry digest', (r) => void (r.transition_type_registry_digest_sha256 = 'x')],
  ];
  test.each(accepted)('both accept: %s', (_, edit) => expect(verdicts(receipt(edit))).toEqual([true, true]));
  test.each(refused)('both refuse: %s', (_, edit) => expect(verdicts(receipt(edit))).toEqual([false, false]));
  test('both refuse a proof with an extra field (signed with it)', () => {
    const r = receipt(() => {});
    const proofs = (r.proof as JsonObject[]).map((p) => ({ ...p, challenge: 'x' }));
    expect(verdicts({ ...r, proof: proofs })).toEqual([false, false]);
  });
  test('msez rule beyond the schema: an inline payload must match payload_sha256', () => {
    const r = receipt((x) => void ((x.transition as JsonObject).payload = { amount: '11.00', currency: 'USD' }));
    expect(verdicts(r)).toEqual([true, false]);
    expect(verifyReceipt(r, fx.config, { sequence: 0, prev_root: prev })).toMatchObject({ code: 'CHAIN_BROKEN', reason: 'transition: payload_sha256 does not match sha256(MCF(payload))' });
  });
});
