import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ArtifactStore } from '../cas/index.js';
import {
  MsezError,
  decodeUtf8,
  digestRaw,
  isJsonObject,
  mcf,
  readFileBytes,
  writeFileAtomic,
  type JsonObject,
  type JsonValue,
} from '../core/index.js';
import { comparePaths, listModuleFiles, type LockResult } from '../lock/index.js';
import type { ProfileModule, Workspace, ZoneInfo } from '../zone/index.js';
import { applyUnifiedDiff } from './overlay.js';
import { isRenderable, moduleDefaults, parameterContext, renderTemplate } from './render.js';

/** CAS type of every build output file (stored raw under one suffix, so equal bytes never collide). */
export const OUTPUT_ARTIFACT_TYPE = 'zone-output';
export const OUTPUT_SUFFIX = '.bin';
/** CAS type of the build manifest. */
export const MANIFEST_ARTIFACT_TYPE = 'zone-build';
export const BUILD_MANIFEST_VERSION = '1';

export interface BuildOptions {
  /** Fail on a placeholder with no parameter (RENDER_VARIABLE_MISSING) instead of leaving it. */
  readonly strictRender: boolean;
}

export interface OutputFile {
  /** Path under `dist/zones/<zone_id>/`, posix. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface ModuleBuild {
  readonly module_id: string;
  readonly version: string;
  readonly variant: string;
  readonly params: JsonObject;
  readonly patches_sha256: readonly string[];
  readonly files: readonly OutputFile[];
}

export interface BuildOutputEntry {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export interface BuildResult {
  readonly zone_id: string;
  readonly out_dir: string;
  readonly manifest_path: string;
  readonly manifest_sha256: string;
  readonly manifest: JsonObject;
}

/**
 * One module's outputs: its files with the zone's overlay patches applied (jsdiff, in list order), then
 * placeholders rendered with the module's parameter context (formats.md §4).
 */
export function buildModule(ws: Workspace, zone: ZoneInfo, entry: ProfileModule, opts: BuildOptions): ModuleBuild {
  const m = ws.modules.get(entry.module_id);
  if (m === undefined) throw new MsezError('MODULE_NOT_FOUND', `no module declares module_id ${entry.module_id}`, { module_id: entry.module_id });
  const files = new Map<string, Uint8Array>();
  for (const rel of listModuleFiles(m.doc.dir, ws.root)) files.set(rel.join('/'), readFileBytes(join(m.doc.dir, ...rel)));

  const patches: string[] = [];
  const overlays = Array.isArray(zone.doc.value.overlays) ? zone.doc.value.overlays : [];
  for (const o of overlays) {
    if (!isJsonObject(o) || o.module_id !== m.id || !Array.isArray(o.patches)) continue;
    for (const p of o.patches) {
      const path = resolve(zone.doc.dir, String(p));
      const bytes = readFileBytes(path);
      patches.push(digestRaw(bytes).hex);
      applyUnifiedDiff(files, decodeUtf8(bytes, String(p)), String(p));
    }
  }

  const overrides = isJsonObject(zone.doc.value.params_overrides) ? zone.doc.value.params_overrides[m.id] : undefined;
  const params = parameterContext([moduleDefaults(m.doc.value.parameters), entry.params, isJsonObject(overrides) ? overrides : {}]);
  const ctx = parameterContext([{ jurisdiction_id: zone.jurisdictionId, zone_id: zone.id, zone_name: zone.zoneName }, params]);

  const out: OutputFile[] = [];
  for (const [rel, bytes] of files) {
    const path = `modules/${m.id}/${rel}`;
    if (!isRenderable(rel)) {
      out.push({ path, bytes });
      continue;
    }
    const source = decodeUtf8(bytes, `${m.doc.rel.replace(/module\.yaml$/, '')}${rel}`);
    out.push({ path, bytes: new TextEncoder().encode(renderTemplate(source, ctx, path, opts.strictRender)) });
  }
  return { module_id: m.id, version: m.version, variant: entry.variant, params, patches_sha256: patches, files: out };
}

function sortOutputs<T extends { path: string }>(xs: T[]): T[] {
  return xs.sort((a, b) => comparePaths(a.path.split('/'), b.path.split('/')));
}

/**
 * Writes a build: every output into the CAS (type `zone-output`) and under `dist/zones/<zone_id>/`, plus the
 * build manifest (CAS type `zone-build`, and `manifest.json` holding the same canonical bytes). Files are
 * staged in a sibling folder and swapped in, so a failed build leaves the previous one intact. Modes are
 * set explicitly so the tree does not depend on the umask.
 */
export function writeBuild(root: string, zone: ZoneInfo, lock: LockResult, modules: readonly ModuleBuild[], store: ArtifactStore): BuildResult {
  const zonesDir = join(root, 'dist', 'zones');
  const outDir = join(zonesDir, zone.id);
  const stage = join(zonesDir, `.${zone.id}.staging`);
  const resolvedParams: JsonObject = {};
  for (const mb of modules) resolvedParams[mb.module_id] = mb.params;
  const paramsBytes = withNewline(mcf(resolvedParams));
  const files: OutputFile[] = sortOutputs([
    ...modules.flatMap((mb) => mb.files),
    { path: 'stack.lock', bytes: lock.bytes },
    { path: 'params.json', bytes: paramsBytes },
  ]);
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new MsezError('CONFLICT', `two outputs map to ${f.path}`, { path: f.path });
    seen.add(f.path);
  }

