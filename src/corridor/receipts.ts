import { MsezError, compareCodePoints, digestValue, isJsonObject, normaliseDateTime, type JsonObject, type JsonValue } from '../core/index.js';
import { verifyCredential, type VcReport } from '../vc/index.js';
import { checkEnvelopeAgainstRegistry, parseRegistrySnapshot, type RegistryResolver } from './transition-registry.js';

/**
 * Corridor configuration, genesis root and state receipts (corridors.md §4). Receipts are JSON objects
 * hashed over MCF exactly as given; msez writes both digest sets de-duplicated and sorted.
 */

export const GENESIS_TAG = 'msez.corridor.state.genesis.v1';
export const RECEIPT_TYPE = 'MSEZCorridorStateReceipt';
export const DEFAULT_TRANSITION_RULESET = 'msez.corridor.state-transition.v2';

export interface Participant {
  readonly id: string;
  readonly role: string;
}

export interface Threshold {
  readonly role: string;
  readonly required: number;
}

/**
 * What `msez corridor init` records (msez format, spec/corridors.md): the genesis inputs, the parties
 * and the receipt-signing thresholds taken from the agreement, and the registered watcher DIDs.
 */
export interface CorridorConfig {
  readonly corridor_id: string;
  readonly definition_payload_sha256: string;
  readonly agreement_set_sha256: string;
  readonly lawpack_digest_set: string[];
  readonly ruleset_digest_set: string[];
  readonly participants: Participant[];
  readonly receipt_signing: { readonly thresholds: Threshold[] };
  readonly watchers: string[];
  readonly watcher_quorum?: { readonly required: number };
}

const HEX64 = /^[0-9a-f]{64}$/;
const CONFIG_KEYS = new Set(['corridor_id', 'definition_payload_sha256', 'agreement_set_sha256', 'lawpack_digest_set', 'ruleset_digest_set', 'participants', 'receipt_signing', 'watchers', 'watcher_quorum']);

type FieldError = { path: string; message: string };

function hexList(v: JsonValue | undefined, path: string, errors: FieldError[]): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && HEX64.test(x))) {
    errors.push({ path, message: 'must be a list of 64 lowercase hex digests' });
    return [];
  }
  return sortedSet(v as string[]);
}

/** De-duplicated, code-point-sorted digest set (corridors.md §4). */
export function sortedSet(items: readonly string[]): string[] {
  return [...new Set(items)].sort(compareCodePoints);
}

/** Strips the DID URL fragment (`did:key:z…#key-1` → `did:key:z…`). */
export function didOf(id: string): string {
  const i = id.indexOf('#');
  return i < 0 ? id : id.slice(0, i);
}

/**
 * Reads a corridor configuration from untrusted JSON; every problem is reported in one SCHEMA_INVALID.
 */
