import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  MsezError,
  decodeUtf8,
  digestRaw,
  isJsonObject,
  isSha256Hex,
  parseJson,
  readFileBytes,
  type JsonObject,
  type JsonValue,
} from '../core/index.js';

/** The value written for a pack whose lock is absent (non-strict mode only, D16). */
export const MISSING = 'MISSING';

export type PackKind = 'lawpack' | 'licensepack' | 'regpack';

/**
 * Where the lock of each pack kind lives, relative to the workspace root. The lawpack path is fixed by
 * formats.md §8; msez rule: licensepacks and regpacks follow the same layout under their module families.
 */
export function packLockPath(kind: PackKind, jurisdictionId: string, domain: string): string {
  const jid = jurisdictionId.split('-').join('/');
  switch (kind) {
    case 'lawpack':
      return `modules/legal/jurisdictions/${jid}/${domain}/lawpack.lock.json`;
    case 'licensepack':
      return `modules/licensing/jurisdictions/${jid}/${domain}/licensepack.lock.json`;
    case 'regpack':
      return `modules/regulatory/jurisdictions/${jid}/${domain}/regpack.lock.json`;
  }
}

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
const sub = (o: JsonObject, key: string): JsonObject => (isJsonObject(o[key]) ? (o[key] as JsonObject) : {});

function readLock(root: string, rel: string): { value: JsonObject; sha: string } | undefined {
  const path = join(root, rel);
  if (!existsSync(path)) return undefined;
  const bytes = readFileBytes(path);
  const value = parseJson(decodeUtf8(bytes, rel), { file: rel }).value;
  if (!isJsonObject(value)) throw new MsezError('SCHEMA_INVALID', `${rel}: expected a JSON object`, { file: rel });
  return { value, sha: digestRaw(bytes).hex };
}

function digestOf(rel: string, field: string, v: string): string {
  if (!isSha256Hex(v)) throw new MsezError('SCHEMA_INVALID', `${rel}: ${field} must be 64 lowercase hex characters`, { file: rel, field });
  return v;
}

/** A stack.lock `lawpacks[]` entry (formats.md §5 step 8). */
export function lawpackEntry(root: string, jid: string, domain: string): JsonObject {
  const rel = packLockPath('lawpack', jid, domain);
  const lock = readLock(root, rel);
  if (lock === undefined) {
    return { jurisdiction_id: jid, domain, lawpack_digest_sha256: MISSING, lawpack_lock_path: rel, lawpack_lock_sha256: MISSING, lawpack_artifact_path: '', as_of_date: '' };
  }
  const digest = digestOf(rel, 'lawpack_digest_sha256', str(lock.value.lawpack_digest_sha256));
  return {
    jurisdiction_id: jid,
    domain,
    lawpack_digest_sha256: digest,
    lawpack_lock_path: rel,
    lawpack_lock_sha256: lock.sha,
    lawpack_artifact_path: casPath('lawpack', digest),
    as_of_date: str(lock.value.as_of_date),
  };
}

/** A stack.lock `licensepacks[]` entry from a licensepack.lock.json (formats.md §9). */
export function licensepackEntry(root: string, jid: string, domain: string): JsonObject {
  const rel = packLockPath('licensepack', jid, domain);
  const lock = readLock(root, rel);
  if (lock === undefined) {
    return { jurisdiction_id: jid, domain, licensepack_digest_sha256: MISSING, licensepack_lock_path: rel, licensepack_lock_sha256: MISSING, licensepack_artifact_path: '', as_of_date: '' };
  }
  const pack = sub(lock.value, 'licensepack');
  const digest = digestOf(rel, 'licensepack.digest_sha256', str(pack.digest_sha256));
  const entry: JsonObject = {
    jurisdiction_id: jid,
    domain,
    licensepack_digest_sha256: digest,
    licensepack_lock_path: rel,
    licensepack_lock_sha256: lock.sha,
    licensepack_artifact_path: casPath('licensepack', digest),
    as_of_date: str(pack.as_of_date),
  };
  if (typeof pack.snapshot_timestamp === 'string') entry.snapshot_timestamp = pack.snapshot_timestamp;
  if (isJsonObject(lock.value.includes)) entry.includes = lock.value.includes;
  return entry;
}

/** A stack.lock `regpacks[]` entry from a regpack.lock.json. */
export function regpackEntry(root: string, jid: string, domain: string): JsonObject {
  const rel = packLockPath('regpack', jid, domain);
  const lock = readLock(root, rel);
  if (lock === undefined) {
    return { jurisdiction_id: jid, domain, regpack_digest_sha256: MISSING, regpack_lock_path: rel, regpack_lock_sha256: MISSING, regpack_artifact_path: '', as_of_date: '' };
  }
  const nested = sub(lock.value, 'regpack');
  const raw = str(lock.value.regpack_digest_sha256) || str(lock.value.digest_sha256) || str(nested.digest_sha256);
  const digest = digestOf(rel, 'regpack_digest_sha256', raw);
  return {
    jurisdiction_id: jid,
    domain,
    regpack_digest_sha256: digest,
    regpack_lock_path: rel,
    regpack_lock_sha256: lock.sha,
    regpack_artifact_path: casPath('regpack', digest),
    as_of_date: str(lock.value.as_of_date) || str(nested.as_of_date),
  };
}

/** An explicit zone `regpacks[]` pin: the digest and date as the zone states them. */
export function regpackPin(pin: JsonObject): JsonObject {
  const digest = str(pin.regpack_digest_sha256);
  return {
    jurisdiction_id: str(pin.jurisdiction_id),
    domain: str(pin.domain),
    regpack_digest_sha256: digest,
    regpack_artifact_path: casPath('regpack', digest),
    as_of_date: str(pin.as_of_date),
  };
}

/**
 * Where the pack lives in the CAS (canonical.md §7). msez rule: the lock always records this path; the
 * reference wrote it only when the file existed locally, which made stack.lock depend on the state of
 * dist/ and broke `lock --check` on a clean checkout.
 */
export function casPath(kind: PackKind, digest: string): string {
  switch (kind) {
    case 'lawpack':
      return `dist/artifacts/lawpack/${digest}.lawpack.zip`;
    case 'licensepack':
      return `dist/artifacts/licensepack/${digest}.licensepack.zip`;
    case 'regpack':
      return `dist/artifacts/regpack/${digest}.json`;
  }
}
