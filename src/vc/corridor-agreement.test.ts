import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/index.js';
import {
  buildAgreementCredential,
  buildDefinitionCredential,
  checkActivation,
  credentialPayloadDigest,
  signCredential,
  signingKeyFromSeed,
  type ActivationInput,
  type SigningKey,
  type TrustAnchor,
} from './index.js';

const created = '2025-01-01T00:00:00Z';
const key = (n: number): SigningKey => signingKeyFromSeed(new Uint8Array(32).fill(n));
const zoneA = key(1);
const zoneB = key(2);
const maintainer = key(3);
const outsider = key(4);
const root = key(5);
const H = (c: string): string => c.repeat(64);

const anchors = (dids: [string, string[]][]): TrustAnchor[] =>
  dids.map(([did, allowed], i) => ({ anchor_id: `a${i}`, type: 'did', identifier: did, allowed_attestations: allowed }));

function definition(signer = maintainer, extra: JsonObject = {}): JsonObject {
  const vc = buildDefinitionCredential({
    id: 'urn:msez:corridor:pk-ae:definition',
    issuer: signer.did,
    issuanceDate: created,
    subject: {
      corridor_id: 'org.momentum.msez.corridor.pk-ae',
      ruleset: 'msez.corridor.verification.v1',
      artifacts: {
        corridor_manifest: { artifact_type: 'blob', digest_sha256: H('a') },
        trust_anchors: { path: 'trust-anchors.yaml', sha256: H('b') },
        key_rotation: { artifact_type: 'blob', digest_sha256: H('c') },
      },
      ...extra,
    },
  });
  return signCredential(vc, signer, { suite: 'eddsa-jcs-2022', created });
}

function agreement(party: SigningKey, def: JsonObject, over: JsonObject = {}, signer: SigningKey = party): JsonObject {
  const vc = buildAgreementCredential({
    id: `urn:msez:agreement:${party.did.slice(-6)}`,
    issuer: party.did,
    issuanceDate: created,
    subject: {
      corridor_id: 'org.momentum.msez.corridor.pk-ae',
      definition_payload_sha256: credentialPayloadDigest(def),
      participants: [
        { id: zoneA.did, role: 'zone_authority' },
        { id: zoneB.did, role: 'zone_authority' },
      ],
      activation: { thresholds: [{ role: 'zone_authority', required: 2, of: 2 }], accept_commitments: ['agree'] },
      party: { id: party.did, role: 'zone_authority' },
      commitment: 'agree',
      ...over,
    },
  });
  return signCredential(vc, signer, { suite: 'msez-2025', created });
}

function input(over: Partial<ActivationInput> = {}): ActivationInput {
  const def = definition();
  return {
    corridor: { corridor_id: 'org.momentum.msez.corridor.pk-ae', participants: [zoneA.did, zoneB.did] },
    definition: { name: 'corridor.vc.json', vc: def },
    agreements: [
      { name: 'a.json', vc: agreement(zoneA, def) },
      { name: 'b.json', vc: agreement(zoneB, def) },
    ],
    trustAnchors: anchors([
      [maintainer.did, ['corridor_definition']],
      [zoneA.did, ['corridor_agreement']],
      [zoneB.did, ['*']],
      [root.did, ['authority_registry']],
    ]),
    artifactDigests: { corridor_manifest: H('a') as never, trust_anchors: H('b') as never, key_rotation: H('c') as never },
    ...over,
  };
}

