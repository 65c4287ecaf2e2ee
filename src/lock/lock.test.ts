import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { parse as parseYamlLib } from 'yaml';
import { corridorActivation } from '../../cli/corridor-activation.js';
import { expectMsezError, PROJECT_ROOT } from '../../test/support/vectors.js';
import { mcf, type JsonObject } from '../core/index.js';
import { validateAgainst } from '../schema/index.js';
import { agreementSetDigest, credentialPayloadDigest } from '../vc/index.js';
import { loadWorkspace } from '../zone/index.js';
import { checkLock, comparePaths, computeLock, contentSha256, listModuleFiles, parseLockFormat, serializeLock } from './index.js';

const BASE = join(PROJECT_ROOT, 'test', 'fixtures', 'zone', 'base');
const EXPECTED = join(PROJECT_ROOT, 'test', 'fixtures', 'zone', 'expected', 'stack.lock');
const dirs: string[] = [];
function copyBase(): string {
  const d = mkdtempSync(join(tmpdir(), 'msez-lock-'));
  cpSync(BASE, d, { recursive: true });
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('computeLock', () => {
  test('matches the committed fixture lock byte for byte (generated_at normalised to UTC)', () => {
    const ws = loadWorkspace(BASE);
    const r = computeLock(ws, ws.zones[0]!, { strict: true, generatedAt: '2025-01-01T00:00:00+05:00' });
    expect(Buffer.from(r.bytes).equals(readFileSync(EXPECTED))).toBe(true);
    expect(r.bytes[r.bytes.length - 1]).toBe(0x0a);
    expect(r.lock.generated_at).toBe('2024-12-31T19:00:00Z');
    const modules = r.lock.modules as { module_id: string; params: unknown; variant: string }[];
    expect(modules.map((m) => m.module_id)).toEqual(['org.momentum.msez.legal.core', 'org.momentum.msez.reg.aml', 'org.momentum.msez.corridor.demo']);
    // params are the profile's only (formats.md §5 step 6); build merges defaults and overrides.
    expect(modules[1]).toMatchObject({ variant: 'strict', params: { currency: 'PKR' } });
    expect(r.lock.overlays).toEqual([{ module_id: 'org.momentum.msez.reg.aml', patches_sha256: [expect.stringMatching(/^[a-f0-9]{64}$/)] }]);
  });

  test('keeps generated_at of the existing lock, else SOURCE_DATE_EPOCH; strict without either fails', () => {
    const d = copyBase();
    let ws = loadWorkspace(d);
    expectMsezError(() => computeLock(ws, ws.zones[0]!, { strict: true }), 'MISSING_IN_STRICT');
    const first = computeLock(ws, ws.zones[0]!, { strict: false, sourceDateEpoch: '2023-11-14T22:13:20Z', now: '2030-01-01T00:00:00Z' });
    expect(first.lock.generated_at).toBe('2023-11-14T22:13:20Z');
    writeFileSync(first.path, first.bytes);
    ws = loadWorkspace(d);
    const again = computeLock(ws, ws.zones[0]!, { strict: true, sourceDateEpoch: '2029-01-01T00:00:00Z' });
    expect(again.lock.generated_at).toBe('2023-11-14T22:13:20Z');
  });

  test('pack entries read MISSING without a pack lock (non-strict only)', () => {
    const d = copyBase();
    const zone = join(d, 'jurisdictions', 'ex', 'zone.yaml');
    writeFileSync(zone, readFileSync(zone, 'utf8').replace('lawpack_domains: [civil]', 'lawpack_domains: [civil, financial]\nregpack_domains: [tax]'));
    const ws = loadWorkspace(d);
    const r = computeLock(ws, ws.zones[0]!, { strict: false, generatedAt: '2025-01-01T00:00:00Z' });
    expect((r.lock.lawpacks as unknown[])[1]).toEqual({
      jurisdiction_id: 'ex',
      domain: 'financial',
      lawpack_digest_sha256: 'MISSING',
      lawpack_lock_path: 'modules/legal/jurisdictions/ex/financial/lawpack.lock.json',
      lawpack_lock_sha256: 'MISSING',
      lawpack_artifact_path: '',
      as_of_date: '',
    });
    expect((r.lock.regpacks as { regpack_digest_sha256: string }[])[0]?.regpack_digest_sha256).toBe('MISSING');
    expect(r.lock.licensepacks).toBeUndefined();
    expectMsezError(() => computeLock(ws, ws.zones[0]!, { strict: true, generatedAt: '2025-01-01T00:00:00Z' }), 'MISSING_IN_STRICT');
  });
});

describe('checkLock', () => {
  test('passes on identical bytes, and one edited byte of a module makes it a mismatch naming the field', () => {
    const d = copyBase();
    const ws = loadWorkspace(d);
    const r = computeLock(ws, ws.zones[0]!, { strict: true, generatedAt: '2025-01-01T00:00:00Z' });
    writeFileSync(r.path, r.bytes);
    expect(checkLock(loadWorkspace(d), ws.zones[0]!, {})).toMatchObject({ ok: true, differences: [] });
    // Without the trailing newline it still passes (formats.md §5 step 13).
    writeFileSync(r.path, r.bytes.subarray(0, r.bytes.length - 1));
    expect(checkLock(loadWorkspace(d), ws.zones[0]!, {}).ok).toBe(true);
    appendFileSync(join(d, 'modules', 'regulatory', 'aml', 'policy.yaml'), ' ');
    const ws2 = loadWorkspace(d);
    const report = checkLock(ws2, ws2.zones[0]!, {});
    expect(report.ok).toBe(false);
    expect(report.differences).toEqual(['/modules/1/content_sha256']);
  });

  test('an absent lock is FILE_NOT_FOUND (exit 2)', () => {
    const ws = loadWorkspace(copyBase());
    expectMsezError(() => checkLock(ws, ws.zones[0]!, {}), 'FILE_NOT_FOUND');
  });
});

describe('content_sha256', () => {
  test('orders files by path components: a/b before a-b/c', () => {
    const d = mkdtempSync(join(tmpdir(), 'msez-content-'));
    dirs.push(d);
    mkdirSync(join(d, 'a'));
    mkdirSync(join(d, 'a-b'));
    writeFileSync(join(d, 'a', 'b'), 'x');
    writeFileSync(join(d, 'a-b', 'c'), 'y');
    expect(listModuleFiles(d).map((p) => p.join('/'))).toEqual(['a/b', 'a-b/c']);
    expect(comparePaths(['a-b', 'c'], ['a', 'b'])).toBeGreaterThan(0);
    // sha256("a/b\0x\0a-b/c\0y\0")
    expect(contentSha256(d)).toBe('3377722c4fa3cd90d8f7bf20ba19aec858494669c4d3fbb7e5c8a11f4194444a');
  });

  test('refuses symlinks (SYMLINK_REFUSED)', () => {
    const d = mkdtempSync(join(tmpdir(), 'msez-content-'));
    dirs.push(d);
    writeFileSync(join(d, 'real'), 'x');
    symlinkSync('real', join(d, 'link'));
    expectMsezError(() => contentSha256(d), 'SYMLINK_REFUSED');
  });
});

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

describe('serializeLock (formats.md §5 step 14)', () => {
  // Keys out of order, an integer-like key, an empty object and array, a date-time with an offset,
  // characters MCF escapes and one it writes raw.
  const lock: JsonObject = { zeta: [], alpha: { '10': 1, '9': '2025-01-01T05:00:00+05:00', e: {} }, mid: ['a"b\\c', 'tab\there', 'é/\u2028'] };

  test('canonical-json: MCF bytes and one newline', () => {
    const b = serializeLock(lock, 'canonical-json');
    expect(text(b)).toBe('{"alpha":{"10":1,"9":"2025-01-01T00:00:00Z","e":{}},"mid":["a\\"b\\\\c","tab\\there","é/\u2028"],"zeta":[]}\n');
    expect(Buffer.from(b.subarray(0, -1)).equals(Buffer.from(mcf(lock)))).toBe(true);
  });

  test('pretty-json: the MCF value model, keys by code point, indent 2, Python json.dumps layout', () => {
    expect(text(serializeLock(lock, 'pretty-json'))).toBe(
      [
        '{',
        '  "alpha": {',
        '    "10": 1,',
        '    "9": "2025-01-01T00:00:00Z",',
        '    "e": {}',
        '  },',
        '  "mid": [',
        '    "a\\"b\\\\c",',
        '    "tab\\there",',
        '    "é/\u2028"',
        '  ],',
        '  "zeta": []',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('yaml: insertion order, no aliases for shared objects, reads back to the same value', () => {
    const shared = { interface: 'msez.policy.v1' };
    const withShared: JsonObject = { b: [shared], a: [shared], c: 'MISSING' };
    const y = text(serializeLock(withShared, 'yaml'));
    expect(y).toBe('b:\n  - interface: msez.policy.v1\na:\n  - interface: msez.policy.v1\nc: MISSING\n');
    expect(parseYamlLib(y)).toEqual(withShared);
  });

  test('every format refuses what MCF refuses; --format values are closed', () => {
    for (const f of ['canonical-json', 'pretty-json', 'yaml'] as const) expectMsezError(() => serializeLock({ x: 1.5 }, f), 'FLOAT_REJECTED');
    expect(parseLockFormat('yaml')).toBe('yaml');
    expectMsezError(() => parseLockFormat('toml'), 'USAGE');
  });
});

describe('--emit-artifactrefs (formats.md §5 step 11)', () => {
  test('lawpack digests become lawpack refs (uri = CAS path) and corridor digests blob refs (uri = repo path)', () => {
    const ws = loadWorkspace(BASE);
    const plain = computeLock(ws, ws.zones[0]!, { strict: true, generatedAt: '2025-01-01T00:00:00Z' }).lock;
    const refs = computeLock(ws, ws.zones[0]!, { strict: true, generatedAt: '2025-01-01T00:00:00Z', emitArtifactRefs: true }).lock;
    const lp = (plain.lawpacks as JsonObject[])[0]!;
    expect((refs.lawpacks as JsonObject[])[0]).toEqual({
      ...lp,
      lawpack_digest_sha256: { artifact_type: 'lawpack', digest_sha256: lp.lawpack_digest_sha256, uri: lp.lawpack_artifact_path },
    });
    const c = (plain.corridors as JsonObject[])[0]!;
    const dir = 'modules/corridors/demo';
    expect((refs.corridors as JsonObject[])[0]).toEqual({
      ...c,
      corridor_manifest_sha256: { artifact_type: 'blob', digest_sha256: c.corridor_manifest_sha256, uri: `${dir}/corridor.yaml` },
      trust_anchors_sha256: { artifact_type: 'blob', digest_sha256: c.trust_anchors_sha256, uri: `${dir}/trust-anchors.yaml` },
      key_rotation_sha256: { artifact_type: 'blob', digest_sha256: c.key_rotation_sha256, uri: `${dir}/key-rotation.yaml` },
      corridor_definition_vc_sha256: { artifact_type: 'blob', digest_sha256: c.corridor_definition_vc_sha256, uri: `${dir}/corridor.vc.json` },
    });
    // The uri hints name real files whose raw sha256 is the digest.
    for (const k of ['corridor_manifest_sha256', 'corridor_definition_vc_sha256'] as const) {
      const ref = (refs.corridors as JsonObject[])[0]![k] as { uri: string; digest_sha256: string };
      expect(sha(readFileSync(join(BASE, ref.uri)))).toBe(ref.digest_sha256);
    }
  });

  test('MISSING pack digests stay strings; licensepack/regpack refs carry their own type', () => {
    const d = copyBase();
    const zone = join(d, 'jurisdictions', 'ex', 'zone.yaml');
    writeFileSync(zone, readFileSync(zone, 'utf8').replace('lawpack_domains: [civil]', 'lawpack_domains: [civil, financial]\nregpack_domains: [tax]\nlicensepack_domains: [financial]'));
    const regLock = join(d, 'modules', 'regulatory', 'jurisdictions', 'ex', 'tax', 'regpack.lock.json');
    mkdirSync(join(regLock, '..'), { recursive: true });
    writeFileSync(regLock, `{"regpack_digest_sha256":"${'2'.repeat(64)}","as_of_date":"2025-02-01"}`);
    const ws = loadWorkspace(d);
    const r = computeLock(ws, ws.zones[0]!, { strict: false, generatedAt: '2025-01-01T00:00:00Z', emitArtifactRefs: true }).lock;
    expect((r.lawpacks as JsonObject[])[1]!.lawpack_digest_sha256).toBe('MISSING');
    expect((r.licensepacks as JsonObject[])[0]!.licensepack_digest_sha256).toBe('MISSING');
    expect((r.regpacks as JsonObject[])[0]!.regpack_digest_sha256).toEqual({
      artifact_type: 'regpack',
      digest_sha256: '2'.repeat(64),
      uri: `dist/artifacts/regpack/${'2'.repeat(64)}.json`,
    });
  });
});

describe('corridor agreement fields (formats.md §5 step 10) on the repository zone data', () => {
  const ws = loadWorkspace(PROJECT_ROOT);
  const zone = (name: string) => ws.zones.find((z) => z.doc.rel === `jurisdictions/${name}/zone.yaml`)!;
  const corridorOf = (lock: JsonObject, id: string): JsonObject => (lock.corridors as JsonObject[]).find((c) => c.corridor_id === id)!;
  const vcFile = (rel: string) => readFileSync(join(PROJECT_ROOT, rel));
  const vcJson = (rel: string) => JSON.parse(vcFile(rel).toString('utf8')) as JsonObject;
  const A = 'did:key:z6Mkh7WxnNRwWoskQxyPi5oWDbhVZwNFKFW8eshcvV3FYVYs'; // pk-sifc
  const B = 'did:key:z6MkpTUko5NysMSQMxPrZGZ2u6kVn2Mwa4nDoxqTdy1cTUYg'; // ae-dubai-difc
  const C = 'did:key:z6MkruK9Y9h5WaQ9G6Yh7GTDTTPkpR6ys4HZfZQeEvutDzEC'; // pk-rsez
  const D = 'did:key:z6Mkv4HD4PeuLcWEE7JFzopyS2WMZbw9QkXsunxiJLXj5N3e'; // cn-shenzhen

  test('pk-ae: both parties agree, activation holds; every digest recomputed independently', () => {
    const lock = computeLock(ws, zone('pk-sifc'), { strict: true, activation: corridorActivation }).lock;
    const dir = 'modules/corridors/pk-ae/';
    const files = ['agreements/pk-sifc.agreement.vc.json', 'agreements/ae-dubai-difc.agreement.vc.json'];
    const agreements = files.map((f) => vcJson(dir + f));
    expect(corridorOf(lock, 'org.momentum.msez.corridor.pk-ae.remittance-trade')).toEqual({
      corridor_id: 'org.momentum.msez.corridor.pk-ae.remittance-trade',
      corridor_manifest_sha256: sha(vcFile(dir + 'corridor.yaml')),
      trust_anchors_sha256: sha(vcFile(dir + 'trust-anchors.yaml')),
      key_rotation_sha256: sha(vcFile(dir + 'key-rotation.yaml')),
      corridor_definition_vc_sha256: sha(vcFile(dir + 'corridor.vc.json')),
      corridor_definition_signers: ['did:key:z6MkiGXzq6sct8wgxzXfAN8A814F8ZSPoGdXok8AJKxkpr3q'],
      corridor_agreement_vc_sha256: files.map((f) => sha(vcFile(dir + f))),
      corridor_agreement_signers: [A, B].sort(),
      corridor_activated: true,
      corridor_agreement_set_sha256: agreementSetDigest(
        'org.momentum.msez.corridor.pk-ae.remittance-trade',
        credentialPayloadDigest(vcJson(dir + 'corridor.vc.json')),
        agreements,
      ),
      corridor_agreement_payload_sha256_by_path: {
        'agreements/ae-dubai-difc.agreement.vc.json': credentialPayloadDigest(agreements[1]!),
        'agreements/pk-sifc.agreement.vc.json': credentialPayloadDigest(agreements[0]!),
      },
    });
    // Keys of the by-path map are written sorted.
    expect(Object.keys(corridorOf(lock, 'org.momentum.msez.corridor.pk-ae.remittance-trade').corridor_agreement_payload_sha256_by_path as JsonObject)).toEqual([
      'agreements/ae-dubai-difc.agreement.vc.json',
      'agreements/pk-sifc.agreement.vc.json',
    ]);
    expect(validateAgainst('stack.lock', lock)).toEqual([]);
  });

  test('pk-cn: cn-shenzhen defers, so it is pending with a blocker and only pk-rsez is a counted signer', () => {
    const lock = computeLock(ws, zone('cn-shenzhen'), { strict: true, activation: corridorActivation }).lock;
    const c = corridorOf(lock, 'org.momentum.msez.corridor.pk-cn.cpec-trade');
    expect(c.corridor_activated).toBe(false);
    expect(c.corridor_activation_blockers).toEqual([`${D}:defer`]);
    expect(c.corridor_agreement_signers).toEqual([C]);
    expect(c.corridor_agreement_set_sha256).toMatch(/^[a-f0-9]{64}$/);
    // Both zones of the corridor record the same entry.
    expect(corridorOf(computeLock(ws, zone('pk-rsez'), { strict: true, activation: corridorActivation }).lock, 'org.momentum.msez.corridor.pk-cn.cpec-trade')).toEqual(c);
  });

  test('a broken signature un-activates; with no counted party the signers fall back to the proof DIDs', () => {
    const d = mkdtempSync(join(tmpdir(), 'msez-lock-agree-'));
    dirs.push(d);
    for (const part of ['modules', 'profiles', 'jurisdictions', 'registries', 'rulesets']) cpSync(join(PROJECT_ROOT, part), join(d, part), { recursive: true });
    const corridorDir = join(d, 'modules', 'corridors', 'pk-ae');
    // One of the two agreements alone: counted, but 1 of 2 does not meet the threshold.
    expect(
      corridorActivation({
        corridorId: 'org.momentum.msez.corridor.pk-ae.remittance-trade',
        dir: corridorDir,
        agreementPaths: [join(corridorDir, 'agreements', 'pk-sifc.agreement.vc.json')],
      }),
    ).toMatchObject({ activated: false, counted: [A], blockers: [] });
    const corrupt = (name: string): void => {
      const f = join(corridorDir, 'agreements', name);
      const vc = JSON.parse(readFileSync(f, 'utf8')) as { proof: { proofValue: string } };
      vc.proof.proofValue = vc.proof.proofValue.slice(0, -2) + (vc.proof.proofValue.endsWith('11') ? '22' : '11');
      writeFileSync(f, JSON.stringify(vc, null, 2));
    };
    const entry = (): JsonObject => {
      const w = loadWorkspace(d);
      return corridorOf(computeLock(w, w.zones.find((z) => z.id.endsWith('pk-sifc'))!, { strict: true, activation: corridorActivation }).lock, 'org.momentum.msez.corridor.pk-ae.remittance-trade');
    };
    corrupt('ae-dubai-difc.agreement.vc.json');
    expect(entry()).toMatchObject({ corridor_activated: false, corridor_agreement_signers: [A] });
    expect(entry().corridor_activation_blockers).toBeUndefined();
    corrupt('pk-sifc.agreement.vc.json');
    expect(entry()).toMatchObject({ corridor_activated: false, corridor_agreement_signers: [A, B].sort() });
  });

  test('without the activation check a corridor with agreements is INTERNAL (no guessed result)', () => {
    expectMsezError(() => computeLock(ws, zone('pk-sifc'), { strict: true }), 'INTERNAL');
  });

  test('an absent agreement VC is FILE_NOT_FOUND in every mode (D16: MISSING is for pack entries only)', () => {
    const d = copyBase();
    const cy = join(d, 'modules', 'corridors', 'demo', 'corridor.yaml');
    writeFileSync(cy, `${readFileSync(cy, 'utf8')}agreement_vc_path: [agreements/absent.vc.json]\n`);
    const w = loadWorkspace(d);
    for (const strict of [true, false]) {
      expectMsezError(() => computeLock(w, w.zones[0]!, { strict, generatedAt: '2025-01-01T00:00:00Z', now: '2025-01-01T00:00:00Z', activation: corridorActivation }), 'FILE_NOT_FOUND');
    }
  });
});

describe('stack.lock schema: corridor agreement fields and typed refs', () => {
  const base = (): JsonObject => JSON.parse(readFileSync(EXPECTED, 'utf8')) as JsonObject;
  const withCorridor = (extra: JsonObject): JsonObject => {
    const l = base();
    l.corridors = [{ ...(l.corridors as JsonObject[])[0]!, ...extra }];
    return l;
  };
  const h = 'a'.repeat(64);
  const did = 'did:key:z6MkruK9Y9h5WaQ9G6Yh7GTDTTPkpR6ys4HZfZQeEvutDzEC';
  const agreed = { corridor_agreement_vc_sha256: [h], corridor_agreement_signers: [did], corridor_activated: true };

  test('admits the agreement fields and blob / lawpack refs', () => {
    expect(validateAgainst('stack.lock', base())).toEqual([]);
    expect(validateAgainst('stack.lock', withCorridor(agreed))).toEqual([]);
    expect(
      validateAgainst(
        'stack.lock',
        withCorridor({
          ...agreed,
          corridor_activated: false,
          corridor_agreement_vc_sha256: [{ artifact_type: 'blob', digest_sha256: h, uri: 'x/a.vc.json' }],
          corridor_agreement_set_sha256: h,
          corridor_agreement_payload_sha256_by_path: { 'a.vc.json': h },
          corridor_activation_blockers: [`${did}:defer`],
        }),
      ),
    ).toEqual([]);
  });

  test.each([
    ['MISSING agreement digest (D16)', { ...agreed, corridor_agreement_vc_sha256: ['MISSING'] }],
    ['empty agreement list', { ...agreed, corridor_agreement_vc_sha256: [] }],
    ['activated without agreements', { corridor_activated: true }],
    ['agreements without corridor_activated', { corridor_agreement_vc_sha256: [h], corridor_agreement_signers: [did] }],
    ['empty blockers', { ...agreed, corridor_activation_blockers: [] }],
    ['blocker not <did>:<commitment>', { ...agreed, corridor_activation_blockers: ['defer'] }],
    ['empty payload map', { ...agreed, corridor_agreement_payload_sha256_by_path: {} }],
    ['set digest as a ref', { ...agreed, corridor_agreement_set_sha256: { artifact_type: 'blob', digest_sha256: h } }],
    ['corridor ref of the wrong type', { corridor_manifest_sha256: { artifact_type: 'lawpack', digest_sha256: h } }],
    ['unknown corridor field', { corridor_activation: true }],
    ['signer with a fragment', { ...agreed, corridor_agreement_signers: [`${did}#k`] }],
  ])('refuses %s', (_name, extra) => {
    expect(validateAgainst('stack.lock', withCorridor(extra as JsonObject)).length).toBeGreaterThan(0);
  });

  test('a lawpack ref must be of type lawpack', () => {
    const l = base();
    const lp = (l.lawpacks as JsonObject[])[0]!;
    lp.lawpack_digest_sha256 = { artifact_type: 'blob', digest_sha256: h };
    expect(validateAgainst('stack.lock', l).length).toBeGreaterThan(0);
    lp.lawpack_digest_sha256 = { artifact_type: 'lawpack', digest_sha256: h, uri: 'dist/artifacts/lawpack/x.lawpack.zip' };
    expect(validateAgainst('stack.lock', l)).toEqual([]);
  });
});
