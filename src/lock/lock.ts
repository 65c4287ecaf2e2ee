import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  MsezError,
  compareCodePoints,
  decodeUtf8,
  digestRaw,
  isJsonObject,
  isSha256Hex,
  mcf,
  normaliseDateTime,
  parseJson,
  parseYaml,
  readFileBytes,
  type JsonObject,
  type JsonValue,
} from '../core/index.js';
import { assertNoIssues, validateAgainst } from '../schema/index.js';
import { STACK_SPEC_VERSION, inside, relPath, type CorridorInfo, type Workspace, type ZoneInfo } from '../zone/index.js';
import type { CorridorActivationCheck } from './activation.js';
import { contentSha256 } from './content.js';
import { serializeLock } from './format.js';
import { MISSING, lawpackEntry, licensepackEntry, regpackEntry, regpackPin } from './packs.js';

export interface LockOptions {
  /** Refuse `MISSING` pack entries (MISSING_IN_STRICT) and a lock without a time source. */
  readonly strict: boolean;
  /** `--generated-at`: any RFC 3339 date-time (canonical.md §4); normalised to `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly generatedAt?: string;
  /** SOURCE_DATE_EPOCH already formatted, when the environment sets it. */
  readonly sourceDateEpoch?: string;
  /** The current time, used only in non-strict mode when nothing else supplies `generated_at`. */
  readonly now?: string;
  /** Output path; default `<zone dir>/<lockfile_path or stack.lock>`. */
  readonly out?: string;
  /** `--emit-artifactrefs`: pack digests as typed ArtifactRefs, corridor file digests as `blob` refs (step 11). */
  readonly emitArtifactRefs?: boolean;
  /**
   * The corridors.md §2 activation check (src/vc, injected because vc sits above lock). Required only when
   * a zone corridor names agreement VCs; without it such a lock fails with INTERNAL rather than guess.
   */
  readonly activation?: CorridorActivationCheck;
}

export interface LockResult {
  readonly lock: JsonObject;
  /** MCF bytes + one `\n` (canonical-json). */
  readonly bytes: Uint8Array;
  readonly path: string;
}

/** The output path of a zone's lock (formats.md §5 step 3). */
export function lockPathOf(zone: ZoneInfo, out?: string): string {
  if (out !== undefined) return resolve(out);
  const rel = typeof zone.doc.value.lockfile_path === 'string' ? zone.doc.value.lockfile_path : 'stack.lock';
  return resolve(zone.doc.dir, rel);
}

/** `generated_at` of an existing lock file, or undefined when absent, unreadable or invalid. */
export function existingGeneratedAt(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const v = parseYaml(decodeUtf8(readFileBytes(path), path), path).value;
    if (!isJsonObject(v) || typeof v.generated_at !== 'string') return undefined;
    return normaliseDateTime(v.generated_at);
  } catch {
    return undefined;
  }
}

function resolveGeneratedAt(path: string, opts: LockOptions): string {
  if (opts.generatedAt !== undefined) {
    const t = normaliseDateTime(opts.generatedAt);
    if (t === undefined) throw new MsezError('USAGE', `--generated-at ${JSON.stringify(opts.generatedAt)} is not an RFC 3339 date-time`);
    return t;
  }
  const existing = existingGeneratedAt(path);
  if (existing !== undefined) return existing;
  if (opts.sourceDateEpoch !== undefined) return opts.sourceDateEpoch;
  if (opts.strict || opts.now === undefined) {
    throw new MsezError('MISSING_IN_STRICT', 'no generated_at: pass --generated-at, set SOURCE_DATE_EPOCH, or keep an existing lock', { path });
  }
  return opts.now;
}

/**
 * Computes a zone's stack.lock (formats.md §5, D14, D16). Reads only; writing is the caller's choice.
 * Nothing here depends on the clock, the locale or the environment: the caller passes times in.
 */
