import { MsezError, digestValue, isJsonObject, mcf, type JsonObject, type JsonValue, type Sha256Hex } from '../core/index.js';
import type { Ed25519Impl } from '../crypto/index.js';
import { credentialPayloadDigest, verifyCredential, type VcReport } from './proof.js';
import { allowedDids, stripFragment, type TrustAnchor } from './trust.js';

/**
 * Corridor definition and agreement credentials, and the activation check of corridors.md §1-2.
 * Everything here is pure: the command layer reads corridor.yaml, the VCs, trust anchors and the
 * authority-registry chain, and passes them in. Checks run in a fixed order and every failure is collected
 * (not thrown), so the report says everything that blocks activation at once.
 */

export const DEFINITION_TYPE = 'MSEZCorridorDefinitionCredential';
export const AGREEMENT_TYPE = 'MSEZCorridorAgreementCredential';
export const AUTHORITY_REGISTRY_TYPE = 'MSEZAuthorityRegistryCredential';
export const MAX_REGISTRY_DEPTH = 8;

export interface NamedVc {
  /** File name or path, for messages. */
  name: string;
  vc: JsonObject;
}

export interface ActivationInput {
  /** The parsed corridor.yaml. */
  corridor: JsonObject;
  definition: NamedVc;
  agreements: readonly NamedVc[];
  trustAnchors: readonly TrustAnchor[];
  /** Authority-registry VCs, root first, leaf last (at most 8). */
  registryChain?: readonly NamedVc[];
  /** Raw file digests of the files the definition VC pins (D16: raw bytes, as the lock does). */
  artifactDigests?: Partial<Record<'corridor_manifest' | 'trust_anchors' | 'key_rotation', Sha256Hex>>;
  impl?: Ed25519Impl;
}

export type ActivationCheck =
  | 'allow_list'
  | 'definition'
  | 'artifact_binding'
  | 'agreement_proof'
  | 'agreement_signer'
  | 'definition_binding'
  | 'pattern'
  | 'base_fields'
  | 'party_signature'
  | 'participants'
  | 'threshold_of'
  | 'lawpack_compatibility';

export interface ActivationIssue {
  check: ActivationCheck;
  file?: string;
  message: string;
}

export interface ThresholdStatus {
  role: string;
  required: number;
  of?: number;
  /** Counted parties (unique DIDs) holding this role. */
  parties: string[];
  met: boolean;
}

export interface ActivationReport {
  corridor_id: string | null;
  definition_payload_sha256: Sha256Hex;
  agreement_set_sha256: Sha256Hex | '';
  pattern: 'party-specific' | 'multi-signer' | null;
  thresholds: ThresholdStatus[];
  /** Parties counted toward thresholds: valid signature and an affirmative commitment. */
  counted: { id: string; role: string; commitment: string }[];
  /** Non-affirmative commitments, as `<partyDid>:<commitment>`. */
  blockers: string[];
  errors: ActivationIssue[];
  activated: boolean;
}

// ## Building credentials

export interface DefinitionSubject {
  corridor_id: string;
  ruleset: string;
  artifacts: { corridor_manifest: JsonObject; trust_anchors: JsonObject; key_rotation: JsonObject };
  [extra: string]: JsonValue;
}

/** An unsigned `MSEZCorridorDefinitionCredential` (sign it with signCredential). */
export function buildDefinitionCredential(opts: CredentialOptions<DefinitionSubject>): JsonObject {
  return unsignedCredential(DEFINITION_TYPE, opts);
}

interface CredentialOptions<S> {
  id: string;
  issuer: string;
  issuanceDate: string;
  subject: S;
}

/** The VC 1.1 envelope both corridor credentials share; only the type differs. */
function unsignedCredential(type: string, opts: CredentialOptions<DefinitionSubject | AgreementSubject>): JsonObject {
  return {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    id: opts.id,
    type: ['VerifiableCredential', type],
    issuer: opts.issuer,
    issuanceDate: opts.issuanceDate,
    credentialSubject: opts.subject as JsonObject,
  };
}

export interface AgreementSubject {
  corridor_id: string;
  definition_payload_sha256: string | JsonObject;
  participants: JsonObject[];
  activation: JsonObject;
  [extra: string]: JsonValue;
}

/**
 * An unsigned `MSEZCorridorAgreementCredential`. For the party-specific pattern pass `party` (and usually
 * `commitment`, `pinned_lawpacks`) in the subject and let that party sign it.
 */