export function parseCorridorConfig(value: JsonValue): CorridorConfig {
  const errors: FieldError[] = [];
  if (!isJsonObject(value)) throw new MsezError('SCHEMA_INVALID', 'corridor config must be an object', { fields: [{ path: '', message: 'not an object' }] });
  for (const k of Object.keys(value)) if (!CONFIG_KEYS.has(k)) errors.push({ path: `/${k}`, message: 'unknown field' });
  const id = value.corridor_id;
  if (typeof id !== 'string' || id === '') errors.push({ path: '/corridor_id', message: 'must be a non-empty string' });
  const def = value.definition_payload_sha256;
  if (typeof def !== 'string' || !HEX64.test(def)) errors.push({ path: '/definition_payload_sha256', message: 'must be 64 lowercase hex' });
  const agr = value.agreement_set_sha256 ?? '';
  if (typeof agr !== 'string' || (agr !== '' && !HEX64.test(agr))) errors.push({ path: '/agreement_set_sha256', message: 'must be 64 lowercase hex or ""' });
  const lawpacks = hexList(value.lawpack_digest_set ?? [], '/lawpack_digest_set', errors);
  const rulesets = hexList(value.ruleset_digest_set, '/ruleset_digest_set', errors);
  const participants: Participant[] = [];
  if (!Array.isArray(value.participants) || value.participants.length === 0) errors.push({ path: '/participants', message: 'must be a non-empty list' });
  else
    value.participants.forEach((p, i) => {
      if (!isJsonObject(p) || typeof p.id !== 'string' || !p.id.startsWith('did:') || typeof p.role !== 'string' || p.role === '') errors.push({ path: `/participants/${i}`, message: 'need {id: DID, role}' });
      else participants.push({ id: p.id, role: p.role });
    });
  const thresholds: Threshold[] = [];
  const rs = value.receipt_signing;
  if (!isJsonObject(rs) || !Array.isArray(rs.thresholds) || rs.thresholds.length === 0) errors.push({ path: '/receipt_signing/thresholds', message: 'must be a non-empty list' });
  else
    rs.thresholds.forEach((t, i) => {
      if (!isJsonObject(t) || typeof t.role !== 'string' || typeof t.required !== 'number' || !Number.isSafeInteger(t.required) || t.required < 1) errors.push({ path: `/receipt_signing/thresholds/${i}`, message: 'need {role, required ≥ 1}' });
      else thresholds.push({ role: t.role, required: t.required });
    });
  const watchers = value.watchers ?? [];
  if (!Array.isArray(watchers) || !watchers.every((w) => typeof w === 'string' && w.startsWith('did:'))) errors.push({ path: '/watchers', message: 'must be a list of DIDs' });
  const wq = value.watcher_quorum;
  if (wq !== undefined && (!isJsonObject(wq) || typeof wq.required !== 'number' || !Number.isSafeInteger(wq.required) || wq.required < 1)) errors.push({ path: '/watcher_quorum', message: 'need {required ≥ 1}' });
  if (errors.length > 0) throw new MsezError('SCHEMA_INVALID', `corridor config: ${errors[0]?.path} ${errors[0]?.message}`, { fields: errors });
  return {
    corridor_id: id as string,
    definition_payload_sha256: def as string,
    agreement_set_sha256: agr as string,
    lawpack_digest_set: lawpacks,
    ruleset_digest_set: rulesets,
    participants,
    receipt_signing: { thresholds },
    watchers: sortedSet(watchers as string[]),
    ...(isJsonObject(wq) ? { watcher_quorum: { required: wq.required as number } } : {}),
  };
}

/** The config as a JSON value (for storage and export). */
export function configToJson(c: CorridorConfig): JsonObject {
  return {
    corridor_id: c.corridor_id,
    definition_payload_sha256: c.definition_payload_sha256,
    agreement_set_sha256: c.agreement_set_sha256,
    lawpack_digest_set: [...c.lawpack_digest_set],
    ruleset_digest_set: [...c.ruleset_digest_set],
    participants: c.participants.map((p) => ({ id: p.id, role: p.role })),
    receipt_signing: { thresholds: c.receipt_signing.thresholds.map((t) => ({ role: t.role, required: t.required })) },
    watchers: [...c.watchers],
    ...(c.watcher_quorum !== undefined ? { watcher_quorum: { required: c.watcher_quorum.required } } : {}),
  };
}

/** genesis_root = sha256(MCF({tag, corridor_id, definition_payload_sha256, agreement_set_sha256, lawpack_digest_set, ruleset_digest_set})). */
export function genesisRoot(c: CorridorConfig): string {
  return digestValue({
    tag: GENESIS_TAG,
    corridor_id: c.corridor_id,
    definition_payload_sha256: c.definition_payload_sha256,
    agreement_set_sha256: c.agreement_set_sha256,
    lawpack_digest_set: sortedSet(c.lawpack_digest_set),
    ruleset_digest_set: sortedSet(c.ruleset_digest_set),
  }).hex;
}

/** next_root = sha256(MCF(receipt minus `proof` and `next_root`)), over the receipt exactly as given. */
export function computeNextRoot(receipt: JsonObject): string {
  const body: JsonObject = { ...receipt };
  delete body.proof;
  delete body.next_root;
  return digestValue(body).hex;
}

/** An `MSEZTransitionEnvelope` around a payload (corridors.md §4). */
export function transitionEnvelope(kind: string, payload: JsonValue): JsonObject {
  return { type: 'MSEZTransitionEnvelope', kind, payload, payload_sha256: digestValue(payload).hex };
}

/** Builds an unsigned receipt at (sequence, prev_root) with `next_root` filled in. */
export function proposeReceipt(c: CorridorConfig, at: { sequence: number; prev_root: string; timestamp: string; transition?: JsonObject }): JsonObject {
  const r: JsonObject = {
    type: RECEIPT_TYPE,
    corridor_id: c.corridor_id,
    sequence: at.sequence,
    timestamp: at.timestamp,
    prev_root: at.prev_root,
    lawpack_digest_set: sortedSet(c.lawpack_digest_set),
    ruleset_digest_set: sortedSet(c.ruleset_digest_set),
  };
  if (at.transition !== undefined) r.transition = at.transition;
  r.next_root = computeNextRoot(r);
  return r;
}