export function computeLock(ws: Workspace, zone: ZoneInfo, opts: LockOptions): LockResult {
  const z = zone.doc.value;
  assertNoIssues(validateAgainst('zone', z), zone.doc.parsed, zone.doc.rel);
  const profile = ws.profiles.get(zone.profileId);
  if (profile === undefined) {
    const at = zone.doc.parsed.locate('/profile/profile_id');
    throw new MsezError('PROFILE_NOT_FOUND', `${zone.doc.rel}:${at.line}:${at.col}: no profile declares profile_id ${zone.profileId}`, {
      file: zone.doc.rel,
      ...at,
      profile_id: zone.profileId,
    });
  }
  const path = lockPathOf(zone, opts.out);
  const generated_at = resolveGeneratedAt(path, opts);

  const modules: JsonValue[] = profile.modules.map((entry) => {
    const m = ws.modules.get(entry.module_id);
    if (m === undefined) {
      const at = profile.doc.parsed.locate(`/modules/${entry.index}/module_id`);
      throw new MsezError('MODULE_NOT_FOUND', `${profile.doc.rel}:${at.line}:${at.col}: no module declares module_id ${entry.module_id}`, {
        file: profile.doc.rel,
        ...at,
        module_id: entry.module_id,
      });
    }
    return {
      module_id: m.id,
      version: m.version,
      variant: entry.variant,
      params: entry.params,
      manifest_sha256: digestRaw(m.doc.bytes).hex,
      content_sha256: contentSha256(m.doc.dir, ws.root),
      provides: Array.isArray(m.doc.value.provides) ? m.doc.value.provides : [],
    };
  });

  const overlays: JsonValue[] = (Array.isArray(z.overlays) ? z.overlays : []).flatMap((o) => {
    if (!isJsonObject(o)) return [];
    const patches = (Array.isArray(o.patches) ? o.patches : []).map((p) => {
      const file = resolve(zone.doc.dir, String(p));
      // D16: MISSING is admitted only for pack entries; an absent patch is an input error.
      if (!existsSync(file)) throw new MsezError('FILE_NOT_FOUND', `${zone.doc.rel}: overlay patch ${String(p)} does not exist`, { path: String(p) });
      return digestRaw(readFileBytes(file)).hex;
    });
    return [{ module_id: String(o.module_id), patches_sha256: patches }];
  });

  const stack = Array.isArray(z.jurisdiction_stack) ? z.jurisdiction_stack.map(String) : [zone.jurisdictionId];
  const lawDomains = Array.isArray(z.lawpack_domains) ? z.lawpack_domains.map(String) : ['civil', 'financial'];
  const lawpacks: JsonValue[] = stack.flatMap((jid) => lawDomains.map((d) => lawpackEntry(ws.root, jid, d)));

  const corridors: JsonValue[] = zone.corridors.map((id, i) => {
    const c = ws.corridors.get(id);
    if (c === undefined) {
      const at = zone.doc.parsed.locate(`/corridors/${i}`);
      throw new MsezError('CORRIDOR_UNRESOLVED', `${zone.doc.rel}:${at.line}:${at.col}: no corridor module declares corridor_id ${id}`, {
        file: zone.doc.rel,
        ...at,
        corridor_id: id,
      });
    }
    return corridorEntry(ws.root, c, opts);
  });

  const lock: JsonObject = {
    stack_spec_version: STACK_SPEC_VERSION,
    generated_at,
    zone_id: zone.id,
    profile: { profile_id: zone.profileId, version: zone.profileVersion },
    modules,
    overlays,
    lawpacks: opts.emitArtifactRefs === true ? packRefs(lawpacks, 'lawpack') : lawpacks,
    corridors,
  };
  // D14: licensepacks[] and regpacks[] are emitted when the zone names them.
  if (Array.isArray(z.licensepack_domains)) {
    const entries: JsonValue[] = stack.flatMap((jid) => (z.licensepack_domains as JsonValue[]).map((d) => licensepackEntry(ws.root, jid, String(d))));
    lock.licensepacks = opts.emitArtifactRefs === true ? packRefs(entries, 'licensepack') : entries;
  }
  if (Array.isArray(z.regpack_domains) || Array.isArray(z.regpacks)) {
    const byDomain = Array.isArray(z.regpack_domains) ? stack.flatMap((jid) => (z.regpack_domains as JsonValue[]).map((d) => regpackEntry(ws.root, jid, String(d)))) : [];
    const pins = (Array.isArray(z.regpacks) ? z.regpacks : []).filter(isJsonObject).map((p) => regpackPin(p));
    const entries: JsonValue[] = [...byDomain, ...pins];
    lock.regpacks = opts.emitArtifactRefs === true ? packRefs(entries, 'regpack') : entries;
  }
  if (opts.strict) {
    const missing = findMissing(lock, '');
    const first = missing[0];
    if (first !== undefined) {
      // Point at the zone field that asked for the pack (lawpacks[] ← lawpack_domains, …).
      const list = first.split('/')[1] ?? '';
      const field = list === 'lawpacks' ? '/lawpack_domains' : list === 'licensepacks' ? '/licensepack_domains' : '/regpack_domains';
      const at = zone.doc.parsed.locate(field);
      throw new MsezError('MISSING_IN_STRICT', `${zone.doc.rel}:${at.line}:${at.col}: --strict: ${missing.length} pack value(s) are MISSING, first at ${first}`, {
        file: zone.doc.rel,
        ...at,
        pointers: missing,
      });
    }
  }
  assertLockSchema(lock);
  const bytes = lockBytes(lock);
  return { lock, bytes, path };
}