export function buildAgreementCredential(opts: CredentialOptions<AgreementSubject>): JsonObject {
  return unsignedCredential(AGREEMENT_TYPE, opts);
}

/** agreement_set_sha256 = sha256(MCF({corridor_id, definition_payload_sha256, agreement_payload_sha256: sorted})). */
export function agreementSetDigest(corridorId: string, definitionPayload: string, agreements: readonly JsonObject[]): Sha256Hex | '' {
  if (agreements.length === 0) return '';
  const payloads = agreements.map((a) => credentialPayloadDigest(a) as string).sort();
  return digestValue({ corridor_id: corridorId, definition_payload_sha256: definitionPayload, agreement_payload_sha256: payloads }).hex;
}

/** The bare hex behind a digest field: hex text, an ArtifactRef `{digest_sha256}`, or legacy `{sha256}`. */
export function underlyingDigest(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v.trim().toLowerCase();
  if (isJsonObject(v)) {
    const d = v.digest_sha256 ?? v.sha256;
    if (typeof d === 'string') return d.trim().toLowerCase();
  }
  return undefined;
}

// ## Activation check

/**
 * The activation check of corridors.md §2. Never throws for a failed check; `activated` is true only when
 * every threshold is met, there is no non-affirmative commitment and no error.
 * @throws MsezError only on misuse (non-object inputs)
 */
