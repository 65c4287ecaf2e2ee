import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import {
  MsezError,
  compareCodePoints,
  digestParts,
  digestRaw,
  isJsonObject,
  mcf,
  parseJsonBytes,
  writeFileAtomic,
  type JsonObject,
  type JsonValue,
  type Sha256Hex,
} from '../core/index.js';
import type { ArtifactStore, StoredArtifact } from '../cas/index.js';
import { validateAgainst } from '../schema/index.js';
import { isIsoDate, prettyJson, readObjectFile, readOptionalObjectFile } from './source.js';

/** Domain prefix of the regpack digest (design README D1). */
export const REGPACK_PREFIX = 'msez-regpack-v1\0';
/** `stack_spec_version` (design README D1). */
export const STACK_SPEC_VERSION = '0.4.44';

/** Members that are not part of "metadata" in the digest (formats.md §8; spec/packs.md). */
const NOT_METADATA = new Set(['digest_sha256', 'proof', 'sanctions_snapshot']);

const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
const obj = (v: JsonValue | undefined): JsonObject => (isJsonObject(v) ? v : {});
const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

/**
 * The regpack digest (formats.md §8): prefix ‖ MCF(metadata) [‖ MCF(sanctions_snapshot)]
 * [‖ MCF({"regulators": sorted ids})] [‖ MCF({"deadlines": sorted by deadline_id})].
 * msez rule: "metadata" is the whole regpack object minus `digest_sha256`, `proof` and `sanctions_snapshot`,
 * so every stored byte is covered (rate tables, regulator profiles, calendar) — the reference hashed only
 * the snapshot header and regulator ids, leaving entries and profiles unbound.
 */
export function regpackDigest(pack: JsonObject): Sha256Hex {
  const metadata: JsonObject = {};
  for (const [k, v] of Object.entries(pack)) if (!NOT_METADATA.has(k)) metadata[k] = v;
  const parts: Uint8Array[] = [new TextEncoder().encode(REGPACK_PREFIX), mcf(metadata)];
  const snapshot = pack.sanctions_snapshot;
  if (isJsonObject(snapshot) && Object.keys(snapshot).length > 0) parts.push(mcf(snapshot));
  const regulators = arr(pack.regulators).map((r) => str(obj(r).regulator_id));
  if (regulators.length > 0) parts.push(mcf({ regulators: regulators.sort(compareCodePoints) }));
  const deadlines = [...arr(obj(pack.compliance_calendar).deadlines)];
  if (deadlines.length > 0) {
    deadlines.sort((a, b) => compareCodePoints(str(obj(a).deadline_id), str(obj(b).deadline_id)));
    parts.push(mcf({ deadlines }));
  }
  return digestParts(parts).hex;
}

/**
 * CAS digest rule for type `regpack` (canonical.md §7): the regpack digest of the stored object, which must
 * also carry that digest as `digest_sha256`.
 */
export function regpackDigestOfJson(bytes: Uint8Array): Sha256Hex {
  const value = parseJsonBytes(bytes).value;
  if (!isJsonObject(value)) throw new MsezError('SCHEMA_INVALID', 'a regpack must be a JSON object', {});
  const digest = regpackDigest(value);
  if (value.digest_sha256 !== undefined && value.digest_sha256 !== digest) {
    throw new MsezError('DIGEST_MISMATCH', `regpack carries digest_sha256 ${str(value.digest_sha256)}, content hashes to ${digest}`, {
      expected: str(value.digest_sha256),
      actual: digest,
    });
  }
  return digest;
}

/** Optional part files of a regpack source folder and the member each fills. */
const PART_FILES: ReadonlyArray<readonly [file: string, member: string, inner: string | null]> = [
  ['regulators.yaml', 'regulators', 'regulators'],
  ['sanctions.yaml', 'sanctions_snapshot', null],
  ['calendar.yaml', 'compliance_calendar', null],
  ['rates.yaml', 'rate_tables', 'rate_tables'],
];

/**
 * Reads a regpack source folder (spec/packs.md): `regpack.yaml` plus optional `regulators.yaml`,
 * `sanctions.yaml`, `calendar.yaml` and `rates.yaml`, fills `type` and `stack_spec_version`, and checks the
 * schema and the uniqueness rules. Returns the regpack without `digest_sha256`.
 *
 * @throws MsezError SCHEMA_INVALID, FLOAT_REJECTED and the other reader codes, FILE_NOT_FOUND
 */
