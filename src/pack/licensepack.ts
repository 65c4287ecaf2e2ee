import { join, relative, resolve, sep } from 'node:path';
import {
  MsezError,
  compareCodePoints,
  digestParts,
  digestRaw,
  digestValue,
  isJsonObject,
  mcf,
  writeFileAtomic,
  type JsonObject,
  type JsonValue,
  type Sha256Hex,
} from '../core/index.js';
import type { ArtifactStore, StoredArtifact } from '../cas/index.js';
import { validateAgainst, type SchemaIssue } from '../schema/index.js';
import { parseJsonOrYamlBytes, prettyJson, readObjectFile, readOptionalObjectFile } from './source.js';
import { deterministicZip, readZip } from './zip.js';

/** Domain prefix of the licensepack digest (design README D1). */
export const LICENSEPACK_PREFIX = 'msez-licensepack-v1\0';
/** Sub-record groups of a license, hashed in this order (formats.md §9 step 4). */
const SUB_GROUPS = [
  ['conditions', 'condition_id'],
  ['permissions', 'permission_id'],
  ['restrictions', 'restriction_id'],
] as const;

const enc = new TextEncoder();
const NUL = new Uint8Array([0]);
const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
const obj = (v: JsonValue | undefined): JsonObject => (isJsonObject(v) ? v : {});
const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

/** A licensepack's content: metadata (licensepack.yaml) and three record lists. */
export interface Licensepack {
  readonly metadata: JsonObject;
  readonly license_types: JsonObject[];
  readonly licenses: JsonObject[];
  readonly holders: JsonObject[];
}

const sortBy = (items: readonly JsonObject[], key: string): JsonObject[] => [...items].sort((a, b) => compareCodePoints(str(a[key]), str(b[key])));

/** A license record without its sub-record groups, which are hashed one by one. */
function licenseCore(lic: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(lic)) if (!SUB_GROUPS.some(([g]) => g === k)) out[k] = v;
  return out;
}

/** The digest pre-image (formats.md §9): each part is `label NUL MCF NUL`, in the fixed order. */
export function licensepackPreimage(pack: Licensepack): Uint8Array[] {
  const parts: Uint8Array[] = [enc.encode(LICENSEPACK_PREFIX), mcf(pack.metadata), NUL];
  const put = (label: string, value: JsonValue): void => {
    parts.push(enc.encode(label), NUL, mcf(value), NUL);
  };
  for (const t of sortBy(pack.license_types, 'license_type_id')) put(`license-types/${str(t.license_type_id)}`, t);
  for (const lic of sortBy(pack.licenses, 'license_id')) {
    const id = str(lic.license_id);
    put(`licenses/${id}`, licenseCore(lic));
    for (const [group, key] of SUB_GROUPS) {
      for (const sub of sortBy(arr(lic[group]).map(obj), key)) put(`licenses/${id}/${group}/${str(sub[key])}`, sub);
    }
  }
  for (const h of sortBy(pack.holders, 'holder_id')) put(`holders/${str(h.holder_id)}`, h);
  return parts;
}

export function licensepackDigest(pack: Licensepack): Sha256Hex {
  return digestParts(licensepackPreimage(pack)).hex;
}

function schemaFail(file: string, issues: readonly SchemaIssue[], prefix = ''): never {
  const first = issues[0];
  throw new MsezError('SCHEMA_INVALID', `${file}: ${prefix}${first?.pointer ?? ''} ${first?.message ?? ''}`, { file, fields: issues });
}

/**
 * Checks a licensepack: metadata against licensepack.schema.json, each record against its schema
 * (status enum, id patterns), unique ids, and that every license names a known type and holder.
 */
