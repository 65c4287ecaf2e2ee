import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ArtifactStore, VerifyEntry } from '../cas/index.js';
import { MsezError, decodeUtf8, digestRaw, isJsonObject, parseJson, readFileBytes } from '../core/index.js';

export interface DistVerifyEntry {
  readonly path: string;
  readonly ok: boolean;
  readonly problem?: string;
}

export interface DistVerifyReport {
  readonly checked: number;
  readonly failed: number;
  readonly artifacts: { readonly checked: number; readonly failed: number; readonly failures: readonly VerifyEntry[] };
  readonly zones: readonly { readonly zone_id: string; readonly outputs: number; readonly failures: readonly DistVerifyEntry[] }[];
}

/**
 * Re-hashes a `dist/` tree: every CAS artifact (ArtifactStore.verifyAll) and every output listed by each
 * `zones/<zone_id>/manifest.json` (size and sha256), plus the manifest's own CAS copy.
 */
export function verifyDist(store: ArtifactStore, distDir: string): DistVerifyReport {
  if (!existsSync(distDir)) throw new MsezError('FILE_NOT_FOUND', `${distDir}: no such directory`, { path: distDir });
  const artifacts = store.verifyAll(join(distDir, 'artifacts'));
  const zones: DistVerifyReport['zones'][number][] = [];
  const zonesDir = join(distDir, 'zones');
  const rel = (p: string): string => relative(distDir, p).split(sep).join('/');
  let checked = artifacts.checked;
  let failed = artifacts.failed;
  for (const name of existsSync(zonesDir) ? readdirSync(zonesDir).sort() : []) {
    const dir = join(zonesDir, name);
    if (name.startsWith('.') || !statSync(dir).isDirectory()) continue;
    const failures: DistVerifyEntry[] = [];
    const manifestPath = join(dir, 'manifest.json');
    let outputs = 0;
    if (!existsSync(manifestPath)) {
      failures.push({ path: rel(manifestPath), ok: false, problem: 'manifest.json is missing' });
    } else {
      const bytes = readFileBytes(manifestPath);
      const digest = digestRaw(bytes).hex;
      if (!existsSync(join(distDir, 'artifacts', 'zone-build', `${digest}.json`))) {
        failures.push({ path: rel(manifestPath), ok: false, problem: `no CAS artifact zone-build/${digest}.json matches manifest.json` });
      }
      let manifest: unknown;
      try {
        manifest = parseJson(decodeUtf8(bytes, manifestPath), { file: manifestPath }).value;
      } catch (err) {
        failures.push({ path: rel(manifestPath), ok: false, problem: err instanceof Error ? err.message : String(err) });
      }
      const list = isJsonObject(manifest) && Array.isArray(manifest.outputs) ? manifest.outputs : [];
      for (const o of list) {
        if (!isJsonObject(o) || typeof o.path !== 'string') continue;
        outputs++;
        const file = join(dir, ...o.path.split('/'));
        const p = rel(file);
        if (!existsSync(file)) {
          failures.push({ path: p, ok: false, problem: 'missing' });
          continue;
        }
        const data = readFileBytes(file);
        const actual = digestRaw(data).hex;
        if (data.byteLength !== o.size) failures.push({ path: p, ok: false, problem: `size ${data.byteLength}, manifest says ${String(o.size)}` });
        else if (actual !== o.sha256) failures.push({ path: p, ok: false, problem: `hashes to ${actual}, manifest says ${String(o.sha256)}` });
      }
    }
    checked += outputs + 1;
    failed += failures.length;
    zones.push({ zone_id: name, outputs, failures });
  }
  return {
    checked,
    failed,
    artifacts: { checked: artifacts.checked, failed: artifacts.failed, failures: artifacts.entries.filter((e) => !e.ok) },
    zones,
  };
}
