import { describe, expect, test } from 'vitest';
import { digestValue, mcfText, type JsonObject, type JsonValue } from '../core/index.js';
import { signCredential } from '../vc/index.js';
import { expectMsezError } from '../../test/support/vectors.js';
import { corridorFixture } from '../../test/support/corridor-fixture.js';
import { computeNextRoot, genesisRoot, proposeReceipt, transitionEnvelope, verifyReceipt } from './receipts.js';
import {
  REGISTRY_SNAPSHOT_TAG,
  buildRegistryLock,
  buildRegistrySnapshot,
  checkEnvelopeAgainstRegistry,
  lockToJson,
  registrySnapshotDigest,
  snapshotToJson,
} from './transition-registry.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('registry snapshot', () => {
  test('sorted by kind, tag fixed, digest = sha256(MCF(snapshot))', () => {
    const s = buildRegistrySnapshot([{ kind: 'trade.lc.issue.v1', ruleset_digest_sha256: B }, { kind: 'settle.x.v1', ruleset_digest_sha256: A }]);
    expect(s.transition_types.map((e) => e.kind)).toEqual(['settle.x.v1', 'trade.lc.issue.v1']);
    expect(mcfText(snapshotToJson(s))).toBe(
      `{"registry_version":1,"tag":"${REGISTRY_SNAPSHOT_TAG}","transition_types":[{"kind":"settle.x.v1","ruleset_digest_sha256":"${A}"},{"kind":"trade.lc.issue.v1","ruleset_digest_sha256":"${B}"}]}`,
    );
    expect(registrySnapshotDigest(s)).toBe(digestValue(snapshotToJson(s)).hex);
    const lock = lockToJson(buildRegistryLock(s));
    expect(lock.snapshot_digest_sha256).toBe(registrySnapshotDigest(s));
    expect((lock.snapshot as JsonObject).tag).toBe('msez.transition-types.registry.snapshot.v1');
  });
  test('refuses duplicate kinds and bad digests', () => {
    expectMsezError(() => buildRegistrySnapshot([{ kind: 'k' }, { kind: 'k' }]), 'VALIDATION_FAILED');
    expectMsezError(() => buildRegistrySnapshot([{ kind: 'k', ruleset_digest_sha256: 'ABC' }]), 'VALIDATION_FAILED');
    expectMsezError(() => buildRegistrySnapshot([{ kind: '' }]), 'VALIDATION_FAILED');
  });
});

describe('checkEnvelopeAgainstRegistry', () => {
  const s = buildRegistrySnapshot([{ kind: 'k.v1', ruleset_digest_sha256: A, schema_digest_sha256: { artifact_type: 'schema', digest_sha256: C } }]);
  const env = (over: JsonObject): JsonObject => ({ ...transitionEnvelope('k.v1', { x: '1' }), ...over });
  test('accepts matching and omitted references (hex or ArtifactRef)', () => {
    expect(checkEnvelopeAgainstRegistry(env({}), s)).toEqual({ ok: true });
    expect(checkEnvelopeAgainstRegistry(env({ ruleset_digest_sha256: { artifact_type: 'ruleset', digest_sha256: A }, schema_digest_sha256: C }), s).ok).toBe(true);
  });
  test('refuses an unknown kind and a differing or unregistered reference', () => {
    expect(checkEnvelopeAgainstRegistry({ ...env({}), kind: 'other.v1' }, s)).toMatchObject({ ok: false, failure: 'KIND_UNKNOWN' });
    expect(checkEnvelopeAgainstRegistry(env({ ruleset_digest_sha256: B }), s)).toMatchObject({ ok: false, failure: 'DIGEST_MISMATCH', field: 'ruleset_digest_sha256' });
    expect(checkEnvelopeAgainstRegistry(env({ zk_circuit_digest_sha256: B }), s)).toMatchObject({ ok: false, failure: 'DIGEST_MISMATCH', field: 'zk_circuit_digest_sha256' });
  });
  test('registry_override skips the check', () => {
    expect(checkEnvelopeAgainstRegistry({ ...env({ ruleset_digest_sha256: B }), kind: 'other.v1', registry_override: true }, s)).toEqual({ ok: true, overridden: true });
  });
});

describe('verifyReceipt with a registry resolver', () => {
  const fx = corridorFixture();
  const snapshot = buildRegistrySnapshot([{ kind: 'k.v1', ruleset_digest_sha256: A }]);
  const digest = registrySnapshotDigest(snapshot);
  const cas = new Map<string, JsonValue>([[digest, snapshotToJson(snapshot)]]);
  const resolver = (d: string): JsonValue => {
    const v = cas.get(d);
    if (v === undefined) throw new Error(`no transition-types artifact ${d}`);
    return v;
  };
  const T = '2026-01-01T00:00:00Z';
  function receipt(transition: JsonObject, registryDigest = digest): JsonObject {
    let r = proposeReceipt(fx.config, { sequence: 0, prev_root: genesisRoot(fx.config), timestamp: T, transition });
    r.transition_type_registry_digest_sha256 = registryDigest;
    delete r.next_root;
    r.next_root = computeNextRoot(r);
    for (const k of fx.parties) r = signCredential(r, k, { suite: 'eddsa-jcs-2022', created: T });
    return r;
  }
  const at = { sequence: 0, prev_root: genesisRoot(fx.config) };
  test('accepts a matching envelope', () => {
    const r = receipt({ ...transitionEnvelope('k.v1', { n: '1' }), ruleset_digest_sha256: A });
    expect(verifyReceipt(r, fx.config, at, { registry: resolver })).toMatchObject({ ok: true });
  });
  test('refuses a differing digest and an unknown kind (CHAIN_BROKEN naming the kind)', () => {
    const bad = verifyReceipt(receipt({ ...transitionEnvelope('k.v1', { n: '1' }), ruleset_digest_sha256: B }), fx.config, at, { registry: resolver });
    expect(bad).toMatchObject({ ok: false, code: 'CHAIN_BROKEN' });
    expect(bad.reason).toContain('k.v1');
    const unknown = verifyReceipt(receipt(transitionEnvelope('z.v9', { n: '1' })), fx.config, at, { registry: resolver });
    expect(unknown).toMatchObject({ ok: false, code: 'CHAIN_BROKEN' });
    expect(unknown.reason).toContain('z.v9');
    const missing = verifyReceipt(receipt(transitionEnvelope('k.v1', { n: '1' }), C), fx.config, at, { registry: resolver });
    expect(missing).toMatchObject({ ok: false, code: 'CHAIN_BROKEN' });
  });
  test('registry_override accepts; without a resolver the binding is not checked', () => {
    const over = receipt({ ...transitionEnvelope('z.v9', { n: '1' }), ruleset_digest_sha256: B, registry_override: true });
    expect(verifyReceipt(over, fx.config, at, { registry: resolver }).ok).toBe(true);
    const bad = receipt({ ...transitionEnvelope('k.v1', { n: '1' }), ruleset_digest_sha256: B });
    expect(verifyReceipt(bad, fx.config, at).ok).toBe(true);
  });
});
