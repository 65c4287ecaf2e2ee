// Zone compiler benchmarks (issue 3): lock and build of the largest zone (most profile modules), wall ms,
// in a temp copy of the workspace so dist/ of the repository is untouched; validate of every module.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArtifactStore } from '../build/src/cas/index.js';
import { buildModule, writeBuild } from '../build/src/builder/index.js';
import { computeLock } from '../build/src/lock/index.js';
import { corridorActivation } from '../build/cli/corridor-activation.js';
import { loadSchemaRegistry } from '../build/src/schema/index.js';
import { loadWorkspace, validateSelection } from '../build/src/zone/index.js';
import { round, timeOnce } from './_measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function run() {
  const ws0 = loadWorkspace(root);
  if (ws0.zones.length === 0) return {};
  const size = (z) => ws0.profiles.get(z.profileId)?.modules.length ?? 0;
  const largest = [...ws0.zones].sort((a, b) => size(b) - size(a))[0];
  const rel = largest.doc.rel;

  const tmp = mkdtempSync(join(tmpdir(), 'msez-bench-zone-'));
  try {
    for (const part of ['modules', 'profiles', 'jurisdictions', 'registries', 'rulesets']) {
      if (existsSync(join(root, part))) cpSync(join(root, part), join(tmp, part), { recursive: true });
    }
    const registry = loadSchemaRegistry(tmp);
    const validate = timeOnce(() => {
      const ws = loadWorkspace(tmp);
      return validateSelection(ws, { modules: [...ws.modules.values()], profiles: [], zones: [], registries: false }, registry);
    });
    const lockRun = timeOnce(() => {
      const ws = loadWorkspace(tmp);
      const zone = ws.zones.find((z) => z.doc.rel === rel);
      return computeLock(ws, zone, { strict: false, now: '2026-01-01T00:00:00Z', activation: corridorActivation });
    });
    const buildRun = timeOnce(() => {
      const ws = loadWorkspace(tmp);
      const zone = ws.zones.find((z) => z.doc.rel === rel);
      const lock = computeLock(ws, zone, { strict: false, now: '2026-01-01T00:00:00Z', activation: corridorActivation });
      const profile = ws.profiles.get(zone.profileId);
      const modules = profile.modules.map((e) => buildModule(ws, zone, e, { strictRender: false }));
      return writeBuild(tmp, zone, lock, modules, new ArtifactStore({ root: tmp }));
    });
    return {
      'zone.largest.modules': size(largest),
      'zone.lock.largest.wall_ms': round(lockRun.ms),
      'zone.build.largest.wall_ms': round(buildRun.ms),
      'zone.build.largest.outputs': buildRun.value.manifest.outputs.length,
      'zone.validate.all_modules.count': validate.value.checked.modules,
      'zone.validate.all_modules.wall_ms': round(validate.ms),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