export function assertLicensepack(pack: Licensepack, file: string): void {
  const meta = validateAgainst('licensepack', pack.metadata);
  if (meta.length > 0) schemaFail(file, meta);
  const check = (schema: string, items: readonly JsonObject[], key: string, what: string): Set<string> => {
    const ids = new Set<string>();
    items.forEach((it, i) => {
      const issues = validateAgainst(schema, it);
      if (issues.length > 0) schemaFail(file, issues, `${what}[${i}]`);
      const id = str(it[key]);
      if (ids.has(id)) schemaFail(file, [{ pointer: `/${what}/${i}/${key}`, message: `duplicate ${key} ${JSON.stringify(id)}`, keyword: 'unique' }]);
      ids.add(id);
    });
    return ids;
  };
  const types = check('licensepack.license-type', pack.license_types, 'license_type_id', 'license_types');
  const holders = check('licensepack.holder', pack.holders, 'holder_id', 'holders');
  check('licensepack.license', pack.licenses, 'license_id', 'licenses');
  pack.licenses.forEach((lic, i) => {
    if (!types.has(str(lic.license_type_id))) {
      schemaFail(file, [{ pointer: `/licenses/${i}/license_type_id`, message: `unknown license type ${str(lic.license_type_id)}`, keyword: 'reference' }]);
    }
    if (!holders.has(str(lic.holder_id))) {
      schemaFail(file, [{ pointer: `/licenses/${i}/holder_id`, message: `unknown holder ${str(lic.holder_id)}`, keyword: 'reference' }]);
    }
    for (const [group, key] of SUB_GROUPS) {
      const seen = new Set<string>();
      for (const sub of arr(lic[group]).map(obj)) {
        const id = str(sub[key]);
        if (seen.has(id)) schemaFail(file, [{ pointer: `/licenses/${i}/${group}`, message: `duplicate ${key} ${JSON.stringify(id)}`, keyword: 'unique' }]);
        seen.add(id);
      }
    }
  });
}

/** `includes{}` counted from the records (formats.md §9), so it can never disagree with them. */
function countIncludes(pack: Omit<Licensepack, 'metadata'>): JsonObject {
  const byStatus = (s: string): number => pack.licenses.filter((l) => l.status === s).length;
  return {
    license_types: pack.license_types.length,
    licenses_active: byStatus('active'),
    licenses_suspended: byStatus('suspended'),
    licenses_total: pack.licenses.length,
    holders: pack.holders.length,
    conditions: pack.licenses.reduce((n, l) => n + arr(l.conditions).length, 0),
  };
}

/**
 * Reads a licensepack source folder (spec/packs.md): `licensepack.yaml` (metadata without `includes`, which
 * is counted), `license-types.yaml`, `licenses.yaml`, `holders.yaml`.
 */
export function readLicensepackSource(dir: string): Licensepack {
  const file = join(dir, 'licensepack.yaml');
  const meta = readObjectFile(file);
  const list = (name: string, key: string): JsonObject[] => {
    const v = readOptionalObjectFile(join(dir, name));
    const items = arr(v?.[key]);
    items.forEach((it, i) => {
      if (!isJsonObject(it)) schemaFail(join(dir, name), [{ pointer: `/${key}/${i}`, message: 'must be object', keyword: 'type' }]);
    });
    return items as JsonObject[];
  };
  const records = {
    license_types: list('license-types.yaml', 'license_types'),
    licenses: list('licenses.yaml', 'licenses'),
    holders: list('holders.yaml', 'holders'),
  };
  const pack: Licensepack = { metadata: { ...meta, includes: countIncludes(records) }, ...records };
  assertLicensepack(pack, file);
  return pack;
}

/**
 * The archive: `licensepack.yaml` (MCF of the metadata), `license-types.json`, `licenses.json` and
 * `holders.json` (MCF of each list sorted by id) and `digest.sha256` (hex + LF).
 */
export function licensepackZip(pack: Licensepack, digest: Sha256Hex): Uint8Array {
  return deterministicZip(
    new Map<string, Uint8Array>([
      ['licensepack.yaml', mcf(pack.metadata)],
      ['license-types.json', mcf(sortBy(pack.license_types, 'license_type_id'))],
      ['licenses.json', mcf(sortBy(pack.licenses, 'license_id'))],
      ['holders.json', mcf(sortBy(pack.holders, 'holder_id'))],
      ['digest.sha256', enc.encode(`${digest}\n`)],
    ]),
  );
}