export function checkActivation(input: ActivationInput): ActivationReport {
  const errors: ActivationIssue[] = [];
  const err = (check: ActivationCheck, message: string, file?: string): void => {
    errors.push(file === undefined ? { check, message } : { check, file, message });
  };
  const opts = input.impl === undefined ? {} : { impl: input.impl };
  const corridorId = typeof input.corridor.corridor_id === 'string' ? input.corridor.corridor_id : null;
  if (corridorId === null) err('base_fields', 'corridor.yaml has no corridor_id');

  // Allow-lists: the leaf authority registry when a chain is configured, else the trust anchors.
  const allowed = resolveAllowList(input, err, opts);

  // Definition VC (corridors.md §1).
  const def = input.definition;
  const defPayload = credentialPayloadDigest(def.vc);
  const defSubject = isJsonObject(def.vc.credentialSubject) ? def.vc.credentialSubject : {};
  if (!hasType(def.vc, DEFINITION_TYPE)) err('definition', `type must include ${DEFINITION_TYPE}`, def.name);
  if (defSubject.corridor_id !== corridorId) err('definition', 'credentialSubject.corridor_id differs from corridor.yaml', def.name);
  const defReport = verifyCredential(def.vc, opts);
  const defSigners = validSigners(defReport).filter((d) => allowed('corridor_definition').has(d));
  if (defSigners.length === 0) err('definition', 'needs at least one valid did:key proof by a signer allowed corridor_definition', def.name);
  checkArtifactPins(defSubject, input.artifactDigests ?? {}, def.name, err);

  // Agreement VCs.
  const agreements = input.agreements;
  const subjects = agreements.map((a) => (isJsonObject(a.vc.credentialSubject) ? a.vc.credentialSubject : {}));
  const signers = new Map<number, string[]>();
  agreements.forEach((a, i) => {
    if (!hasType(a.vc, AGREEMENT_TYPE)) err('agreement_proof', `type must include ${AGREEMENT_TYPE}`, a.name);
    const report = verifyCredential(a.vc, opts);
    if (!report.ok) {
      const why = report.proofs.length === 0 ? 'no proof' : report.proofs.filter((p) => !p.ok).map((p) => `proof ${p.index}: ${p.reason ?? '?'}`).join(', ');
      err('agreement_proof', `not every proof verifies (${why})`, a.name);
    }
    const valid = validSigners(report);
    for (const d of valid) if (!allowed('corridor_agreement').has(d)) err('agreement_signer', `signer ${d} is not allowed corridor_agreement`, a.name);
    signers.set(i, valid);
    // Step 2: bound to the definition payload digest.
    const s = subjects[i] as JsonObject;
    if (underlyingDigest(s.definition_payload_sha256) !== defPayload) {
      err('definition_binding', `definition_payload_sha256 does not match the definition VC payload ${defPayload}`, a.name);
    }
  });

  // Step 3: one pattern.
  const withParty = subjects.filter((s) => s.party !== undefined).length;
  let pattern: ActivationReport['pattern'] = null;
  if (agreements.length === 0) err('pattern', 'no agreement VCs');
  else if (withParty === agreements.length) pattern = 'party-specific';
  else if (withParty === 0) pattern = 'multi-signer';
  else err('pattern', 'mixed patterns: either every agreement VC has a party or none does');
  const partyIds = new Map<string, string>();
  subjects.forEach((s, i) => {
    const id = partyId(s);
    if (id === undefined) return;
    const name = (agreements[i] as NamedVc).name;
    if (partyIds.has(id)) err('pattern', `party ${id} appears in more than one agreement VC`, name);
    else partyIds.set(id, name);
  });

  // Step 4: shared base fields.
  const baseFields = ['corridor_id', 'definition_payload_sha256', 'participants', 'activation', 'terms', ...(pattern === 'multi-signer' ? ['commitment'] : [])];
  const first = subjects[0];
  if (first !== undefined) {
    if (first.corridor_id !== corridorId) err('base_fields', 'corridor_id differs from corridor.yaml', (agreements[0] as NamedVc).name);
    subjects.forEach((s, i) => {
      if (i === 0) return;
      const name = (agreements[i] as NamedVc).name;
      for (const f of baseFields) if (!sameValue(first[f], s[f])) err('base_fields', `${f} differs from ${(agreements[0] as NamedVc).name}`, name);
      if (first.definition_vc_id !== undefined && s.definition_vc_id !== undefined && !sameValue(first.definition_vc_id, s.definition_vc_id)) {
        err('base_fields', `definition_vc_id differs from ${(agreements[0] as NamedVc).name}`, name);
      }
    });
  }

  // Step 6 (roles) before 5 and 7, which use them.
  const roles = participantRoles(first?.participants);
  const corridorParticipants = participantIdsOf(input.corridor.participants);
  if (corridorParticipants.length > 0 && !sameSet(corridorParticipants, [...roles.keys()])) {
    err('participants', 'corridor.yaml participants and the agreement participants differ');
  }

  const activation = isJsonObject(first?.activation) ? first.activation : {};
  const accept = Array.isArray(activation.accept_commitments)
    ? activation.accept_commitments.filter((c): c is string => typeof c === 'string')
    : ['agree'];
  const counted = new Map<string, { role: string; commitment: string }>();
  const blockers: string[] = [];

  subjects.forEach((s, i) => {
    const a = agreements[i] as NamedVc;
    const valid = signers.get(i) ?? [];
    for (const d of valid) if (!roles.has(d)) err('participants', `signer ${d} is not a participant`, a.name);
    if (pattern === 'party-specific') {
      const id = partyId(s) as string;
      const party = s.party as JsonObject;
      // Step 5: the party VC is signed by its own DID and issued by it.
      if (!valid.includes(id)) err('party_signature', `not signed by its party ${id}`, a.name);
      if (issuerDid(a.vc) !== id) err('party_signature', `issuer is not the party ${id}`, a.name);
      const role = roles.get(id);
      if (role === undefined) err('participants', `party ${id} is not a participant`, a.name);
      else if (party.role !== undefined && party.role !== role) err('participants', `party.role ${String(party.role)} differs from the participant role ${role}`, a.name);
      const commitment = typeof s.commitment === 'string' ? s.commitment : 'agree';
      if (!accept.includes(commitment)) blockers.push(`${id}:${commitment}`);
      else if (valid.includes(id) && role !== undefined) counted.set(id, { role, commitment });
    } else if (pattern === 'multi-signer') {
      const commitment = typeof s.commitment === 'string' ? s.commitment : 'agree';
      for (const d of valid) {
        const role = roles.get(d);
        if (!accept.includes(commitment)) blockers.push(`${d}:${commitment}`);
        else if (role !== undefined) counted.set(d, { role, commitment });
      }
    }
  });

  // Step 7: thresholds per role over unique counted parties.
  const thresholds: ThresholdStatus[] = [];
  const thresholdList = Array.isArray(activation.thresholds) ? activation.thresholds : [];
  if (thresholdList.length === 0 && agreements.length > 0) err('threshold_of', 'activation.thresholds is empty');
  for (const t of thresholdList) {
    if (!isJsonObject(t) || typeof t.role !== 'string' || typeof t.required !== 'number' || t.required < 1) {
      err('threshold_of', 'each threshold needs a role and required >= 1');
      continue;
    }
    const parties = [...counted].filter(([, c]) => c.role === t.role).map(([id]) => id).sort();
    const status: ThresholdStatus = { role: t.role, required: t.required, parties, met: parties.length >= t.required };
    if (t.of !== undefined) {
      status.of = t.of as number;
      const n = [...roles.values()].filter((r) => r === t.role).length;
      if (t.of !== n) err('threshold_of', `threshold ${t.role}: of=${String(t.of)} but ${n} participants hold that role`);
    }
    thresholds.push(status);
  }

  // Step 8: lawpack compatibility.
  checkLawpacks(defSubject, pattern, subjects, agreements, roles, err);

  const agreementSet = corridorId === null ? '' : agreementSetDigest(corridorId, defPayload, agreements.map((a) => a.vc));
  const activated = errors.length === 0 && blockers.length === 0 && thresholds.length > 0 && thresholds.every((t) => t.met);
  return {
    corridor_id: corridorId,
    definition_payload_sha256: defPayload,
    agreement_set_sha256: agreementSet,
    pattern,
    thresholds,
    counted: [...counted].map(([id, c]) => ({ id, ...c })).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    blockers,
    errors,
    activated,
  };
}

