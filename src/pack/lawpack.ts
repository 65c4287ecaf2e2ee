import { existsSync, lstatSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import {
  MsezError,
  compareCodePoints,
  decodeUtf8,
  digestParts,
  digestRaw,
  digestValue,
  isJsonObject,
  mcf,
  parseJsonBytes,
  parseSha256Hex,
  readFileBytes,
  setMember,
  writeFileAtomic,
  type JsonObject,
  type JsonValue,
  type Sha256Hex,
} from '../core/index.js';
import type { ArtifactStore, StoredArtifact } from '../cas/index.js';
import { isIsoDate, listFiles, parseJsonOrYamlBytes, prettyJson, readObjectFile, readOptionalObjectFile, text } from './source.js';
import { c14nDocument, c14nElement, eIdElements, indexEidFragments, nodePath, parseXmlDocument } from './xml.js';
import { deterministicZip, readZip } from './zip.js';

/** Domain prefix of the lawpack digest (design README D1). */
export const LAWPACK_PREFIX = 'msez-lawpack-v1\0';
const NUL = new Uint8Array([0]);
const enc = new TextEncoder();
/** sha256 of MCF(`{}`): `components.sources_sha256` when a module has no sources.yaml (canonical.md §6). */
const EMPTY_OBJECT_SHA256 = digestValue({}).hex;

/**
 * The digest pre-image (formats.md §7): prefix, then for each archive path in code point order
 * `utf8(path) NUL canon(path) NUL`. `digest.sha256` and `raw/` are never part of it.
 */
export function lawpackPreimage(files: ReadonlyMap<string, Uint8Array>): Uint8Array[] {
  const parts: Uint8Array[] = [enc.encode(LAWPACK_PREFIX)];
  for (const path of [...files.keys()].sort(compareCodePoints)) {
    parts.push(enc.encode(path), NUL, files.get(path) as Uint8Array, NUL);
  }
  return parts;
}

export function lawpackDigest(files: ReadonlyMap<string, Uint8Array>): Sha256Hex {
  return digestParts(lawpackPreimage(files)).hex;
}

export interface EidFragment {
  readonly sha256: Sha256Hex;
  readonly xpath: string;
  readonly byte_start: number | null;
  readonly byte_end: number | null;
}

export interface AknIndexEntry {
  readonly c14n: Uint8Array;
  readonly document_sha256: Sha256Hex;
  readonly fragments: Record<string, EidFragment>;
}

/**
 * Canonicalises one AKN document and indexes its eId elements (formats.md §7 "index.json").
 * A document without any eId, or with one eId twice, is XML_INVALID (msez rule: the reference kept the
 * last of two equal eIds silently).
 */
export function indexAknDocument(bytes: Uint8Array, file: string): AknIndexEntry {
  const { c14n, fragments: located } = indexEidFragments(parseXmlDocument(bytes, file), file);
  const fragments = Object.create(null) as Record<string, EidFragment>;
  for (const f of located) {
    fragments[f.eid] = { sha256: digestRaw(f.fragment).hex, xpath: f.xpath, byte_start: f.byteStart, byte_end: f.byteEnd };
  }
  return { c14n, document_sha256: digestRaw(c14n).hex, fragments };
}

export interface LawpackComponents {
  readonly lawpack_yaml_sha256: Sha256Hex;
  readonly index_json_sha256: Sha256Hex;
  readonly akn_sha256: Record<string, Sha256Hex>;
  readonly sources_sha256: Sha256Hex;
  readonly module_manifest_sha256: Sha256Hex;
}

/** Everything ingest computes before it writes anything. */
export interface LawpackBuild {
  readonly jurisdiction_id: string;
  readonly domain: string;
  readonly as_of_date: string;
  readonly lawpack: JsonObject;
  readonly index: JsonObject;
  /** The canonical bytes of every digested archive path (`lawpack.yaml`, `index.json`, `akn/…`). */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** `raw/…` entries (with --include-raw); stored but not digested. */
  readonly raw: ReadonlyMap<string, Uint8Array>;
  readonly digest: Sha256Hex;
  readonly components: LawpackComponents;
  readonly has_sources: boolean;
}

export interface LawpackBuildOptions {
  /** `YYYY-MM-DD`. */
  readonly asOfDate: string;
  /** msez's own version, used for `normalization.tool_version` unless a locked value is given. */
  readonly toolVersion: string;
  /** The `tool_version` recorded in an existing lock, reused so an upgrade does not move the digest. */
  readonly lockedToolVersion?: string;
  readonly includeRaw?: boolean;
}

/**
 * Builds a lawpack from a source module directory (formats.md §7) without writing anything: module.yaml,
 * optional sources.yaml, `src/akn/**\/*.xml` and, with `includeRaw`, `src/raw/**`.
 *
 * @throws MsezError FILE_NOT_FOUND, XML_INVALID, FLOAT_REJECTED (and the other reader codes), USAGE
 */
export function buildLawpack(moduleDir: string, options: LawpackBuildOptions): LawpackBuild {
  const dir = resolve(moduleDir);
  const asOf = options.asOfDate.trim();
  if (!isIsoDate(asOf)) throw new MsezError('USAGE', `--as-of-date must be YYYY-MM-DD, got ${JSON.stringify(options.asOfDate)}`);
  const manifestPath = join(dir, 'module.yaml');
  if (!existsSync(manifestPath)) throw new MsezError('FILE_NOT_FOUND', `${manifestPath}: no module.yaml`, { path: manifestPath });
  const manifest = readObjectFile(manifestPath);
  const sourcesManifest = readOptionalObjectFile(join(dir, 'sources.yaml'));
  const sm: JsonObject = sourcesManifest ?? {};

  const { jurisdiction_id, domain } = inferIds(dir, sm);
  const sourcesSha = sourcesManifest === undefined ? '' : digestValue(sourcesManifest).hex;

  const sources: JsonValue[] = [];
  const listed = sm.sources;
  if (Array.isArray(listed)) {
    for (const s of listed) {
      if (!isJsonObject(s)) continue;
      const src: JsonObject = { ...s };
      src.source_id = text(s.source_id).trim() || text(s.id).trim() || 'source';
      const uri = text(s.uri).trim() || text(s.url).trim() || text(s.reference).trim();
      if (uri !== '') src.uri = uri;
      sources.push(src);
    }
  }
  const norm = isJsonObject(sm.normalization) ? sm.normalization : {};
  const normalization: JsonObject = {
    recipe_id: text(norm.recipe_id) || 'msez.law.normalization.v1',
    tool: 'msez',
    tool_version: (options.lockedToolVersion ?? '').trim() || options.toolVersion || 'unknown',
    inputs: [{ module_id: text(manifest.module_id), module_version: text(manifest.version), sources_manifest_sha256: sourcesSha }],
    notes: text(norm.notes),
  };
  const lawpack: JsonObject = {
    lawpack_format_version: '1',
    jurisdiction_id,
    domain,
    as_of_date: asOf,
    sources,
    license: text(manifest.license) || text(sm.license) || 'NOASSERTION',
    normalization,
  };

  const aknDir = join(dir, 'src', 'akn');
  const xmlFiles = listFiles(aknDir, '.xml');
  if (xmlFiles.length === 0) {
    throw new MsezError('FILE_NOT_FOUND', `${aknDir}: no Akoma Ntoso XML (expected src/akn/**/*.xml)`, { path: aknDir });
  }
  const files = new Map<string, Uint8Array>();
  const documents: JsonObject = {};
  const akn: Record<string, Sha256Hex> = {};
  for (const rel of xmlFiles) {
    const packPath = `akn/${rel}`;
    const entry = indexAknDocument(readFileBytes(join(aknDir, rel)), join(aknDir, rel));
    files.set(packPath, entry.c14n);
    akn[packPath] = entry.document_sha256;
    documents[packPath] = { document_sha256: entry.document_sha256, fragments: fragmentsJson(entry.fragments) };
  }
  const index: JsonObject = { index_version: '1', jurisdiction_id, domain, documents };
  const lawpackBytes = mcf(lawpack);
  const indexBytes = mcf(index);
  files.set('lawpack.yaml', lawpackBytes);
  files.set('index.json', indexBytes);

  const raw = new Map<string, Uint8Array>();
  if (options.includeRaw === true) {
    const rawDir = join(dir, 'src', 'raw');
    for (const rel of listFiles(rawDir, '')) raw.set(`raw/${rel}`, readFileBytes(join(rawDir, rel)));
  }

  return {
    jurisdiction_id,
    domain,
    as_of_date: asOf,
    lawpack,
    index,
    files,
    raw,
    digest: lawpackDigest(files),
    components: {
      lawpack_yaml_sha256: digestRaw(lawpackBytes).hex,
      index_json_sha256: digestRaw(indexBytes).hex,
      akn_sha256: akn,
      sources_sha256: sourcesManifest === undefined ? EMPTY_OBJECT_SHA256 : (sourcesSha as Sha256Hex),
      module_manifest_sha256: digestValue(manifest).hex,
    },
    has_sources: sourcesManifest !== undefined,
  };
}

function fragmentsJson(fragments: Record<string, EidFragment>): JsonObject {
  const out: JsonObject = {};
  for (const [eid, f] of Object.entries(fragments)) {
    setMember(out, eid, { sha256: f.sha256, xpath: f.xpath, byte_start: f.byte_start, byte_end: f.byte_end });
  }
  return out;
}

/** jurisdiction_id and domain from sources.yaml, else from `…/jurisdictions/<jid path>/<domain>`. */
function inferIds(dir: string, sm: JsonObject): { jurisdiction_id: string; domain: string } {
  let jid = text(sm.jurisdiction_id).trim();
  let domain = text(sm.domain).trim();
  if (jid === '' || domain === '') {
    const parts = dir.split(sep).filter((p) => p !== '');
    const i = parts.lastIndexOf('jurisdictions');
    if (i >= 0) {
      if (domain === '') domain = parts[parts.length - 1] ?? '';
      if (jid === '' && parts.length >= i + 2) jid = parts.slice(i + 1, -1).join('-');
    }
  }
  return { jurisdiction_id: jid || 'unknown', domain: domain || 'unknown' };
}

/** The archive entries: digested files, `digest.sha256` (hex + LF) and any `raw/` files. */
export function lawpackZip(build: LawpackBuild): Uint8Array {
  const entries = new Map<string, Uint8Array>(build.files);
  entries.set('digest.sha256', enc.encode(`${build.digest}\n`));
  for (const [k, v] of build.raw) entries.set(k, v);
  return deterministicZip(entries);
}

/** lawpack.lock.json in the key order formats.md §7 fixes; no `generated_at`, so re-ingest is stable. */
export function lawpackLock(build: LawpackBuild, artifactPath: string, artifactSha256: Sha256Hex): JsonObject {
  return {
    lawpack_digest_sha256: build.digest,
    jurisdiction_id: build.jurisdiction_id,
    domain: build.domain,
    as_of_date: build.as_of_date,
    artifact_path: artifactPath,
    artifact_sha256: artifactSha256,
    components: {
      lawpack_yaml_sha256: build.components.lawpack_yaml_sha256,
      index_json_sha256: build.components.index_json_sha256,
      akn_sha256: { ...build.components.akn_sha256 },
      sources_sha256: build.components.sources_sha256,
      module_manifest_sha256: build.components.module_manifest_sha256,
    },
    provenance: {
      module_manifest_path: 'module.yaml',
      sources_manifest_path: build.has_sources ? 'sources.yaml' : '',
      raw_sources: {},
      normalization: build.lawpack.normalization as JsonObject,
    },
  };
}

export interface IngestOptions extends LawpackBuildOptions {
  /** Workspace root: lock paths are written relative to it. */
  readonly root: string;
  /** Where `<jid>/<domain>/<digest>.lawpack.zip` goes; default `<root>/dist/lawpacks`. */
  readonly outDir?: string;
  readonly store: ArtifactStore;
}

export interface IngestResult {
  readonly lawpack_digest_sha256: Sha256Hex;
  readonly jurisdiction_id: string;
  readonly domain: string;
  readonly as_of_date: string;
  readonly artifact_path: string;
  readonly artifact_sha256: Sha256Hex;
  readonly lock_path: string;
  readonly cas: StoredArtifact;
  readonly documents: number;
  readonly fragments: number;
}

/**
 * `msez law ingest`: build, then write the zip (atomically), store it in the CAS as
 * `lawpack/<digest>.lawpack.zip` and write `<module>/lawpack.lock.json`. Nothing is written when any
 * input is bad, because every check runs in {@link buildLawpack} first.
 */
export function ingestLawpack(moduleDir: string, options: IngestOptions): IngestResult {
  const root = resolve(options.root);
  const dir = resolve(moduleDir);
  const build = buildLawpack(dir, options);
  const zip = lawpackZip(build);
  const outBase = resolve(options.outDir ?? join(root, 'dist', 'lawpacks'));
  const zipPath = join(outBase, build.jurisdiction_id, build.domain, `${build.digest}.lawpack.zip`);
  writeFileAtomic(zipPath, zip);
  const cas = options.store.storeBlob('lawpack', zip, '.lawpack.zip');
  const artifactPath = posixRelative(root, zipPath);
  const artifactSha = digestRaw(zip).hex;
  const lockPath = join(dir, 'lawpack.lock.json');
  writeFileAtomic(lockPath, prettyJson(lawpackLock(build, artifactPath, artifactSha)));
  let fragments = 0;
  for (const d of Object.values(build.index.documents as JsonObject)) fragments += Object.keys((d as JsonObject).fragments as JsonObject).length;
  return {
    lawpack_digest_sha256: build.digest,
    jurisdiction_id: build.jurisdiction_id,
    domain: build.domain,
    as_of_date: build.as_of_date,
    artifact_path: artifactPath,
    artifact_sha256: artifactSha,
    lock_path: posixRelative(root, lockPath),
    cas,
    documents: Object.keys(build.components.akn_sha256).length,
    fragments,
  };
}

/** The `tool_version` recorded in a module's existing lawpack.lock.json, if any. */
export function lockedToolVersion(moduleDir: string): string | undefined {
  const p = join(resolve(moduleDir), 'lawpack.lock.json');
  if (!existsSync(p)) return undefined;
  const lock = parseJsonBytes(readFileBytes(p), { file: p }).value;
  if (!isJsonObject(lock) || !isJsonObject(lock.provenance) || !isJsonObject(lock.provenance.normalization)) return undefined;
  const v = lock.provenance.normalization.tool_version;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function posixRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

// ## Reading a received lawpack

/** A lawpack as received: a zip, or an unpacked folder with the same entries. */
export interface ReceivedLawpack {
  readonly source: string;
  readonly entries: ReadonlyMap<string, Uint8Array>;
}

export function readReceivedLawpack(path: string): ReceivedLawpack {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new MsezError('FILE_NOT_FOUND', `${path}: no such file or directory`, { path });
  if (lstatSync(abs).isDirectory()) {
    const entries = new Map<string, Uint8Array>();
    for (const rel of listFiles(abs, '')) entries.set(rel, readFileBytes(join(abs, rel)));
    return { source: path, entries };
  }
  return { source: path, entries: readZip(readFileBytes(abs), path) };
}

/**
 * Recomputes the canonical bytes of a received lawpack's digested paths: MCF for `lawpack.yaml` (read as
 * JSON or YAML) and `index.json`, Exclusive C14N for `akn/**.xml`. Other entries are ignored, as in the
 * reference.
 */
export function canonicalFilesOf(received: ReceivedLawpack): Map<string, Uint8Array> {
  const { entries, source } = received;
  const need = (name: string): Uint8Array => {
    const b = entries.get(name);
    if (b === undefined) throw new MsezError('VALIDATION_FAILED', `${source}: not a lawpack (no ${name})`, { path: source, missing: name });
    return b;
  };
  const files = new Map<string, Uint8Array>();
  files.set('lawpack.yaml', mcf(parseJsonOrYamlBytes(need('lawpack.yaml'), `${source}!lawpack.yaml`)));
  files.set('index.json', mcf(parseJsonBytes(need('index.json'), { file: `${source}!index.json` }).value));
  const akn = [...entries.keys()].filter((n) => n.startsWith('akn/') && n.endsWith('.xml'));
  if (akn.length === 0) throw new MsezError('VALIDATION_FAILED', `${source}: not a lawpack (no akn/*.xml)`, { path: source, missing: 'akn/' });
  for (const n of akn) files.set(n, c14nDocument(parseXmlDocument(entries.get(n) as Uint8Array, `${source}!${n}`)));
  return files;
}

/** The lawpack digest of a zip's bytes: the CAS digest rule for `.lawpack.zip` (canonical.md §7). */
export function lawpackDigestOfZip(bytes: Uint8Array): Sha256Hex {
  return lawpackDigest(canonicalFilesOf({ source: '<lawpack.zip>', entries: readZip(bytes, '<lawpack.zip>') }));
}

export interface LawpackVerifyReport {
  readonly path: string;
  readonly ok: boolean;
  readonly lawpack_digest_sha256: Sha256Hex;
  /** Each claim checked: `digest.sha256`, the file name, `--expect`. */
  readonly claims: ReadonlyArray<{ readonly source: string; readonly claimed: string; readonly ok: boolean }>;
}

/** Recomputes a received lawpack's digest and compares it with every claim it carries or the caller makes. */
export function verifyLawpack(path: string, expect?: string): LawpackVerifyReport {
  const received = readReceivedLawpack(path);
  const digest = lawpackDigest(canonicalFilesOf(received));
  const claims: Array<{ source: string; claimed: string; ok: boolean }> = [];
  const digestFile = received.entries.get('digest.sha256');
  if (digestFile !== undefined) {
    const claimed = decodeUtf8(digestFile, 'digest.sha256').trim().toLowerCase();
    claims.push({ source: 'digest.sha256', claimed, ok: claimed === digest });
  }
  const m = /^([0-9a-fA-F]{64})\.lawpack\.zip$/.exec(basename(path));
  if (m !== null) claims.push({ source: 'file name', claimed: (m[1] ?? '').toLowerCase(), ok: (m[1] ?? '').toLowerCase() === digest });
  if (expect !== undefined) {
    const claimed = parseSha256Hex(expect, '--expect');
    claims.push({ source: '--expect', claimed, ok: claimed === digest });
  }
  return { path, ok: claims.every((c) => c.ok), lawpack_digest_sha256: digest, claims };
}

// ## One provision

export interface Provision {
  readonly lawpack_digest_sha256: Sha256Hex;
  readonly eid: string;
  readonly document: string;
  readonly xpath: string;
  readonly sha256: Sha256Hex;
  /** The fragment's exclusive canonical XML. */
  readonly xml: string;
  /** Its text content with runs of whitespace collapsed. */
  readonly text: string;
}

/** Finds one eId in a lawpack (the zip's bytes) and returns its canonical fragment, re-checked by hash. */
export function showProvision(digest: Sha256Hex, zipBytes: Uint8Array, eid: string): Provision {
  const entries = readZip(zipBytes, `${digest}.lawpack.zip`);
  const indexBytes = entries.get('index.json');
  if (indexBytes === undefined) throw new MsezError('VALIDATION_FAILED', `lawpack ${digest} has no index.json`, { digest });
  const index = parseJsonBytes(indexBytes, { file: 'index.json' }).value;
  const documents = isJsonObject(index) && isJsonObject(index.documents) ? index.documents : {};
  for (const doc of Object.keys(documents).sort(compareCodePoints)) {
    const d = documents[doc];
    const frags = isJsonObject(d) && isJsonObject(d.fragments) ? d.fragments : {};
    if (!Object.hasOwn(frags, eid)) continue;
    const xmlBytes = entries.get(doc);
    if (xmlBytes === undefined) throw new MsezError('VALIDATION_FAILED', `lawpack ${digest}: index names ${doc}, which is absent`, { digest, document: doc });
    const parsed = parseXmlDocument(xmlBytes, doc);
    const hit = eIdElements(parsed).find((e) => e.eid === eid);
    if (hit === undefined) throw new MsezError('VALIDATION_FAILED', `lawpack ${digest}: ${doc} has no eId ${eid}`, { digest, document: doc, eid });
    const frag = c14nElement(hit.el);
    const sha = digestRaw(frag).hex;
    const entry = frags[eid];
    const indexed = isJsonObject(entry) && typeof entry.sha256 === 'string' ? entry.sha256 : '';
    if (indexed !== sha) {
      throw new MsezError('DIGEST_MISMATCH', `lawpack ${digest}: fragment ${eid} hashes to ${sha}, index says ${indexed}`, {
        digest,
        eid,
        expected: indexed,
        actual: sha,
      });
    }
    return {
      lawpack_digest_sha256: digest,
      eid,
      document: doc,
      xpath: nodePath(hit.el),
      sha256: sha,
      xml: new TextDecoder().decode(frag),
      text: (hit.el.textContent ?? '').replace(/\s+/g, ' ').trim(),
    };
  }
  throw new MsezError('NOT_FOUND', `lawpack ${digest} has no provision with eId ${JSON.stringify(eid)}`, { digest, eid });
}
