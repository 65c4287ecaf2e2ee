import { MsezError, compareCodePoints, digestValue, isJsonObject, type JsonObject, type JsonValue } from '../core/index.js';

/**
 * The transition-type registry (corridors.md §4, design D16): a snapshot object mapping each transition
 * kind to its digest references; its name is sha256(MCF(snapshot)). A receipt that carries
 * `transition_type_registry_digest_sha256` binds its transition envelope to that snapshot.
 */

export const REGISTRY_SNAPSHOT_TAG = 'msez.transition-types.registry.snapshot.v1';
export const REGISTRY_ARTIFACT_TYPE = 'transition-types';
export const REGISTRY_DIGEST_FIELDS = ['schema_digest_sha256', 'ruleset_digest_sha256', 'zk_circuit_digest_sha256'] as const;
export type RegistryDigestField = (typeof REGISTRY_DIGEST_FIELDS)[number];

/** A digest reference: bare hex, or an ArtifactRef `{artifact_type, digest_sha256, …}`. */
export type DigestRef = string | JsonObject;

export interface TransitionTypeEntry {
  kind: string;
  schema_digest_sha256?: DigestRef;
  ruleset_digest_sha256?: DigestRef;
  zk_circuit_digest_sha256?: DigestRef;
}

export interface RegistrySnapshot {
  tag: typeof REGISTRY_SNAPSHOT_TAG;
  registry_version: number;
  transition_types: TransitionTypeEntry[];
}

export interface RegistryLock {
  transition_types_lock_version: 1;
  source?: { registry_path: string; registry_sha256: string };
  snapshot: RegistrySnapshot;
  snapshot_digest_sha256: string;
}

const HEX = /^[0-9a-f]{64}$/;
const ARTIFACT_TYPE = /^[a-z0-9][a-z0-9-]{0,63}$/;

function isDigestRef(v: JsonValue | undefined): v is DigestRef {
  return (typeof v === 'string' && HEX.test(v)) || (isJsonObject(v) && typeof v.artifact_type === 'string' && ARTIFACT_TYPE.test(v.artifact_type) && typeof v.digest_sha256 === 'string' && HEX.test(v.digest_sha256));
}

/** The underlying hex digest of a reference. */
export function refDigest(ref: DigestRef): string {
  return typeof ref === 'string' ? ref : String(ref.digest_sha256);
}

function parseEntry(v: JsonValue, where: string): TransitionTypeEntry {
  if (!isJsonObject(v)) throw new MsezError('VALIDATION_FAILED', `${where} must be an object`, { where });
  if (typeof v.kind !== 'string' || v.kind === '') throw new MsezError('VALIDATION_FAILED', `${where}.kind must be a non-empty string`, { where });
  const e: TransitionTypeEntry = { kind: v.kind };
  for (const f of REGISTRY_DIGEST_FIELDS) {
    if (!(f in v)) continue;
    const d = v[f];
    if (!isDigestRef(d)) throw new MsezError('VALIDATION_FAILED', `${where}.${f} must be 64 lowercase hex or an ArtifactRef`, { where, field: f });
    e[f] = d;
  }
  return e;
}

/**
 * Builds a snapshot: entries sorted by kind (code points); a kind listed twice is refused.
 * @throws MsezError VALIDATION_FAILED
 */
export function buildRegistrySnapshot(entries: readonly JsonValue[], registryVersion = 1): RegistrySnapshot {
  if (!Number.isSafeInteger(registryVersion) || registryVersion < 1) throw new MsezError('VALIDATION_FAILED', 'registry_version must be an integer >= 1', { registry_version: registryVersion });
  const parsed = entries.map((e, i) => parseEntry(e, `transition_types[${i}]`));
  parsed.sort((a, b) => compareCodePoints(a.kind, b.kind));
  parsed.forEach((e, i) => {
    if (i > 0 && parsed[i - 1]?.kind === e.kind) throw new MsezError('VALIDATION_FAILED', `transition kind ${e.kind} is listed twice`, { kind: e.kind });
  });
  return { tag: REGISTRY_SNAPSHOT_TAG, registry_version: registryVersion, transition_types: parsed };
}

