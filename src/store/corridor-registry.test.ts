import { describe, expect, test } from 'vitest';
import type { JsonObject, JsonValue } from '../core/index.js';
import { buildRegistrySnapshot, computeNextRoot, proposeReceipt, registrySnapshotDigest, snapshotToJson, transitionEnvelope } from '../corridor/index.js';
import { signCredential } from '../vc/index.js';
import { expectMsezError } from '../../test/support/vectors.js';
import { corridorFixture } from '../../test/support/corridor-fixture.js';
import { appendReceipt, applyTransition, getCorridor, initCorridor } from './corridor-store.js';
import { openDatabase } from './db.js';

const T0 = '2026-01-01T00:00:00Z';
const fx = corridorFixture();
const id = fx.config.corridor_id;
const A = 'a'.repeat(64);
const snapshot = buildRegistrySnapshot([{ kind: 'trade.lc.issue.v1', ruleset_digest_sha256: A }]);
const digest = registrySnapshotDigest(snapshot);
const registry = (d: string): JsonValue => {
  if (d !== digest) throw new Error('not found');
  return snapshotToJson(snapshot);
};

function pendingDb() {
  const db = openDatabase(':memory:');
  initCorridor(db, fx.config, T0);
  applyTransition(db, id, 'submit', [fx.vc('MSEZCorridorDefinitionCredential', {})], T0);
  return db;
}

function receipt(db: ReturnType<typeof openDatabase>, transition: JsonObject): JsonObject {
  const rec = getCorridor(db, id);
  let r = proposeReceipt(fx.config, { sequence: rec.receipt_count, prev_root: rec.head, timestamp: T0, transition });
  r.transition_type_registry_digest_sha256 = digest;
  delete r.next_root;
  r.next_root = computeNextRoot(r);
  for (const k of fx.parties) r = signCredential(r, k, { suite: 'eddsa-jcs-2022', created: T0 });
  return r;
}

describe('appendReceipt with a transition-type registry resolver', () => {
  test('accepts a matching envelope, refuses a mismatch (CHAIN_BROKEN, nothing stored), accepts an override', () => {
    const db = pendingDb();
    const ok = receipt(db, { ...transitionEnvelope('trade.lc.issue.v1', { n: '1' }), ruleset_digest_sha256: A });
    expect(appendReceipt(db, id, ok, T0, { registry }).sequence).toBe(0);
    const bad = receipt(db, { ...transitionEnvelope('trade.lc.issue.v1', { n: '2' }), ruleset_digest_sha256: 'b'.repeat(64) });
    expectMsezError(() => appendReceipt(db, id, bad, T0, { registry }), 'CHAIN_BROKEN');
    expect(() => appendReceipt(db, id, bad, T0, { registry })).toThrow(/trade\.lc\.issue\.v1/);
    expect(getCorridor(db, id).receipt_count).toBe(1);
    const unknown = receipt(db, transitionEnvelope('other.v1', { n: '3' }));
    expectMsezError(() => appendReceipt(db, id, unknown, T0, { registry }), 'CHAIN_BROKEN');
    const over = receipt(db, { ...transitionEnvelope('other.v1', { n: '3' }), registry_override: true });
    expect(appendReceipt(db, id, over, T0, { registry }).sequence).toBe(1);
  });
});
