/**
 * `msez lock` flags of formats.md §5 (steps 1, 11, 14) through the built binary: --format, --skip-existing,
 * --check forcing canonical-json, --emit-artifactrefs. Bytes are compared exactly; pretty-json is
 * cross-checked against Python's json.dumps(indent=2, sort_keys=True).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYamlLib } from 'yaml';
import { PROJECT_ROOT } from '../support/vectors.js';

const BASE = join(PROJECT_ROOT, 'test', 'fixtures', 'zone', 'base');
const ZONE = join('jurisdictions', 'ex', 'zone.yaml');
const LOCK = join('jurisdictions', 'ex', 'stack.lock');
const AT = '2025-01-01T00:00:00Z';
const dirs: string[] = [];

function msez(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function workspace(): string {
  const d = mkdtempSync(join(tmpdir(), 'msez-cli-lock-'));
  cpSync(BASE, d, { recursive: true });
  dirs.push(d);
  return d;
}

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('msez lock --format', () => {
  test('pretty-json equals Python json.dumps(indent=2, sort_keys=True) of the canonical lock; yaml reads back equal; --check wants canonical', () => {
    const d = workspace();
    expect(msez(['lock', ZONE, '--generated-at', AT], d).code).toBe(0);
    const canonical = readFileSync(join(d, LOCK));
    expect(msez(['lock', ZONE, '--generated-at', AT, '--format', 'pretty-json', '--out', 'pretty.json'], d).code).toBe(0);
    const python = execFileSync('python3', ['-c', 'import json,sys; sys.stdout.write(json.dumps(json.load(sys.stdin), indent=2, sort_keys=True, ensure_ascii=False) + "\\n")'], {
      input: canonical,
    });
    expect(readFileSync(join(d, 'pretty.json')).equals(python)).toBe(true);

    const y = msez(['lock', ZONE, '--generated-at', AT, '--format', 'yaml', '--out', 'lock.yaml', '--json'], d);
    expect(y.code).toBe(0);
    expect(JSON.parse(y.stdout)).toMatchObject({ path: 'lock.yaml', format: 'yaml', written: true });
    const yaml = readFileSync(join(d, 'lock.yaml'), 'utf8');
    expect(yaml.startsWith('stack_spec_version: 0.4.44\ngenerated_at: 2025-01-01T00:00:00Z\nzone_id: org.momentum.msez.zone.example\n')).toBe(true);
    expect(parseYamlLib(yaml)).toEqual(JSON.parse(canonical.toString('utf8')));

    // --check forces canonical-json: it passes on the canonical file even with --format yaml, and a lock
    // written as pretty-json at the checked path is a mismatch (exit 1).
    expect(msez(['lock', ZONE, '--check', '--format', 'yaml'], d).code).toBe(0);
    writeFileSync(join(d, LOCK), readFileSync(join(d, 'pretty.json')));
    const stale = msez(['lock', ZONE, '--check'], d);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('error[LOCK_MISMATCH]');
    expect(msez(['lock', ZONE, '--format', 'toml'], d).code).toBe(2);
  });
});

describe('msez lock --skip-existing', () => {
  test('leaves an existing file byte-identical (reporting whether it is current) and writes an absent one', () => {
    const d = workspace();
    const path = join(d, LOCK);
    writeFileSync(path, 'not a lock\n');
    const skipped = msez(['lock', ZONE, '--generated-at', AT, '--skip-existing', '--json'], d);
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ written: false, skipped: true, up_to_date: false });
    expect(readFileSync(path, 'utf8')).toBe('not a lock\n');

    rmSync(path);
    const written = msez(['lock', ZONE, '--generated-at', AT, '--skip-existing', '--json'], d);
    expect(JSON.parse(written.stdout)).toMatchObject({ written: true });
    const bytes = readFileSync(path);
    const again = msez(['lock', ZONE, '--skip-existing', '--json'], d);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: false, skipped: true, up_to_date: true });
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});

describe('msez lock --emit-artifactrefs', () => {
  test('writes typed refs with uri hints; --check compares in the same mode', () => {
    const d = workspace();
    expect(msez(['lock', ZONE, '--generated-at', AT], d).code).toBe(0);
    const plain = JSON.parse(readFileSync(join(d, LOCK), 'utf8')) as {
      corridors: Record<string, unknown>[];
      lawpacks: Record<string, unknown>[];
    };
    expect(msez(['lock', ZONE, '--emit-artifactrefs', '--out', 'refs.lock'], d).code).toBe(0);
    const refs = JSON.parse(readFileSync(join(d, 'refs.lock'), 'utf8')) as typeof plain;
    expect(refs.corridors[0]?.corridor_definition_vc_sha256).toEqual({
      artifact_type: 'blob',
      digest_sha256: plain.corridors[0]?.corridor_definition_vc_sha256,
      uri: 'modules/corridors/demo/corridor.vc.json',
    });
    expect(refs.lawpacks[0]?.lawpack_digest_sha256).toEqual({
      artifact_type: 'lawpack',
      digest_sha256: plain.lawpacks[0]?.lawpack_digest_sha256,
      uri: plain.lawpacks[0]?.lawpack_artifact_path,
    });
    expect(msez(['lock', ZONE, '--check', '--emit-artifactrefs', '--out', 'refs.lock'], d).code).toBe(0);
    expect(msez(['lock', ZONE, '--check', '--out', 'refs.lock'], d).code).toBe(1);
  });
});
