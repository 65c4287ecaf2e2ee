import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MsezError, isJsonObject, isSha256Hex, parseJsonBytes, readDataFile, readFileBytes, type JsonObject, type JsonValue } from '../core/index.js';
import type { ArtifactStore } from '../cas/index.js';
import { readLicensepackZip, type Licensepack } from '../pack/index.js';
import { withholdingFromRegpack, type RegpackWithholding } from './regpack-rates.js';
import { sanctionsFromRegpack, type SanctionsSnapshot } from './sanctions.js';

/**
 * The packs a zone pins (spec/compliance.md "Zone packs"): its `stack.lock` names regpacks and
 * licensepacks by digest (D14), and each is resolved from the CAS, which re-verifies its pack digest.
 */
export interface ZoneRegpack {
  readonly digest_sha256: string;
  readonly jurisdiction_id: string;
  readonly domain: string;
  readonly pack: JsonObject;
}

export interface ZoneLicensepack {
  readonly digest_sha256: string;
  readonly jurisdiction_id: string;
  readonly domain: string;
  readonly pack: Licensepack;
}

export interface ZonePacks {
  readonly zone_id: string;
  readonly jurisdiction_id: string;
  readonly stack_lock: string;
  readonly regpacks: readonly ZoneRegpack[];
  readonly licensepacks: readonly ZoneLicensepack[];
}

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);

/** `jurisdictions/<zone>/zone.yaml`, else the zone whose zone_id or jurisdiction_id is `zone`. */
function findZoneFile(root: string, zone: string): string {
  const base = join(root, 'jurisdictions');
  const direct = join(base, zone, 'zone.yaml');
  if (/^[A-Za-z0-9_.-]+$/.test(zone) && existsSync(direct)) return direct;
  const dirs = existsSync(base) ? readdirSync(base).sort() : [];
  for (const d of dirs) {
    const file = join(base, d, 'zone.yaml');
    if (!existsSync(file)) continue;
    const v = readDataFile(file).value;
    if (isJsonObject(v) && (v.zone_id === zone || v.jurisdiction_id === zone)) return file;
  }
  throw new MsezError('NOT_FOUND', `no zone ${zone} under ${base}`, { zone, root });
}

/**
 * Resolves a zone's packs: reads its zone.yaml and the stack.lock beside it (`lockfile_path`, default
 * `stack.lock`), then every `regpacks[]` and `licensepacks[]` entry from the CAS.
 *
 * @throws MsezError NOT_FOUND (no such zone), FILE_NOT_FOUND (no stack.lock), MISSING_IN_STRICT (a pack the
 *   lock records as MISSING), ARTIFACT_NOT_FOUND / DIGEST_MISMATCH from the CAS
 */
export function loadZonePacks(root: string, store: ArtifactStore, zone: string): ZonePacks {
  const zoneFile = findZoneFile(root, zone);
  const z = readDataFile(zoneFile).value;
  if (!isJsonObject(z)) throw new MsezError('SCHEMA_INVALID', `${zoneFile}: expected a mapping`, { file: zoneFile });
  const lockPath = join(dirname(zoneFile), str(z.lockfile_path) || 'stack.lock');
  const lock = parseJsonBytes(readFileBytes(lockPath), { file: lockPath }).value;
  if (!isJsonObject(lock)) throw new MsezError('SCHEMA_INVALID', `${lockPath}: expected a JSON object`, { file: lockPath });
  const digestOf = (entry: JsonObject, field: string): string => {
    const d = str(entry[field]);
    if (!isSha256Hex(d)) throw new MsezError('MISSING_IN_STRICT', `${lockPath}: ${field} is ${d || 'absent'}; build the pack and re-lock`, { file: lockPath, field });
    return d;
  };
  const regpacks = arr(lock.regpacks)
    .filter(isJsonObject)
    .map((e): ZoneRegpack => {
      const digest = digestOf(e, 'regpack_digest_sha256');
      const v = parseJsonBytes(store.resolve('regpack', digest).bytes).value;
      if (!isJsonObject(v)) throw new MsezError('SCHEMA_INVALID', `regpack ${digest} is not an object`, { digest });
      return { digest_sha256: digest, jurisdiction_id: str(e.jurisdiction_id), domain: str(e.domain), pack: v };
    });
  const licensepacks = arr(lock.licensepacks)
    .filter(isJsonObject)
    .map((e): ZoneLicensepack => {
      const digest = digestOf(e, 'licensepack_digest_sha256');
      const a = store.resolve('licensepack', digest);
      return { digest_sha256: digest, jurisdiction_id: str(e.jurisdiction_id), domain: str(e.domain), pack: readLicensepackZip(a.bytes, a.path) };
    });
  return { zone_id: str(z.zone_id), jurisdiction_id: str(z.jurisdiction_id), stack_lock: lockPath, regpacks, licensepacks };
}