// ## Helpers

type Err = (check: ActivationCheck, message: string, file?: string) => void;

/**
 * The signers allowed each attestation. With an authority-registry chain (root first): every registry VC
 * must have a valid proof by its issuer; the root's issuer must be a trust anchor allowed
 * `authority_registry` (msez rule); each child's issuer must be allowed `authority_registry` (or `*`) by its
 * parent; the leaf's `authorities` is the effective allow-list.
 */
function resolveAllowList(input: ActivationInput, err: Err, opts: { impl?: Ed25519Impl }): (attestation: string) => Set<string> {
  const chain = input.registryChain ?? [];
  if (chain.length === 0) {
    if (input.trustAnchors.length === 0) err('allow_list', 'no trust anchors: no signer can be authorised');
    return (att) => new Set(allowedDids(input.trustAnchors, att));
  }
  if (chain.length > MAX_REGISTRY_DEPTH) err('allow_list', `authority-registry chain is longer than ${MAX_REGISTRY_DEPTH}`);
  chain.forEach((r, i) => {
    const issuer = issuerDid(r.vc);
    const report = verifyCredential(r.vc, opts);
    if (issuer === undefined || !validSigners(report).includes(issuer)) err('allow_list', 'authority registry needs a valid proof by its issuer', r.name);
    if (i === 0) {
      if (issuer === undefined || !allowedDids(input.trustAnchors, 'authority_registry').includes(issuer)) {
        err('allow_list', 'the root registry issuer is not a trust anchor allowed authority_registry', r.name);
      }
    } else {
      const parent = registryAuthorities(chain[i - 1]?.vc);
      const delegates = new Set([...(parent.get('authority_registry') ?? []), ...(parent.get('*') ?? [])]);
      if (issuer === undefined || !delegates.has(issuer)) err('allow_list', `issuer is not allowed authority_registry by ${chain[i - 1]?.name ?? '?'}`, r.name);
    }
  });
  const leaf = registryAuthorities(chain[chain.length - 1]?.vc);
  return (att) => new Set([...(leaf.get(att) ?? []), ...(leaf.get('*') ?? [])]);
}

function registryAuthorities(vc: JsonObject | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const subject = vc !== undefined && isJsonObject(vc.credentialSubject) ? vc.credentialSubject : {};
  const list = Array.isArray(subject.authorities) ? subject.authorities : [];
  for (const a of list) {
    if (!isJsonObject(a) || typeof a.did !== 'string') continue;
    const atts = Array.isArray(a.allowed_attestations) ? a.allowed_attestations : [];
    for (const att of atts) {
      if (typeof att !== 'string') continue;
      const set = out.get(att) ?? new Set<string>();
      set.add(stripFragment(a.did));
      out.set(att, set);
    }
  }
  return out;
}

const PINNED_FILES = ['corridor_manifest', 'trust_anchors', 'key_rotation'] as const;

