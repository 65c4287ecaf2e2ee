import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { expectMsezError, PROJECT_ROOT } from '../../test/support/vectors.js';
import { loadWorkspace } from '../zone/index.js';
import { checkLock, comparePaths, computeLock, contentSha256, listModuleFiles } from './index.js';

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