export function readRegpackSource(dir: string): JsonObject {
  const base = readObjectFile(join(dir, 'regpack.yaml'));
  const pack: JsonObject = { type: 'MSEZRegPack', stack_spec_version: STACK_SPEC_VERSION, ...base };
  for (const [file, member, inner] of PART_FILES) {
    const part = readOptionalObjectFile(join(dir, file));
    if (part === undefined) continue;
    if (pack[member] !== undefined) {
      throw new MsezError('CONFLICT', `${join(dir, file)}: ${member} is also given in regpack.yaml`, { file, member });
    }
    pack[member] = inner === null ? part : (part[inner] ?? []);
  }
  assertRegpack(pack, join(dir, 'regpack.yaml'));
  return pack;
}

function fail(file: string, pointer: string, message: string): never {
  throw new MsezError('SCHEMA_INVALID', `${file}: ${pointer} ${message}`, { file, fields: [{ pointer, message }] });
}

function assertUnique(file: string, items: JsonValue[], key: string, where: string): void {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const id = str(obj(it)[key]);
    if (seen.has(id)) fail(file, `${where}/${i}/${key}`, `duplicate ${key} ${JSON.stringify(id)}`);
    seen.add(id);
  });
}

/** Schema (regpack.schema.json) plus the rules a schema cannot say: unique ids, ordered dated values. */
export function assertRegpack(pack: JsonObject, file: string): void {
  const issues = validateAgainst('regpack', pack);
  if (issues.length > 0) {
    const first = issues[0];
    throw new MsezError('SCHEMA_INVALID', `${file}: ${first?.pointer ?? ''} ${first?.message ?? ''}`, { file, fields: issues });
  }
  if (!isIsoDate(str(pack.as_of_date))) fail(file, '/as_of_date', 'must be a real YYYY-MM-DD date');
  assertUnique(file, arr(pack.regulators), 'regulator_id', '/regulators');
  assertUnique(file, arr(obj(pack.sanctions_snapshot).entries), 'entry_id', '/sanctions_snapshot/entries');
  assertUnique(file, arr(obj(pack.compliance_calendar).deadlines), 'deadline_id', '/compliance_calendar/deadlines');
  assertUnique(file, arr(pack.rate_tables), 'table_id', '/rate_tables');
  const rates = arr(pack.rate_tables).flatMap((t) => arr(obj(t).rates));
  assertUnique(file, rates, 'rate_id', '/rate_tables/*/rates');
  for (const r of rates) {
    let last = '';
    for (const v of arr(obj(r).values)) {
      const d = str(obj(v).effective_from);
      if (!isIsoDate(d)) fail(file, `rate ${str(obj(r).rate_id)}`, `effective_from ${d} is not a real date`);
      if (d <= last) fail(file, `rate ${str(obj(r).rate_id)}`, 'values must be in strictly increasing effective_from order');
      last = d;
    }
  }
}

export interface RegpackBuildResult {
  readonly regpack_digest_sha256: Sha256Hex;
  readonly regpack_id: string;
  readonly jurisdiction_id: string;
  readonly domain: string;
  readonly as_of_date: string;
  readonly artifact_path: string;
  readonly lock_path: string;
  readonly cas: StoredArtifact;
  readonly counts: { readonly regulators: number; readonly sanctions_entries: number; readonly deadlines: number; readonly rates: number };
}

/**
 * `msez regpack build`: read and check the source, store `{...regpack, digest_sha256}` in the CAS as type
 * `regpack` (named by the regpack digest) and write `<src>/regpack.lock.json`.
 */
export function buildRegpack(srcDir: string, options: { readonly root: string; readonly store: ArtifactStore }): RegpackBuildResult {
  const dir = resolve(srcDir);
  const pack = readRegpackSource(dir);
  const digest = regpackDigest(pack);
  const stored: JsonObject = { ...pack, digest_sha256: digest };
  const cas = options.store.storeJson('regpack', stored);
  const lock = {
    regpack_digest_sha256: digest,
    regpack_id: str(pack.regpack_id),
    jurisdiction_id: str(pack.jurisdiction_id),
    domain: str(pack.domain),
    as_of_date: str(pack.as_of_date),
    artifact_path: cas.path,
    artifact_sha256: digestRaw(mcf(stored)).hex,
  };
  const lockPath = join(dir, 'regpack.lock.json');
  writeFileAtomic(lockPath, prettyJson(lock));
  return {
    regpack_digest_sha256: digest,
    regpack_id: lock.regpack_id,
    jurisdiction_id: lock.jurisdiction_id,
    domain: lock.domain,
    as_of_date: lock.as_of_date,
    artifact_path: cas.path,
    lock_path: relative(resolve(options.root), lockPath).split(sep).join('/'),
    cas,
    counts: {
      regulators: arr(pack.regulators).length,
      sanctions_entries: arr(obj(pack.sanctions_snapshot).entries).length,
      deadlines: arr(obj(pack.compliance_calendar).deadlines).length,
      rates: arr(pack.rate_tables).flatMap((t) => arr(obj(t).rates)).length,
    },
  };
}