/** canonical-json: MCF bytes plus exactly one newline (formats.md §5 step 14). */
export function lockBytes(lock: JsonObject): Uint8Array {
  return serializeLock(lock, 'canonical-json');
}

function assertLockSchema(lock: JsonObject): void {
  const issues = validateAgainst('stack.lock', lock);
  if (issues.length > 0) {
    throw new MsezError('INTERNAL', `computed stack.lock fails its schema at ${issues[0]?.pointer}: ${issues[0]?.message}`, { issues });
  }
}

function findMissing(v: JsonValue, ptr: string): string[] {
  if (v === MISSING) return [ptr];
  if (Array.isArray(v)) return v.flatMap((x, i) => findMissing(x, `${ptr}/${i}`));
  if (isJsonObject(v)) return Object.keys(v).sort(compareCodePoints).flatMap((k) => findMissing(v[k] as JsonValue, `${ptr}/${k}`));
  return [];
}

/** DIDs of a VC's proofs: `verificationMethod` minus `#fragment`, sorted and unique (read, not verified). */
export function proofSigners(vc: JsonValue): string[] {
  if (!isJsonObject(vc)) return [];
  const proof = vc.proof;
  const proofs = Array.isArray(proof) ? proof : proof === undefined ? [] : [proof];
  const dids = proofs.flatMap((p) => (isJsonObject(p) && typeof p.verificationMethod === 'string' ? [p.verificationMethod.split('#')[0] as string] : []));
  return [...new Set(dids)].sort(compareCodePoints);
}

/** An ArtifactRef with a `uri` hint (canonical.md §7); `MISSING` and other non-digests stay as they are. */
function refOf(type: 'lawpack' | 'licensepack' | 'regpack' | 'blob', digest: JsonValue | undefined, uri: string): JsonValue {
  if (typeof digest !== 'string' || !isSha256Hex(digest)) return digest ?? '';
  return { artifact_type: type, digest_sha256: digest, uri };
}

/**
 * `--emit-artifactrefs` for pack entries (formats.md §5 step 11): the digest becomes an ArtifactRef of the
 * pack's type whose `uri` is the CAS path, or the pack lock's path when there is no CAS path.
 */
function packRefs(entries: JsonValue[], kind: 'lawpack' | 'licensepack' | 'regpack'): JsonValue[] {
  const field = `${kind}_digest_sha256`;
  return entries.map((e) => {
    if (!isJsonObject(e)) return e;
    const artifact = e[`${kind}_artifact_path`];
    const lockPath = e[`${kind}_lock_path`];
    const uri = typeof artifact === 'string' && artifact !== '' ? artifact : typeof lockPath === 'string' ? lockPath : '';
    return { ...e, [field]: refOf(kind, e[field], uri) };
  });
}

function agreementPathsOf(c: CorridorInfo): string[] {
  const v = c.doc.value.agreement_vc_path;
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.map(String) : [];
}

/**
 * A stack.lock `corridors[]` entry (formats.md §5 step 10). Every file must exist (D16: `MISSING` belongs to
 * pack entries only, so an absent corridor file, agreement VCs included, is FILE_NOT_FOUND). With agreement
 * VCs, the activation fields come from the injected §2 check.
 */
