/**
 * Regenerates the signed corridor definition VCs of the sample zone data.
 *
 *   npx tsx scripts/sign-corridor-vcs.ts [--created YYYY-MM-DDTHH:MM:SSZ] [--check] [--init-keys]
 *
 * For every `kind: corridor` module under modules/corridors/ it builds an
 * `MSEZCorridorDefinitionCredential` (corridors.md §1) that pins corridor.yaml,
 * trust-anchors.yaml and key-rotation.yaml by their **raw** file sha256 (design D16),
 * signs it with the TEST-ONLY maintainer key (eddsa-jcs-2022, design D6) and writes it to the
 * corridor's `definition_vc_path`. Ed25519 is deterministic and `created` is fixed, so a rerun
 * over unchanged files reproduces the same bytes; `--check` only reports files that would change.
 *
 * `--init-keys` creates any missing TEST-ONLY key in test/keys/ (mode 0600, never overwrites).
 * The keys in test/keys/ are public test material: never use them for anything real.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { digestRaw, isJsonObject, parseYaml, writeFileAtomic, type JsonObject } from '../src/core/index.js';
import { createKeyFile, randomSeed, wipe, writeNewKeyFile } from '../src/crypto/index.js';
import { loadKeyFile, signCredential, verifyCredential } from '../src/vc/index.js';

const ROOT = join(import.meta.dirname, '..');
const KEY_DIR = join(ROOT, 'test', 'keys');
const MAINTAINER_KEY = join(KEY_DIR, 'TEST-ONLY-corridor-maintainer.jwk.json');
const TEST_KEYS = [
  'corridor-maintainer',
  'zone-authority-starter',
  'zone-authority-pk-sifc',
  'zone-authority-pk-rsez',
  'zone-authority-ae-dubai-difc',
  'zone-authority-sa-riyadh',
  'zone-authority-cn-shenzhen',
];
/** Fixed so that regeneration is byte-stable; override with --created. */
const DEFAULT_CREATED = '2025-11-01T00:00:00Z';
const CONTEXTS = [
  'https://www.w3.org/2018/credentials/v1',
  'https://schemas.momentum-sez.org/contexts/msez/v1',
  'https://schemas.momentum-sez.org/contexts/msez/corridor/v1',
];

function initKeys(): void {
  for (const name of TEST_KEYS) {
    const path = join(KEY_DIR, `TEST-ONLY-${name}.jwk.json`);
    if (existsSync(path)) continue;
    const seed = randomSeed();
    try {
      writeNewKeyFile(path, createKeyFile(seed));
    } finally {
      wipe(seed);
    }
    console.error(`created ${relative(ROOT, path)}`);
  }
}

function readYamlObject(path: string): JsonObject {
  const parsed = parseYaml(readFileSync(path, 'utf8'), relative(ROOT, path));
  if (!isJsonObject(parsed.value)) throw new Error(`${path}: expected a mapping`);
  return parsed.value;
}

function str(obj: JsonObject, key: string, fallback?: string): string {
  const v = obj[key];
  if (typeof v === 'string' && v !== '') return v;
  if (fallback !== undefined) return fallback;
  throw new Error(`missing string field ${key}`);
}

function pin(dir: string, file: string): JsonObject {
  return { path: file, sha256: digestRaw(readFileSync(join(dir, file))).hex };
}

function corridorDirs(): string[] {
  const base = join(ROOT, 'modules', 'corridors');
  return readdirSync(base)
    .map((n) => join(base, n))
    .filter((d) => statSync(d).isDirectory() && existsSync(join(d, 'corridor.yaml')))
    .sort();
}

function main(): number {
  const { values } = parseArgs({
    options: { created: { type: 'string' }, check: { type: 'boolean' }, 'init-keys': { type: 'boolean' } },
  });
  if (values['init-keys'] === true) initKeys();
  const created = values.created ?? DEFAULT_CREATED;
  const key = loadKeyFile(MAINTAINER_KEY);
  let stale = 0;
  for (const dir of corridorDirs()) {
    const module = readYamlObject(join(dir, 'module.yaml'));
    const corridor = readYamlObject(join(dir, 'corridor.yaml'));
    const corridorId = str(corridor, 'corridor_id');
    const trustAnchors = str(corridor, 'trust_anchors_path', 'trust-anchors.yaml');
    const keyRotation = str(corridor, 'key_rotation_path', 'key-rotation.yaml');
    const manifest = pin(dir, 'corridor.yaml');
    const credential: JsonObject = {
      '@context': CONTEXTS,
      id: `urn:msez:vc:corridor-definition:${corridorId}:${String(manifest['sha256']).slice(0, 16)}`,
      type: ['VerifiableCredential', 'MSEZCorridorDefinitionCredential'],
      issuer: key.did,
      issuanceDate: created,
      credentialSubject: {
        corridor_id: corridorId,
        ruleset: str(corridor, 'verification_ruleset', 'msez.corridor.verification.v1'),
        artifacts: {
          corridor_manifest: manifest,
          trust_anchors: pin(dir, trustAnchors),
          key_rotation: pin(dir, keyRotation),
        },
        version: str(module, 'version'),
        maintainer: 'msez sample zone data (TEST-ONLY key, see test/keys/README.md)',
      },
    };
    const signed = signCredential(credential, key, { suite: 'eddsa-jcs-2022', created });
    const report = verifyCredential(signed);
    if (!report.ok) throw new Error(`${corridorId}: freshly signed VC does not verify`);
    const out = join(dir, str(corridor, 'definition_vc_path'));
    const bytes = new TextEncoder().encode(`${JSON.stringify(signed, null, 2)}\n`);
    const same = existsSync(out) && Buffer.compare(readFileSync(out), Buffer.from(bytes)) === 0;
    if (values.check === true) {
      if (!same) {
        stale += 1;
        console.error(`stale: ${relative(ROOT, out)}`);
      }
      continue;
    }
    if (!same) writeFileAtomic(out, bytes, 0o644);
    console.error(`${same ? 'unchanged' : 'signed'} ${relative(ROOT, out)}  ${corridorId}`);
  }
  return stale === 0 ? 0 : 1;
}

process.exitCode = main();
