import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestRaw, isJsonObject, parseYaml, sha256, type JsonObject } from '../../src/core/index.js';
import { parseCorridorConfig, type CorridorConfig } from '../../src/corridor/index.js';
import {
  agreementSetDigest,
  buildAgreementCredential,
  buildDefinitionCredential,
  credentialPayloadDigest,
  parseTrustAnchors,
  signCredential,
  signingKeyFromSeed,
  type ActivationInput,
  type NamedVc,
  type SigningKey,
} from '../../src/vc/index.js';

/**
 * Deterministic corridor fixture: seeds derived from a label, two zone_authority parties, one watcher, and a
 * complete corridor package (corridor.yaml, trust anchors, key rotation, a definition VC signed by party a,
 * one party-specific agreement VC per party, 2-of-2 zone_authority) whose digests the config commits to.
 */
export function seedOf(label: string): Uint8Array {
  return sha256(new TextEncoder().encode(`msez-test-seed:${label}`));
}

export interface CorridorFixture {
  config: CorridorConfig;
  parties: SigningKey[];
  watcher: SigningKey;
  outsider: SigningKey;
  definition: JsonObject;
  agreements: JsonObject[];
  /** Party `i`'s agreement VC with subject fields replaced (signed by `signer`, default the party). */
  agreement(i: number, over?: JsonObject, signer?: SigningKey): JsonObject;
  /** The in-memory activation input (what readCorridorPackage reads from {@link writePackage}'s files). */
  activation(agreements?: JsonObject[]): ActivationInput;
  /** Writes the package files into `dir`; returns the agreement file paths. */
  writePackage(dir: string): string[];
  vc(type: string, subject: JsonObject, signers?: SigningKey[], at?: string): JsonObject;
}

const T0 = '2026-01-01T00:00:00Z';

export function corridorFixture(corridorId = 'org.momentum.msez.corridor.test'): CorridorFixture {
  const parties = [signingKeyFromSeed(seedOf('a')), signingKeyFromSeed(seedOf('b'))];
  const watcher = signingKeyFromSeed(seedOf('w'));
  const outsider = signingKeyFromSeed(seedOf('x'));
  const hex = (s: string): string => Buffer.from(sha256(new TextEncoder().encode(s))).toString('hex');
  const participants = parties.map((k) => ({ id: k.did, role: 'zone_authority' }));

  const files: Record<string, string> = {
    'corridor.yaml': [
      `corridor_id: ${corridorId}`,
      'definition_vc_path: corridor.vc.json',
      'agreement_vc_path: [agreement-a.json, agreement-b.json]',
      `participants: [${parties.map((k) => k.did).join(', ')}]`,
      '',
    ].join('\n'),
    'trust-anchors.yaml': [
      'version: 1',
      'trust_anchors:',
      ...parties.flatMap((k, i) => [`  - anchor_id: party-${i}`, '    type: did', `    identifier: ${k.did}`, `    allowed_attestations: [${i === 0 ? 'corridor_definition, ' : ''}corridor_agreement]`]),
      '',
    ].join('\n'),
    'key-rotation.yaml': 'policy:\n  rotation_days: 90\n  grace_days: 7\n  max_key_age_days: 365\n  revocation:\n    method: manual\n    uri: none\n',
  };
  const raw = (name: string) => digestRaw(new TextEncoder().encode(files[name] ?? '')).hex;
  const pin = (name: string): JsonObject => ({ artifact_type: 'blob', digest_sha256: raw(name) });
  const definition = signCredential(
    buildDefinitionCredential({
      id: `urn:msez:${corridorId}:definition`,
      issuer: parties[0]!.did,
      issuanceDate: T0,
      subject: {
        corridor_id: corridorId,
        ruleset: 'msez.corridor.state-transition.v2',
        artifacts: { corridor_manifest: pin('corridor.yaml'), trust_anchors: pin('trust-anchors.yaml'), key_rotation: pin('key-rotation.yaml') },
      },
    }),
    parties[0]!,
    { suite: 'eddsa-jcs-2022', created: T0 },
  );
  const defPayload = credentialPayloadDigest(definition);
  const agreement = (i: number, over: JsonObject = {}, signer?: SigningKey): JsonObject => {
    const party = parties[i]!;
    const vc = buildAgreementCredential({
      id: `urn:msez:${corridorId}:agreement:${i}`,
      issuer: party.did,
      issuanceDate: T0,
      subject: {
        corridor_id: corridorId,
        definition_payload_sha256: defPayload,
        participants,
        activation: { thresholds: [{ role: 'zone_authority', required: 2, of: 2 }], accept_commitments: ['agree'] },
        party: { id: party.did, role: 'zone_authority' },
        commitment: 'agree',
        ...over,
      },
    });
    return signCredential(vc, signer ?? party, { suite: 'eddsa-jcs-2022', created: T0 });
  };
  const agreements = parties.map((_, i) => agreement(i));
  files['corridor.vc.json'] = JSON.stringify(definition, null, 2);
  files['agreement-a.json'] = JSON.stringify(agreements[0], null, 2);
  files['agreement-b.json'] = JSON.stringify(agreements[1], null, 2);

  const config = parseCorridorConfig({
    corridor_id: corridorId,
    definition_payload_sha256: defPayload,
    agreement_set_sha256: agreementSetDigest(corridorId, defPayload, agreements),
    lawpack_digest_set: [hex('lawpack-1')],
    ruleset_digest_set: [hex('ruleset-transition'), hex('ruleset-verification')],
    participants,
    receipt_signing: { thresholds: [{ role: 'zone_authority', required: 2 }] },
    watchers: [watcher.did],
  });
  const corridorYaml = parseYaml(files['corridor.yaml']!, 'corridor.yaml').value;
  const activation = (list: JsonObject[] = agreements): ActivationInput => ({
    corridor: isJsonObject(corridorYaml) ? corridorYaml : {},
    definition: { name: 'corridor.vc.json', vc: definition },
    agreements: list.map((vc, i): NamedVc => ({ name: `agreement-${i}.json`, vc })),
    trustAnchors: parseTrustAnchors(parseYaml(files['trust-anchors.yaml']!, 'trust-anchors.yaml').value),
    artifactDigests: { corridor_manifest: raw('corridor.yaml'), trust_anchors: raw('trust-anchors.yaml'), key_rotation: raw('key-rotation.yaml') },
  });
  const writePackage = (dir: string): string[] => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return ['agreement-a.json', 'agreement-b.json'].map((n) => join(dir, n));
  };
  const vc = (type: string, subject: JsonObject, signers: SigningKey[] = parties, at = T0): JsonObject => {
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
  return { config, parties, watcher, outsider, definition, agreements, agreement, activation, writePackage, vc };
}