function corridorEntry(root: string, c: CorridorInfo, opts: LockOptions): JsonObject {
  const dir = c.module.doc.dir;
  const v = c.doc.value;
  const file = (key: string, rel: string): string => {
    const path = inside(dir, rel);
    if (path === undefined || !existsSync(path)) {
      throw new MsezError('FILE_NOT_FOUND', `${c.doc.rel}: ${key} ${rel} does not exist`, { file: c.doc.rel, path: rel });
    }
    return path;
  };
  const pathOf = (key: string, fallback: string): string => file(key, typeof v[key] === 'string' ? (v[key] as string) : fallback);
  const blob = (path: string, bytes: Uint8Array): JsonValue => {
    const hex = digestRaw(bytes).hex;
    return opts.emitArtifactRefs === true ? refOf('blob', hex, relPath(root, path)) : hex;
  };
  const vcPath = pathOf('definition_vc_path', '');
  const vcBytes = readFileBytes(vcPath);
  const vc = parseJson(decodeUtf8(vcBytes, relPath(root, vcPath)), { file: relPath(root, vcPath) }).value;
  const trust = pathOf('trust_anchors_path', 'trust-anchors.yaml');
  const rotation = pathOf('key_rotation_path', 'key-rotation.yaml');
  const entry: JsonObject = {
    corridor_id: c.id,
    corridor_manifest_sha256: blob(c.doc.path, c.doc.bytes),
    trust_anchors_sha256: blob(trust, readFileBytes(trust)),
    key_rotation_sha256: blob(rotation, readFileBytes(rotation)),
    corridor_definition_vc_sha256: blob(vcPath, vcBytes),
    corridor_definition_signers: proofSigners(vc),
  };
  const rels = agreementPathsOf(c);
  if (rels.length === 0) return entry;

  const paths = rels.map((rel) => file('agreement_vc_path', rel));
  const shas: JsonValue[] = [];
  const signers = new Set<string>();
  paths.forEach((path) => {
    const bytes = readFileBytes(path);
    shas.push(blob(path, bytes));
    const name = relPath(root, path);
    for (const s of proofSigners(parseJson(decodeUtf8(bytes, name), { file: name }).value)) signers.add(s);
  });
  if (opts.activation === undefined) {
    // No fake result: a lock with agreement VCs needs the real activation check.
    throw new MsezError('INTERNAL', `${c.doc.rel}: corridor ${c.id} names agreement VCs but no activation check was supplied to computeLock`, { corridor_id: c.id });
  }
  const summary = opts.activation({ corridorId: c.id, dir, agreementPaths: paths });
  entry.corridor_agreement_vc_sha256 = shas;
  entry.corridor_agreement_signers = summary.counted.length > 0 ? [...summary.counted].sort(compareCodePoints) : [...signers].sort(compareCodePoints);
  entry.corridor_activated = summary.activated;
  if (summary.agreementSetSha256 !== '') entry.corridor_agreement_set_sha256 = summary.agreementSetSha256;
  const byPath: JsonObject = {};
  [...rels.keys()]
    .sort((a, b) => compareCodePoints(rels[a] as string, rels[b] as string))
    .forEach((i) => {
      const d = summary.payloadSha256[i];
      if (d !== undefined) byPath[rels[i] as string] = d;
    });
  if (Object.keys(byPath).length > 0) entry.corridor_agreement_payload_sha256_by_path = byPath;
  if (summary.blockers.length > 0) entry.corridor_activation_blockers = [...summary.blockers];
  return entry;
}

/** Top-level and item-level JSON pointers where two locks differ (for `lock --check` reports). */
export function diffLocks(a: JsonValue, b: JsonValue, ptr = ''): string[] {
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareCodePoints);
    return keys.flatMap((k) => (k in a && k in b ? diffLocks(a[k] as JsonValue, b[k] as JsonValue, `${ptr}/${k}`) : [`${ptr}/${k}`]));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(...(i < a.length && i < b.length ? diffLocks(a[i] as JsonValue, b[i] as JsonValue, `${ptr}/${i}`) : [`${ptr}/${i}`]));
    return out;
  }
  return Buffer.compare(Buffer.from(mcf(a)), Buffer.from(mcf(b))) === 0 ? [] : [ptr];
}

