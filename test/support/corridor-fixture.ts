import { sha256 } from '../../src/core/index.js';
import { parseCorridorConfig, type CorridorConfig } from '../../src/corridor/index.js';
import { signCredential, signingKeyFromSeed, type SigningKey } from '../../src/vc/index.js';
import type { JsonObject } from '../../src/core/index.js';

/** Deterministic corridor fixture: seeds derived from a label, two zone_authority parties, one watcher. */
export function seedOf(label: string): Uint8Array {
  return sha256(new TextEncoder().encode(`msez-test-seed:${label}`));
}

export interface CorridorFixture {
  config: CorridorConfig;
  parties: SigningKey[];
  watcher: SigningKey;
  outsider: SigningKey;
  vc(type: string, subject: JsonObject, signers?: SigningKey[], at?: string): JsonObject;
}

export function corridorFixture(corridorId = 'org.momentum.msez.corridor.test'): CorridorFixture {
  const parties = [signingKeyFromSeed(seedOf('a')), signingKeyFromSeed(seedOf('b'))];
  const watcher = signingKeyFromSeed(seedOf('w'));
  const outsider = signingKeyFromSeed(seedOf('x'));
  const hex = (s: string): string => Buffer.from(sha256(new TextEncoder().encode(s))).toString('hex');
  const config = parseCorridorConfig({
    corridor_id: corridorId,
    definition_payload_sha256: hex('definition'),
    agreement_set_sha256: hex('agreement'),
    lawpack_digest_set: [hex('lawpack-1')],
    ruleset_digest_set: [hex('ruleset-transition'), hex('ruleset-verification')],
    participants: parties.map((k) => ({ id: k.did, role: 'zone_authority' })),
    receipt_signing: { thresholds: [{ role: 'zone_authority', required: 2 }] },
    watchers: [watcher.did],
  });
  const vc = (type: string, subject: JsonObject, signers: SigningKey[] = parties, at = '2026-01-01T00:00:00Z'): JsonObject => {
    let doc: JsonObject = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', type],
      issuer: signers[0]?.did ?? 'did:example:none',
      validFrom: at,
      credentialSubject: { corridor_id: corridorId, ...subject },
    };
    for (const k of signers) doc = signCredential(doc, k, { suite: 'eddsa-jcs-2022', created: at });
    return doc;
  };
  return { config, parties, watcher, outsider, vc };
}