/** Reads a snapshot object (e.g. resolved from the CAS). @throws MsezError VALIDATION_FAILED */
export function parseRegistrySnapshot(v: JsonValue): RegistrySnapshot {
  if (!isJsonObject(v) || v.tag !== REGISTRY_SNAPSHOT_TAG) throw new MsezError('VALIDATION_FAILED', `registry snapshot must have tag ${REGISTRY_SNAPSHOT_TAG}`);
  if (!Array.isArray(v.transition_types)) throw new MsezError('VALIDATION_FAILED', 'registry snapshot transition_types must be a list');
  const version = v.registry_version;
  if (typeof version !== 'number') throw new MsezError('VALIDATION_FAILED', 'registry snapshot registry_version must be an integer');
  return buildRegistrySnapshot(v.transition_types, version);
}

export function snapshotToJson(s: RegistrySnapshot): JsonObject {
  return { tag: s.tag, registry_version: s.registry_version, transition_types: s.transition_types.map((e) => ({ ...e })) };
}

/** sha256(MCF(snapshot)) — the snapshot's CAS name. */
export function registrySnapshotDigest(s: RegistrySnapshot): string {
  return digestValue(snapshotToJson(s)).hex;
}

export function buildRegistryLock(s: RegistrySnapshot, source?: { registry_path: string; registry_sha256: string }): RegistryLock {
  return { transition_types_lock_version: 1, ...(source !== undefined ? { source } : {}), snapshot: s, snapshot_digest_sha256: registrySnapshotDigest(s) };
}

export function lockToJson(l: RegistryLock): JsonObject {
  return {
    transition_types_lock_version: l.transition_types_lock_version,
    ...(l.source !== undefined ? { source: { ...l.source } } : {}),
    snapshot: snapshotToJson(l.snapshot),
    snapshot_digest_sha256: l.snapshot_digest_sha256,
  };
}

export type RegistryFailure = 'KIND_UNKNOWN' | 'DIGEST_MISMATCH';

export interface RegistryCheck {
  ok: boolean;
  /** true when the envelope set `registry_override` and the registry was not consulted. */
  overridden?: boolean;
  failure?: RegistryFailure;
  field?: RegistryDigestField;
  reason?: string;
}

/**
 * Checks a transition envelope against a snapshot: its kind must be registered and every digest reference it
 * carries must equal the registry's for that kind (compared by underlying digest). `registry_override: true`
 * skips the check. References the envelope omits are taken from the registry.
 */
export function checkEnvelopeAgainstRegistry(envelope: JsonObject, snapshot: RegistrySnapshot): RegistryCheck {
  if (envelope.registry_override === true) return { ok: true, overridden: true };
  const kind = typeof envelope.kind === 'string' ? envelope.kind : '';
  const entry = snapshot.transition_types.find((e) => e.kind === kind);
  if (entry === undefined) return { ok: false, failure: 'KIND_UNKNOWN', reason: `transition kind ${kind} is not in the transition-type registry` };
  for (const f of REGISTRY_DIGEST_FIELDS) {
    const given = envelope[f];
    if (given === undefined) continue;
    const expected = entry[f];
    const got = isDigestRef(given) ? refDigest(given) : '';
    if (expected === undefined || refDigest(expected) !== got) {
      return {
        ok: false,
        failure: 'DIGEST_MISMATCH',
        field: f,
        reason: `transition kind ${kind}: ${f} ${got} differs from the registry (${expected === undefined ? 'none registered' : refDigest(expected)})`,
      };
    }
  }
  return { ok: true };
}

/** Resolves a registry snapshot by its digest (the command layer passes a CAS lookup). */
export type RegistryResolver = (digest: string) => JsonValue;