/** Reads a licensepack zip back into its content (the CAS rule and `verify` use it). */
export function readLicensepackZip(bytes: Uint8Array, file: string): Licensepack {
  const entries = readZip(bytes, file);
  const get = (name: string): JsonValue => {
    const b = entries.get(name);
    if (b === undefined) throw new MsezError('VALIDATION_FAILED', `${file}: not a licensepack (no ${name})`, { file, missing: name });
    return parseJsonOrYamlBytes(b, `${file}!${name}`);
  };
  const list = (name: string): JsonObject[] => arr(get(name)).map(obj);
  return { metadata: obj(get('licensepack.yaml')), license_types: list('license-types.json'), licenses: list('licenses.json'), holders: list('holders.json') };
}

/** CAS digest rule for `.licensepack.zip`: the licensepack digest of the contents, not the zip bytes. */
export function licensepackDigestOfZip(bytes: Uint8Array): Sha256Hex {
  return licensepackDigest(readLicensepackZip(bytes, '<licensepack.zip>'));
}

export interface LicensepackBuildResult {
  readonly licensepack_digest_sha256: Sha256Hex;
  readonly licensepack_id: string;
  readonly jurisdiction_id: string;
  readonly domain: string;
  readonly as_of_date: string;
  readonly artifact_path: string;
  readonly lock_path: string;
  readonly includes: JsonObject;
  readonly cas: StoredArtifact;
}

/**
 * `msez licensepack build`: check the source, write the deterministic zip to the CAS as
 * `licensepack/<digest>.licensepack.zip` and `<src>/licensepack.lock.json` (formats.md §9).
 * msez rule: the lock's `generated_at` is the pack's `snapshot_timestamp`, so rebuilding unchanged
 * sources gives the same lock bytes (stack.lock hashes the lock raw).
 */
export function buildLicensepack(
  srcDir: string,
  options: { readonly root: string; readonly store: ArtifactStore; readonly toolVersion: string },
): LicensepackBuildResult {
  const dir = resolve(srcDir);
  const pack = readLicensepackSource(dir);
  const digest = licensepackDigest(pack);
  const zip = licensepackZip(pack, digest);
  const cas = options.store.storeBlob('licensepack', zip, '.licensepack.zip');
  const m = pack.metadata;
  const tag = (v: JsonValue): string => `sha256:${digestValue(v).hex}`;
  const lock = {
    lock_version: '1',
    generated_at: str(m.snapshot_timestamp),
    generator: 'msez',
    generator_version: options.toolVersion,
    licensepack: {
      licensepack_id: str(m.licensepack_id),
      jurisdiction_id: str(m.jurisdiction_id),
      domain: str(m.domain),
      as_of_date: str(m.as_of_date),
      snapshot_timestamp: str(m.snapshot_timestamp),
      digest_sha256: digest,
    },
    artifact: { artifact_type: 'licensepack', digest_sha256: digest, uri: cas.path, media_type: 'application/zip', byte_length: zip.byteLength },
    artifact_sha256: digestRaw(zip).hex,
    includes: obj(m.includes),
    component_digests: {
      metadata: tag(m),
      license_types: tag(sortBy(pack.license_types, 'license_type_id')),
      licenses: tag(sortBy(pack.licenses, 'license_id')),
      holders: tag(sortBy(pack.holders, 'holder_id')),
    },
  };
  const issues = validateAgainst('licensepack.lock', lock);
  if (issues.length > 0) throw new MsezError('INTERNAL', `built licensepack.lock.json fails its schema: ${issues[0]?.message ?? ''}`, { fields: issues });
  const lockPath = join(dir, 'licensepack.lock.json');
  writeFileAtomic(lockPath, prettyJson(lock));
  return {
    licensepack_digest_sha256: digest,
    licensepack_id: lock.licensepack.licensepack_id,
    jurisdiction_id: lock.licensepack.jurisdiction_id,
    domain: lock.licensepack.domain,
    as_of_date: lock.licensepack.as_of_date,
    artifact_path: cas.path,
    lock_path: relative(resolve(options.root), lockPath).split(sep).join('/'),
    includes: lock.includes,
    cas,
  };
}