// ## Diff

export interface RateChange {
  readonly rate_id: string;
  readonly effective_from: string;
  readonly from: JsonValue;
  readonly to: JsonValue;
}

export interface RegpackDiff {
  readonly from: Sha256Hex;
  readonly to: Sha256Hex;
  readonly sanctions: { readonly added: string[]; readonly removed: string[]; readonly changed: string[] };
  readonly rates: { readonly added: string[]; readonly removed: string[]; readonly changed: RateChange[] };
  readonly deadlines: { readonly added: string[]; readonly removed: string[]; readonly changed: string[] };
  readonly regulators: { readonly added: string[]; readonly removed: string[] };
}

function byKey(items: JsonValue[], key: string): Map<string, JsonValue> {
  return new Map(items.map((it) => [str(obj(it)[key]), it] as const));
}

function setDiff(a: Map<string, JsonValue>, b: Map<string, JsonValue>): { added: string[]; removed: string[]; changed: string[] } {
  const added = [...b.keys()].filter((k) => !a.has(k)).sort(compareCodePoints);
  const removed = [...a.keys()].filter((k) => !b.has(k)).sort(compareCodePoints);
  const eq = (x: JsonValue | undefined, y: JsonValue | undefined): boolean => Buffer.from(mcf(x)).equals(Buffer.from(mcf(y)));
  const changed = [...a.keys()].filter((k) => b.has(k) && !eq(a.get(k), b.get(k))).sort(compareCodePoints);
  return { added, removed, changed };
}

/** Rate values keyed `rate_id@effective_from`; the value is `basis_points` or the bracket list. */
function rateValues(pack: JsonObject): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  for (const r of arr(pack.rate_tables).flatMap((t) => arr(obj(t).rates))) {
    for (const v of arr(obj(r).values)) {
      const vo = obj(v);
      out.set(`${str(obj(r).rate_id)}@${str(vo.effective_from)}`, vo.basis_points ?? vo.brackets ?? null);
    }
  }
  return out;
}

/** What changed between two regpacks: sanctions entries, rate values, deadlines and regulators. */
export function diffRegpacks(a: JsonObject, b: JsonObject): RegpackDiff {
  const sanctions = setDiff(byKey(arr(obj(a.sanctions_snapshot).entries), 'entry_id'), byKey(arr(obj(b.sanctions_snapshot).entries), 'entry_id'));
  const ra = rateValues(a);
  const rb = rateValues(b);
  const r = setDiff(ra, rb);
  const split = (k: string): [string, string] => [k.slice(0, k.lastIndexOf('@')), k.slice(k.lastIndexOf('@') + 1)];
  const regs = setDiff(byKey(arr(a.regulators), 'regulator_id'), byKey(arr(b.regulators), 'regulator_id'));
  return {
    from: regpackDigest(a),
    to: regpackDigest(b),
    sanctions,
    rates: {
      added: r.added,
      removed: r.removed,
      changed: r.changed.map((k) => {
        const [rate_id, effective_from] = split(k);
        return { rate_id, effective_from, from: ra.get(k) ?? null, to: rb.get(k) ?? null };
      }),
    },
    deadlines: setDiff(byKey(arr(obj(a.compliance_calendar).deadlines), 'deadline_id'), byKey(arr(obj(b.compliance_calendar).deadlines), 'deadline_id')),
    regulators: { added: regs.added, removed: regs.removed },
  };
}

/** A regpack given on the command line: a CAS digest, a source folder, or a JSON/YAML file. */
export function loadRegpack(ref: string, store: ArtifactStore): JsonObject {
  if (/^[0-9a-fA-F]{64}$/.test(ref.trim()) && !existsSync(ref)) {
    const v = parseJsonBytes(store.resolve('regpack', ref).bytes).value;
    if (!isJsonObject(v)) throw new MsezError('SCHEMA_INVALID', `regpack ${ref} is not an object`, { ref });
    return v;
  }
  if (existsSync(join(ref, 'regpack.yaml'))) return readRegpackSource(ref);
  return readObjectFile(ref);
}