  rmSync(stage, { recursive: true, force: true });
  const outputs: BuildOutputEntry[] = [];
  try {
    for (const f of files) {
      const stored = store.storeBlob(OUTPUT_ARTIFACT_TYPE, f.bytes, OUTPUT_SUFFIX);
      fixMode(join(root, stored.path));
      writeOut(stage, f.path, f.bytes);
      outputs.push({ path: f.path, sha256: stored.digest_sha256, size: f.bytes.byteLength });
    }
    const manifest: JsonObject = {
      build_manifest_version: BUILD_MANIFEST_VERSION,
      zone_id: zone.id,
      profile: lock.lock.profile as JsonValue,
      stack_spec_version: lock.lock.stack_spec_version as JsonValue,
      generated_at: lock.lock.generated_at as JsonValue,
      lock_sha256: digestRaw(lock.bytes).hex,
      modules: modules.map((mb) => ({
        module_id: mb.module_id,
        version: mb.version,
        variant: mb.variant,
        params: mb.params,
        patches_sha256: [...mb.patches_sha256],
      })),
      outputs: outputs.map((o) => ({ path: o.path, sha256: o.sha256, size: o.size })),
    };
    const stored = store.storeJson(MANIFEST_ARTIFACT_TYPE, manifest);
    fixMode(join(root, stored.path));
    writeOut(stage, 'manifest.json', mcf(manifest));
    const old = join(zonesDir, `.${zone.id}.previous`);
    rmSync(old, { recursive: true, force: true });
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(stage, outDir);
    rmSync(old, { recursive: true, force: true });
    fixDirModes(join(root, 'dist'));
    return { zone_id: zone.id, out_dir: outDir, manifest_path: join(outDir, 'manifest.json'), manifest_sha256: stored.digest_sha256, manifest };
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    throw err;
  }
}

function withNewline(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.byteLength + 1);
  out.set(body);
  out[body.byteLength] = 0x0a;
  return out;
}

function writeOut(dir: string, rel: string, bytes: Uint8Array): void {
  const path = join(dir, ...rel.split('/'));
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, bytes, 0o644);
  fixMode(path);
}

function fixMode(path: string): void {
  chmodSync(path, 0o644);
}

/** Directories get 0755 whatever the umask was when they were created. */
function fixDirModes(dir: string): void {
  if (!existsSync(dir)) return;
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) fixDirModes(full);
  }
}