const applies = (packJid: string, jid: string): boolean => jid === packJid || jid.startsWith(`${packJid}-`);

/**
 * The zone's withholding table: from its `tax` regpack for the zone's jurisdiction (the most specific one
 * when several apply). @throws NOT_FOUND when the zone pins none, CONFLICT when two are equally specific.
 */
export function zoneWithholding(packs: ZonePacks): RegpackWithholding & { readonly regpack_digest_sha256: string } {
  const tax = packs.regpacks.filter((r) => r.domain === 'tax' && applies(r.jurisdiction_id, packs.jurisdiction_id));
  const best = Math.max(-1, ...tax.map((r) => r.jurisdiction_id.length));
  const chosen = tax.filter((r) => r.jurisdiction_id.length === best);
  const only = chosen[0];
  if (only === undefined) throw new MsezError('NOT_FOUND', `zone ${packs.zone_id} pins no tax regpack for ${packs.jurisdiction_id}; pass --rates FILE`, { zone_id: packs.zone_id });
  if (chosen.length > 1) throw new MsezError('CONFLICT', `zone ${packs.zone_id} pins ${chosen.length} tax regpacks for ${only.jurisdiction_id}`, { digests: chosen.map((r) => r.digest_sha256) });
  return { ...withholdingFromRegpack(only.pack, only.digest_sha256), regpack_digest_sha256: only.digest_sha256 };
}

/** Every sanctions snapshot the zone's regpacks carry. */
export function zoneSanctions(packs: ZonePacks): SanctionsSnapshot[] {
  return packs.regpacks.flatMap((r) => sanctionsFromRegpack(r.pack, r.digest_sha256) ?? []);
}

/** A license record of a licensepack (formats.md §9), reduced to what the tensor reads. */
export interface PackLicense {
  readonly license_id: string;
  readonly status: 'active' | 'suspended' | 'revoked' | 'expired' | 'pending' | 'surrendered';
  readonly holder_id: string;
  readonly holder_did?: string;
  readonly effective_date?: string;
  readonly expiry_date?: string;
  readonly licensepack_digest_sha256: string;
}

const STATUSES = new Set<string>(['active', 'suspended', 'revoked', 'expired', 'pending', 'surrendered']);

/** The license records of a licensepack with their holder's DID (holders.yaml `did`), when it has one. */
export function licensesOf(pack: Licensepack, digest: string): PackLicense[] {
  const holderDid = new Map(pack.holders.map((h) => [str(h.holder_id), str(h.did)] as const));
  return pack.licenses.map((l): PackLicense => {
    const status = str(l.status);
    // The licensepack was schema-checked when built and its digest re-verified on resolve.
    if (!STATUSES.has(status)) throw new MsezError('SCHEMA_INVALID', `license ${str(l.license_id)}: unknown status ${status}`, { license_id: str(l.license_id) });
    const did = holderDid.get(str(l.holder_id)) ?? '';
    return {
      license_id: str(l.license_id),
      status: status as PackLicense['status'],
      holder_id: str(l.holder_id),
      ...(did !== '' ? { holder_did: did } : {}),
      ...(str(l.effective_date) !== '' ? { effective_date: str(l.effective_date) } : {}),
      ...(str(l.expiry_date) !== '' ? { expiry_date: str(l.expiry_date) } : {}),
      licensepack_digest_sha256: digest,
    };
  });
}

/** Every license record of the zone's licensepacks. */
export function zoneLicenses(packs: ZonePacks): PackLicense[] {
  return packs.licensepacks.flatMap((p) => licensesOf(p.pack, p.digest_sha256));
}