export type ReceiptFailure = 'CHAIN_BROKEN' | 'SIGNATURE_INVALID' | 'THRESHOLD_NOT_MET';

export interface ReceiptCheck {
  readonly ok: boolean;
  readonly code?: ReceiptFailure;
  readonly reason?: string;
  readonly signers?: string[];
}

const RECEIPT_REQUIRED = ['type', 'corridor_id', 'sequence', 'timestamp', 'prev_root', 'next_root', 'lawpack_digest_set', 'ruleset_digest_set', 'proof'];
const RECEIPT_OPTIONAL = ['transition_type_registry_digest_sha256', 'transition', 'zk', 'anchor'];
const ENVELOPE_KEYS = ['type', 'kind', 'schema', 'payload', 'payload_sha256', 'schema_digest_sha256', 'ruleset_digest_sha256', 'zk_circuit_digest_sha256', 'registry_override', 'attachments', 'meta'];
const ATTACHMENT_KEYS = ['artifact_type', 'digest_sha256', 'uri', 'media_type', 'byte_length'];
const ANCHOR_KEYS = ['chain_id', 'method', 'tx_hash', 'block_number', 'anchored_root', 'anchored_at'];
const PROOF_KEYS = ['@context', 'type', 'cryptosuite', 'created', 'verificationMethod', 'proofPurpose', 'jws', 'proofValue'];
const ARTIFACT_TYPE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const isHex = (v: JsonValue | undefined): boolean => typeof v === 'string' && HEX64.test(v);
const isNat = (v: JsonValue | undefined): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
/** RFC 3339 date-time with a valid calendar date (the MCF rule, which also bounds seconds to 00-59). */
const isDateTime = (v: JsonValue | undefined): boolean => typeof v === 'string' && normaliseDateTime(v) !== undefined;
/** Bare hex, or an ArtifactRef `{artifact_type, digest_sha256, …}` (schemas/artifact-ref.schema.json). */
const isDigestOrRef = (v: JsonValue | undefined): boolean =>
  isHex(v) || (isJsonObject(v) && typeof v.artifact_type === 'string' && ARTIFACT_TYPE.test(v.artifact_type) && isHex(v.digest_sha256));
const unknownKey = (o: JsonObject, allowed: readonly string[]): string | undefined => Object.keys(o).find((k) => !allowed.includes(k));

/**
 * The closed receipt shape, field for field what `schemas/corridor.receipt.schema.json` admits (the schema a
 * POST route validates against); returns the first problem. msez rule beyond the schema: a transition
 * envelope that carries its payload must have `payload_sha256` = sha256(MCF(payload)).
 */
function receiptShapeProblem(r: JsonObject): string | undefined {
  for (const k of RECEIPT_REQUIRED) if (!(k in r)) return `missing ${k}`;
  const extra = unknownKey(r, [...RECEIPT_REQUIRED, ...RECEIPT_OPTIONAL]);
  if (extra !== undefined) return `unknown field ${extra}`;
  if (r.type !== RECEIPT_TYPE) return `type must be ${RECEIPT_TYPE}`;
  if (typeof r.corridor_id !== 'string' || r.corridor_id === '') return 'corridor_id must be a non-empty string';
  if (!isNat(r.sequence)) return 'sequence must be an integer >= 0';
  if (!isDateTime(r.timestamp)) return 'timestamp must be an RFC 3339 date-time';
  if (!isHex(r.prev_root) || !isHex(r.next_root)) return 'prev_root and next_root must be 64 lowercase hex';
  for (const k of ['lawpack_digest_set', 'ruleset_digest_set'] as const) {
    const set = r[k];
    if (!Array.isArray(set) || !set.every(isDigestOrRef)) return `${k} must be a list of hex digests or ArtifactRefs`;
  }
  if ('transition_type_registry_digest_sha256' in r && !isHex(r.transition_type_registry_digest_sha256)) return 'transition_type_registry_digest_sha256 must be 64 lowercase hex';
  if ('transition' in r) {
    const problem = envelopeProblem(r.transition);
    if (problem !== undefined) return `transition: ${problem}`;
  }
  if ('zk' in r) {
    const zk = r.zk;
    if (!isJsonObject(zk) || typeof zk.proof_system !== 'string' || zk.proof_system === '') return 'zk must be an object with a proof_system';
    for (const k of ['circuit_digest_sha256', 'verifier_key_digest_sha256', 'proof_sha256']) if (k in zk && !isHex(zk[k])) return `zk.${k} must be 64 lowercase hex`;
  }
  if ('anchor' in r) {
    const a = r.anchor;
    if (!isJsonObject(a)) return 'anchor must be an object';
    const k = unknownKey(a, ANCHOR_KEYS);
    if (k !== undefined) return `anchor: unknown field ${k}`;
    if (('method' in a && typeof a.method !== 'string') || ('tx_hash' in a && typeof a.tx_hash !== 'string')) return 'anchor.method and anchor.tx_hash must be strings';
    if ('block_number' in a && !isNat(a.block_number)) return 'anchor.block_number must be an integer >= 0';
    if ('anchored_root' in a && !isHex(a.anchored_root)) return 'anchor.anchored_root must be 64 lowercase hex';
    if ('anchored_at' in a && !isDateTime(a.anchored_at)) return 'anchor.anchored_at must be an RFC 3339 date-time';
  }
  const proofs = Array.isArray(r.proof) ? r.proof : [r.proof];
  if (proofs.length === 0) return 'proof must not be an empty list';
  for (const p of proofs) {
    if (!isJsonObject(p)) return 'each proof must be an object';
    const k = unknownKey(p, PROOF_KEYS);
    if (k !== undefined) return `proof: unknown field ${k}`;
    if (p.type !== 'MsezEd25519Signature2025' && p.type !== 'DataIntegrityProof') return 'proof.type must be MsezEd25519Signature2025 or DataIntegrityProof';
    if ('cryptosuite' in p && p.cryptosuite !== 'eddsa-jcs-2022') return 'proof.cryptosuite must be eddsa-jcs-2022';
    if (typeof p.verificationMethod !== 'string' || !p.verificationMethod.startsWith('did:key:z') || typeof p.proofPurpose !== 'string') return 'proof needs a did:key verificationMethod and a proofPurpose';
    for (const f of ['created', 'jws', 'proofValue']) if (f in p && typeof p[f] !== 'string') return `proof.${f} must be a string`;
    if ('proofValue' in p && !String(p.proofValue).startsWith('z')) return 'proof.proofValue must be multibase (z…)';
  }
  return undefined;
}

