/**
 * Regenerates the signed corridor definition and agreement VCs of the sample zone data.
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
 * For the corridors in {@link AGREEMENTS} it then writes one party-specific
 * `MSEZCorridorAgreementCredential` (corridors.md §2) per zone authority, at the paths corridor.yaml lists in
 * `agreement_vc_path` (in that order): issued and signed by the party's TEST-ONLY key, bound to the payload
 * digest of the definition VC just signed, 2-of-2 `zone_authority` activation. The party's `commitment`
 * comes from the table, so a corridor can be left pending on purpose; the script prints the activation
 * result of src/vc's check for each.
 *
 * `--init-keys` creates any missing TEST-ONLY key in test/keys/ (mode 0600, never overwrites).
 * The keys in test/keys/ are public test material: never use them for anything real.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { digestRaw, isJsonObject, parseYaml, writeFileAtomic, type JsonObject } from '../src/core/index.js';
import { createKeyFile, randomSeed, wipe, writeNewKeyFile } from '../src/crypto/index.js';
import {
  buildAgreementCredential,
  checkActivation,
  credentialPayloadDigest,
  loadKeyFile,
  readCorridorPackage,
  signCredential,
  verifyCredential,
  type SigningKey,
} from '../src/vc/index.js';

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

interface PartyAgreement {
  /** test/keys/TEST-ONLY-<key>.jwk.json; its DID must be a participant of corridor.yaml. */
  key: string;
  /** Relative to the corridor folder; the list must equal corridor.yaml `agreement_vc_path`. */
  path: string;
  /** `agree` counts toward activation; anything else blocks it (`<did>:<commitment>`). */
  commitment: string;
  party_terms?: JsonObject;
}

/**
 * Sample agreements. pk-ae is fully agreed (activation holds). pk-cn is deliberately left pending: the
 * cn-shenzhen authority has signed `defer`, so the lock records `corridor_activated: false` and the
 * blocker `<cn-shenzhen did>:defer` until a fresh `agree` VC replaces it.
 */
const AGREEMENTS: Record<string, PartyAgreement[]> = {
  'org.momentum.msez.corridor.pk-ae.remittance-trade': [
    { key: 'zone-authority-pk-sifc', path: 'agreements/pk-sifc.agreement.vc.json', commitment: 'agree' },
    { key: 'zone-authority-ae-dubai-difc', path: 'agreements/ae-dubai-difc.agreement.vc.json', commitment: 'agree' },
  ],
  'org.momentum.msez.corridor.pk-cn.cpec-trade': [
    { key: 'zone-authority-pk-rsez', path: 'agreements/pk-rsez.agreement.vc.json', commitment: 'agree' },
    {
      key: 'zone-authority-cn-shenzhen',
      path: 'agreements/cn-shenzhen.agreement.vc.json',
      commitment: 'defer',
      party_terms: {
        note: 'Sample pending state: activation deferred until the electronic certificate-of-origin exchange with Pakistan Customs is configured for this corridor.',
      },
    },
  ],
};

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

const keyCache = new Map<string, SigningKey>();
function testKey(name: string): SigningKey {
  let key = keyCache.get(name);
  if (key === undefined) {
    key = loadKeyFile(join(KEY_DIR, `TEST-ONLY-${name}.jwk.json`));
    keyCache.set(name, key);
  }
  return key;
}

/** The party-specific agreement VCs of one corridor, bound to its freshly signed definition VC. */
function agreements(corridor: JsonObject, corridorId: string, definition: JsonObject, parties: PartyAgreement[], created: string): [string, JsonObject][] {
  const listed = corridor.agreement_vc_path;
  const paths = typeof listed === 'string' ? [listed] : Array.isArray(listed) ? listed : [];
  if (JSON.stringify(paths) !== JSON.stringify(parties.map((p) => p.path))) {
    throw new Error(`${corridorId}: corridor.yaml agreement_vc_path must list ${parties.map((p) => p.path).join(', ')} in that order`);
  }
  const participants = (Array.isArray(corridor.participants) ? corridor.participants : []).filter(isJsonObject).map((p) => ({ id: String(p.id), role: String(p.role) }));
  const roleCount = participants.filter((p) => p.role === 'zone_authority').length;
  const settlement = isJsonObject(corridor.settlement) ? corridor.settlement : {};
  const terms: JsonObject = {
    settlement_currencies: Array.isArray(settlement.currencies) ? settlement.currencies : [],
    dispute_resolution: isJsonObject(corridor.dispute_resolution) ? corridor.dispute_resolution : {},
    state_transition_ruleset: 'msez.corridor.state-transition.v2',
  };
  return parties.map((p) => {
    const key = testKey(p.key);
    const participant = participants.find((x) => x.id === key.did);
    if (participant === undefined) throw new Error(`${corridorId}: ${p.key} (${key.did}) is not a corridor.yaml participant`);
    const subject = {
      corridor_id: corridorId,
      definition_payload_sha256: credentialPayloadDigest(definition),
      definition_vc_id: String(definition.id),
      participants,
      activation: { thresholds: [{ role: 'zone_authority', required: roleCount, of: roleCount }], accept_commitments: ['agree'] },
      terms,
      party: { id: key.did, role: participant.role },
      commitment: p.commitment,
      ...(p.party_terms === undefined ? {} : { party_terms: p.party_terms }),
    };
    const unsigned = buildAgreementCredential({
      id: `urn:msez:vc:corridor-agreement:${corridorId}:${p.key.replace(/^zone-authority-/, '')}`,
      issuer: key.did,
      issuanceDate: created,
      subject,
    });
    unsigned['@context'] = CONTEXTS;
    const vc = signCredential(unsigned, key, { suite: 'eddsa-jcs-2022', created });
    if (!verifyCredential(vc).ok) throw new Error(`${corridorId}: freshly signed agreement VC does not verify`);
    return [p.path, vc];
  });
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
    const outputs: [string, JsonObject][] = [[str(corridor, 'definition_vc_path'), signed]];
    const parties = AGREEMENTS[corridorId];
    if (parties !== undefined) outputs.push(...agreements(corridor, corridorId, signed, parties, created));
    for (const [rel, vc] of outputs) {
      const out = join(dir, rel);
      const bytes = new TextEncoder().encode(`${JSON.stringify(vc, null, 2)}\n`);
      const same = existsSync(out) && Buffer.compare(readFileSync(out), Buffer.from(bytes)) === 0;
      if (values.check === true) {
        if (!same) {
          stale += 1;
          console.error(`stale: ${relative(ROOT, out)}`);
        }
        continue;
      }
      if (!same) {
        mkdirSync(dirname(out), { recursive: true });
        writeFileAtomic(out, bytes, 0o644);
      }
      console.error(`${same ? 'unchanged' : 'signed'} ${relative(ROOT, out)}  ${corridorId}`);
    }
    if (parties !== undefined && values.check !== true) {
      const a = checkActivation(readCorridorPackage(dir));
      const status = a.activated ? 'activation holds' : `activation pending (${[...a.blockers, ...a.errors.map((e) => `[${e.check}] ${e.message}`)].join('; ')})`;
      console.error(`  ${corridorId}: ${status}`);
    }
  }
  return stale === 0 ? 0 : 1;
}

process.exitCode = main();
