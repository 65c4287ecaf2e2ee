import { Flags } from '@oclif/core';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MsezCommand } from '../../../cli/base.js';
import { findWorkspaceRoot, openStore } from '../../../cli/workspace.js';
import { MsezError, digestRaw, digestValue, isJsonObject, mcfText, parseYaml, readDataFile, readFileBytes, writeFileAtomic, type JsonValue } from '../../../src/core/index.js';
import { REGISTRY_ARTIFACT_TYPE, buildRegistryLock, buildRegistrySnapshot, lockToJson, snapshotToJson } from '../../../src/corridor/index.js';

interface RegistryLockResult {
  lock: string;
  snapshot_digest_sha256: string;
  kinds: string[];
  written: boolean;
  stale?: boolean;
}

export default class CorridorRegistryLock extends MsezCommand<RegistryLockResult> {
  static override summary = 'Write (or --check) the transition-type registry lock and store its snapshot in the CAS.';
  static override description =
    'Reads registries/transition-types.yaml, re-checks each ruleset_path against its ruleset_digest_sha256, writes the lock ' +
    '(canonical JSON + newline) and stores the snapshot as artifact type transition-types (its MCF digest is its name). ' +
    '--check writes nothing and exits 1 (LOCK_MISMATCH) when the committed lock is stale.';
  static override examples = ['<%= config.bin %> corridor registry lock', '<%= config.bin %> corridor registry lock --check'];
  static override flags = {
    registry: Flags.string({ summary: 'Registry YAML (default: <root>/registries/transition-types.yaml).' }),
    out: Flags.string({ summary: 'Lock file (default: <root>/registries/transition-types.lock.json).' }),
    check: Flags.boolean({ summary: 'Compare with the existing lock instead of writing.' }),
    root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
  };

  async run(): Promise<RegistryLockResult> {
    const { flags } = await this.parse(CorridorRegistryLock);
    const root = findWorkspaceRoot(flags.root);
    const regPath = flags.registry ?? join(root, 'registries', 'transition-types.yaml');
    const out = flags.out ?? join(root, 'registries', 'transition-types.lock.json');
    const bytes = readFileBytes(regPath);
    const doc = parseYaml(new TextDecoder().decode(bytes), regPath).value;
    if (!isJsonObject(doc) || !Array.isArray(doc.transition_types)) throw new MsezError('VALIDATION_FAILED', `${regPath}: transition_types must be a list`, { file: regPath });
    const entries = doc.transition_types.map((e): JsonValue => (isJsonObject(e) ? checkedEntry(root, e) : e));
    const snapshot = buildRegistrySnapshot(entries, typeof doc.version === 'number' ? doc.version : 1);
    const lock = lockToJson(buildRegistryLock(snapshot, { registry_path: relative(root, regPath), registry_sha256: digestRaw(bytes).hex }));
    const text = `${mcfText(lock)}\n`;
    const result = { lock: out, snapshot_digest_sha256: String(lock.snapshot_digest_sha256), kinds: snapshot.transition_types.map((e) => e.kind) };
    if (flags.check) {
      const current = existsSync(out) ? new TextDecoder().decode(readFileBytes(out)) : undefined;
      if (current !== text) throw new MsezError('LOCK_MISMATCH', `${out} is stale (fresh snapshot ${result.snapshot_digest_sha256}); run msez corridor registry lock`, { ...result, stale: true });
      this.print(`ok: ${out} is current (${result.snapshot_digest_sha256})\n`);
      return { ...result, written: false, stale: false };
    }
    openStore(root).storeJson(REGISTRY_ARTIFACT_TYPE, snapshotToJson(snapshot));
    writeFileAtomic(out, text);
    this.print(`${result.snapshot_digest_sha256}  ${out} (${result.kinds.length} kind(s))\n`);
    return { ...result, written: true };
  }
}

/** Drops `ruleset_path` after checking that the file's sha256(MCF) equals `ruleset_digest_sha256`. */
function checkedEntry(root: string, e: Record<string, JsonValue>): JsonValue {
  const { ruleset_path: path, ...rest } = e;
  if (path === undefined) return rest;
  if (typeof path !== 'string') throw new MsezError('VALIDATION_FAILED', 'ruleset_path must be a string', { kind: e.kind ?? null });
  const actual = digestValue(readDataFile(join(root, path)).value).hex;
  if (rest.ruleset_digest_sha256 !== actual) throw new MsezError('VALIDATION_FAILED', `kind ${String(e.kind)}: ruleset_digest_sha256 differs from sha256(MCF(${path})) = ${actual}`, { kind: e.kind ?? null, actual });
  return rest;
}