function envelopeProblem(t: JsonValue | undefined): string | undefined {
  if (!isJsonObject(t)) return 'must be an object';
  const k = unknownKey(t, ENVELOPE_KEYS);
  if (k !== undefined) return `unknown field ${k}`;
  if (t.type !== 'MSEZTransitionEnvelope') return 'type must be MSEZTransitionEnvelope';
  if (typeof t.kind !== 'string' || t.kind === '') return 'kind must be a non-empty string';
  if (!isHex(t.payload_sha256)) return 'payload_sha256 must be 64 lowercase hex';
  if ('payload' in t && digestValue(t.payload ?? null).hex !== t.payload_sha256) return 'payload_sha256 does not match sha256(MCF(payload))';
  if ('schema' in t && typeof t.schema !== 'string') return 'schema must be a string';
  for (const f of ['schema_digest_sha256', 'ruleset_digest_sha256', 'zk_circuit_digest_sha256']) if (f in t && !isDigestOrRef(t[f])) return `${f} must be a hex digest or an ArtifactRef`;
  if ('registry_override' in t && typeof t.registry_override !== 'boolean') return 'registry_override must be a boolean';
  if ('meta' in t && !isJsonObject(t.meta)) return 'meta must be an object';
  if ('attachments' in t) {
    if (!Array.isArray(t.attachments)) return 'attachments must be a list';
    for (const a of t.attachments) {
      if (!isJsonObject(a) || unknownKey(a, ATTACHMENT_KEYS) !== undefined || !isHex(a.digest_sha256)) return 'each attachment is {digest_sha256, artifact_type?, uri?, media_type?, byte_length?}';
      if ('artifact_type' in a && !(typeof a.artifact_type === 'string' && ARTIFACT_TYPE.test(a.artifact_type))) return 'attachment artifact_type is not a valid type';
      if (('uri' in a && typeof a.uri !== 'string') || ('media_type' in a && typeof a.media_type !== 'string') || ('byte_length' in a && !isNat(a.byte_length))) return 'attachment uri/media_type/byte_length have the wrong type';
    }
  }
  return undefined;
}

/**
 * Counts signers by role and checks thresholds (corridors.md §2 step 7, §4 append step 4). Only proofs
 * that verify count, each DID once; every proof present must verify.
 */