function checkArtifactPins(subject: JsonObject, digests: NonNullable<ActivationInput['artifactDigests']>, file: string, err: Err): void {
  const artifacts = isJsonObject(subject.artifacts) ? subject.artifacts : undefined;
  if (artifacts === undefined) return err('artifact_binding', 'credentialSubject.artifacts is missing', file);
  for (const k of PINNED_FILES) {
    const pinned = underlyingDigest(artifacts[k]);
    const actual = digests[k];
    if (pinned === undefined) err('artifact_binding', `artifacts.${k} has no digest`, file);
    else if (actual !== undefined && pinned !== actual) err('artifact_binding', `artifacts.${k} pins ${pinned} but the file hashes to ${actual}`, file);
  }
}

function checkLawpacks(
  def: JsonObject,
  pattern: ActivationReport['pattern'],
  subjects: JsonObject[],
  agreements: readonly NamedVc[],
  roles: Map<string, string>,
  err: Err,
): void {
  const compat = def.lawpack_compatibility;
  if (!isJsonObject(compat)) return;
  const required = Array.isArray(compat.required_domains) ? compat.required_domains.filter((d): d is string => typeof d === 'string') : [];
  const allowedList = Array.isArray(compat.allowed) ? compat.allowed.filter(isJsonObject) : [];
  const allowedFor = (j: JsonValue | undefined, d: JsonValue | undefined): Set<string> | undefined => {
    const entry = allowedList.find((a) => a.jurisdiction_id === j && a.domain === d);
    if (entry === undefined) return undefined;
    const ds = Array.isArray(entry.digests_sha256) ? entry.digests_sha256 : [];
    return new Set(ds.map((x) => underlyingDigest(x)).filter((x): x is string => x !== undefined));
  };
  subjects.forEach((s, i) => {
    const name = (agreements[i] as NamedVc).name;
    const pins = Array.isArray(s.pinned_lawpacks) ? s.pinned_lawpacks.filter(isJsonObject) : [];
    if (pattern === 'party-specific') {
      const domains = new Set(pins.map((p) => p.domain));
      for (const d of required) if (!domains.has(d)) err('lawpack_compatibility', `pinned_lawpacks do not cover required domain ${d}`, name);
    }
    if (allowedList.length > 0) {
      for (const p of pins) {
        const digest = underlyingDigest(p.lawpack_digest_sha256);
        const ok = allowedFor(p.jurisdiction_id, p.domain);
        if (digest === undefined || ok === undefined || !ok.has(digest)) {
          err('lawpack_compatibility', `pinned lawpack ${String(p.jurisdiction_id)}/${String(p.domain)} is not in the allowed list`, name);
        }
      }
    }
  });
  if (pattern === 'party-specific') {
    const covered = new Set(subjects.map(partyId));
    for (const id of roles.keys()) if (!covered.has(id) && required.length > 0) err('lawpack_compatibility', `participant ${id} has no agreement VC pinning lawpacks`);
  }
}

function validSigners(report: VcReport): string[] {
  return [...new Set(report.proofs.filter((p) => p.ok && p.did !== undefined).map((p) => p.did as string))];
}

function hasType(vc: JsonObject, type: string): boolean {
  return Array.isArray(vc.type) ? vc.type.includes(type) : vc.type === type;
}

function partyId(s: JsonObject): string | undefined {
  return isJsonObject(s.party) && typeof s.party.id === 'string' ? stripFragment(s.party.id) : undefined;
}

function issuerDid(vc: JsonObject): string | undefined {
  const issuer = vc.issuer;
  if (typeof issuer === 'string') return stripFragment(issuer);
  if (isJsonObject(issuer) && typeof issuer.id === 'string') return stripFragment(issuer.id);
  return undefined;
}

function participantRoles(participants: JsonValue | undefined): Map<string, string> {
  const roles = new Map<string, string>();
  if (!Array.isArray(participants)) return roles;
  for (const p of participants) {
    if (isJsonObject(p) && typeof p.id === 'string' && typeof p.role === 'string') roles.set(stripFragment(p.id), p.role);
  }
  return roles;
}

function participantIdsOf(v: JsonValue | undefined): string[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((p) => {
    if (typeof p === 'string') return [stripFragment(p)];
    if (isJsonObject(p)) {
      const id = p.id ?? p.did;
      return typeof id === 'string' ? [stripFragment(id)] : [];
    }
    return [];
  });
}

function sameSet(a: string[], b: string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  try {
    return Buffer.from(mcf(a)).equals(Buffer.from(mcf(b)));
  } catch (cause) {
    throw new MsezError('SCHEMA_INVALID', 'agreement field cannot be canonicalised', {}, { cause });
  }
}