describe('corridor activation (corridors.md §2)', () => {
  it('2-of-2 zone_authority, party-specific: activation holds', () => {
    const r = checkActivation(input());
    expect(r.errors).toEqual([]);
    expect(r.pattern).toBe('party-specific');
    expect(r.thresholds).toEqual([{ role: 'zone_authority', required: 2, of: 2, parties: [zoneA.did, zoneB.did].sort(), met: true }]);
    expect(r.activated).toBe(true);
    expect(r.agreement_set_sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it('one party missing: threshold not met, no error', () => {
    const i = input();
    const r = checkActivation({ ...i, agreements: i.agreements.slice(0, 1) });
    expect(r.errors).toEqual([]);
    expect(r.thresholds[0]?.met).toBe(false);
    expect(r.activated).toBe(false);
  });
  it('a non-affirmative commitment is a blocker <did>:<commitment>', () => {
    const i = input();
    const r = checkActivation({ ...i, agreements: [i.agreements[0]!, { name: 'b.json', vc: agreement(zoneB, i.definition.vc, { commitment: 'reject' }) }] });
    expect(r.blockers).toEqual([`${zoneB.did}:reject`]);
    expect(r.activated).toBe(false);
  });
  it('the same party twice counts once and is an error', () => {
    const i = input();
    const r = checkActivation({ ...i, agreements: [i.agreements[0]!, { ...i.agreements[0]!, name: 'dup.json' }] });
    expect(r.errors.map((e) => e.check)).toContain('pattern');
    expect(r.thresholds[0]?.parties).toEqual([zoneA.did]);
  });
  it('a party VC signed by someone else fails party_signature', () => {
    const i = input();
    const r = checkActivation({ ...i, agreements: [i.agreements[0]!, { name: 'b.json', vc: agreement(zoneB, i.definition.vc, {}, zoneA) }] });
    expect(r.errors.map((e) => e.check)).toContain('party_signature');
    expect(r.activated).toBe(false);
  });
  it('an agreement bound to another definition payload fails definition_binding', () => {
    const i = input();
    const r = checkActivation({ ...i, agreements: [i.agreements[0]!, { name: 'b.json', vc: agreement(zoneB, i.definition.vc, { definition_payload_sha256: H('d') }) }] });
    expect(r.errors.map((e) => e.check)).toEqual(expect.arrayContaining(['definition_binding', 'base_fields']));
  });
  it('a tampered agreement VC fails agreement_proof', () => {
    const i = input();
    const bad = structuredClone(i.agreements[1]!.vc);
    (bad.credentialSubject as JsonObject).terms = 'changed';
    const r = checkActivation({ ...i, agreements: [i.agreements[0]!, { name: 'b.json', vc: bad }] });
    expect(r.errors.map((e) => e.check)).toContain('agreement_proof');
  });
  it('signers outside the allow-list fail (agreement and definition)', () => {
    const r = checkActivation(input({ trustAnchors: anchors([[zoneA.did, ['corridor_agreement']]]) }));
    expect(r.errors.map((e) => e.check)).toEqual(expect.arrayContaining(['agreement_signer', 'definition']));
  });
  it('threshold `of` must equal the participants holding the role', () => {
    const i = input();
    const over = { activation: { thresholds: [{ role: 'zone_authority', required: 2, of: 3 }] } };
    const r = checkActivation({
      ...i,
      agreements: [
        { name: 'a.json', vc: agreement(zoneA, i.definition.vc, over) },
        { name: 'b.json', vc: agreement(zoneB, i.definition.vc, over) },
      ],
    });
    expect(r.errors.map((e) => e.check)).toEqual(['threshold_of']);
  });
  it('corridor.yaml participants must match, and pins must match the files', () => {
    const r = checkActivation(input({ corridor: { corridor_id: 'org.momentum.msez.corridor.pk-ae', participants: [zoneA.did, outsider.did] } }));
    expect(r.errors.map((e) => e.check)).toContain('participants');
    const r2 = checkActivation(input({ artifactDigests: { corridor_manifest: H('f') as never } }));
    expect(r2.errors.map((e) => e.check)).toEqual(['artifact_binding']);
  });
  it('multi-signer pattern: one VC co-signed by both parties', () => {
    const i = input();
    const base = agreement(zoneA, i.definition.vc);
    const subject = { ...(base.credentialSubject as JsonObject) };
    delete subject.party;
    let vc: JsonObject = { ...base, credentialSubject: subject };
    delete vc.proof;
    vc = signCredential(signCredential(vc, zoneA, { suite: 'eddsa-jcs-2022', created }), zoneB, { suite: 'eddsa-jcs-2022', created });
    const r = checkActivation({ ...i, agreements: [{ name: 'multi.json', vc }] });
    expect(r.errors).toEqual([]);
    expect(r.pattern).toBe('multi-signer');
    expect(r.activated).toBe(true);
  });
  it('lawpack_compatibility: required domains and allowed digests', () => {
    const def = definition(maintainer, {
      lawpack_compatibility: { required_domains: ['civil'], allowed: [{ jurisdiction_id: 'pk', domain: 'civil', digests_sha256: [H('1')] }] },
    });
    const pin = (d: string): JsonObject => ({ pinned_lawpacks: [{ jurisdiction_id: 'pk', domain: 'civil', lawpack_digest_sha256: d }] });
    const ok = checkActivation(
      input({ definition: { name: 'd', vc: def }, agreements: [{ name: 'a', vc: agreement(zoneA, def, pin(H('1'))) }, { name: 'b', vc: agreement(zoneB, def, pin(H('1'))) }] }),
    );
    expect(ok.errors).toEqual([]);
    const bad = checkActivation(
      input({ definition: { name: 'd', vc: def }, agreements: [{ name: 'a', vc: agreement(zoneA, def, pin(H('2'))) }, { name: 'b', vc: agreement(zoneB, def, {}) }] }),
    );
    expect(bad.errors.filter((e) => e.check === 'lawpack_compatibility')).toHaveLength(2);
  });
  it('authority-registry chain: root delegates to a leaf whose authorities are the allow-list', () => {
    const leafIssuer = key(6);
    const registry = (issuer: SigningKey, authorities: JsonObject[]): JsonObject =>
      signCredential(
        { type: ['VerifiableCredential', 'MSEZAuthorityRegistryCredential'], issuer: issuer.did, credentialSubject: { authorities } },
        issuer,
        { suite: 'eddsa-jcs-2022', created },
      );
    const rootVc = registry(root, [{ did: leafIssuer.did, allowed_attestations: ['authority_registry'] }]);
    const leafVc = registry(leafIssuer, [
      { did: maintainer.did, allowed_attestations: ['corridor_definition'] },
      { did: zoneA.did, allowed_attestations: ['corridor_agreement'] },
      { did: zoneB.did, allowed_attestations: ['*'] },
    ]);
    const chain = [
      { name: 'root.json', vc: rootVc },
      { name: 'leaf.json', vc: leafVc },
    ];
    expect(checkActivation(input({ registryChain: chain })).activated).toBe(true);
    // A leaf not delegated by the root breaks the chain.
    const rogue = registry(outsider, [{ did: zoneA.did, allowed_attestations: ['*'] }]);
    const r = checkActivation(input({ registryChain: [chain[0]!, { name: 'rogue.json', vc: rogue }] }));
    expect(r.errors.map((e) => e.check)).toContain('allow_list');
    // A root not anchored is refused.
    const r2 = checkActivation(input({ registryChain: chain, trustAnchors: [] }));
    expect(r2.errors.map((e) => e.check)).toContain('allow_list');
  });
});