export function checkSignatures(doc: JsonObject, participants: readonly Participant[], thresholds: readonly Threshold[]): ReceiptCheck & { report?: VcReport } {
  const report = verifyCredential(doc);
  if (report.proofs.length === 0) return { ok: false, code: 'SIGNATURE_INVALID', reason: 'no proof' };
  const bad = report.proofs.find((p) => !p.ok);
  if (bad !== undefined) return { ok: false, code: 'SIGNATURE_INVALID', reason: `proof ${bad.index}: ${bad.reason ?? 'invalid'}`, report };
  const roleOf = new Map(participants.map((p) => [didOf(p.id), p.role]));
  const signers = [...new Set(report.proofs.map((p) => p.did ?? ''))].filter((d) => d !== '');
  const outsider = signers.find((d) => !roleOf.has(d));
  if (outsider !== undefined) return { ok: false, code: 'SIGNATURE_INVALID', reason: `signer ${outsider} is not a participant`, report };
  for (const t of thresholds) {
    const n = signers.filter((d) => roleOf.get(d) === t.role).length;
    if (n < t.required) return { ok: false, code: 'THRESHOLD_NOT_MET', reason: `role ${t.role}: ${n} of ${t.required} required signature(s)`, signers, report };
  }
  return { ok: true, signers, report };
}

/**
 * Verifies one receipt against the corridor and the expected position, as an ordered pipeline
 * (corridors.md §4 "Append" and "Binding"): shape, corridor, sequence, prev_root, next_root, digest-set
 * binding, signatures, thresholds. Never throws on bad data.
 */
export function verifyReceipt(receipt: unknown, c: CorridorConfig, expected: { sequence: number; prev_root: string }, opts: { registry?: RegistryResolver } = {}): ReceiptCheck {
  const broken = (reason: string): ReceiptCheck => ({ ok: false, code: 'CHAIN_BROKEN', reason });
  if (!isJsonObject(receipt)) return broken('receipt is not an object');
  const shape = receiptShapeProblem(receipt);
  if (shape !== undefined) return broken(shape);
  if (receipt.corridor_id !== c.corridor_id) return broken('corridor_id differs');
  if (receipt.sequence !== expected.sequence) return broken(`sequence ${String(receipt.sequence)}, expected ${expected.sequence}`);
  if (receipt.prev_root !== expected.prev_root) return broken('prev_root is not the current head');
  if (typeof receipt.timestamp !== 'string') return broken('timestamp must be a string');
  let next: string;
  try {
    next = computeNextRoot(receipt);
  } catch (err) {
    return broken(`cannot canonicalise: ${(err as Error).message}`);
  }
  if (receipt.next_root !== next) return broken('next_root does not match the recomputed digest');
  const sets = (v: JsonValue | undefined): string[] | undefined =>
    Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : isJsonObject(x) && typeof x.digest_sha256 === 'string' ? x.digest_sha256 : '')) : undefined;
  const lp = sets(receipt.lawpack_digest_set);
  const rs = sets(receipt.ruleset_digest_set);
  if (lp === undefined || rs === undefined) return broken('digest sets must be lists');
  if (sortedSet(lp).join() !== sortedSet(c.lawpack_digest_set).join()) return broken('lawpack_digest_set differs from the pinned lawpacks');
  if (!c.ruleset_digest_set.every((d) => rs.includes(d))) return broken('ruleset_digest_set misses a corridor ruleset');
  const reg = registryProblem(receipt, opts.registry);
  if (reg !== undefined) return broken(reg);
  const sig = checkSignatures(receipt, c.participants, c.receipt_signing.thresholds);
  if (!sig.ok) return { ok: false, code: sig.code, reason: sig.reason };
  return { ok: true, signers: sig.signers };
}

/**
 * The transition-type registry binding (corridors.md §4): when the receipt names a registry snapshot and a
 * resolver is given, the snapshot must resolve, carry its own digest, and admit the envelope (unless
 * `registry_override`). Without a resolver the binding is not checked.
 */
function registryProblem(receipt: JsonObject, resolve: RegistryResolver | undefined): string | undefined {
  const digest = receipt.transition_type_registry_digest_sha256;
  if (resolve === undefined || typeof digest !== 'string' || !isJsonObject(receipt.transition)) return undefined;
  if (receipt.transition.registry_override === true) return undefined;
  const kind = String(receipt.transition.kind);
  let snapshot;
  try {
    const raw = resolve(digest);
    if (digestValue(raw).hex !== digest) return `transition kind ${kind}: registry snapshot ${digest} does not hash to its name`;
    snapshot = parseRegistrySnapshot(raw);
  } catch (err) {
    return `transition kind ${kind}: registry snapshot ${digest} unavailable: ${(err as Error).message}`;
  }
  const check = checkEnvelopeAgainstRegistry(receipt.transition, snapshot);
  return check.ok ? undefined : check.reason;
}
