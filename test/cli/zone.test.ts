import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../support/vectors.js';

const BASE = join(PROJECT_ROOT, 'test', 'fixtures', 'zone', 'base');
const ZONE = join('jurisdictions', 'ex', 'zone.yaml');

function msez(args: string[], cwd: string, env: Record<string, string> = {}, umask?: string): { code: number; stdout: string; stderr: string } {
  const bin = join(PROJECT_ROOT, 'bin', 'run.js');
  const cmd = umask === undefined ? [process.execPath, bin, ...args] : ['/bin/sh', '-c', `umask ${umask}; exec "$0" "$@"`, process.execPath, bin, ...args];
  const r = spawnSync(cmd[0] as string, cmd.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function workspace(): string {
  const d = mkdtempSync(join(tmpdir(), 'msez-cli-zone-'));
  cpSync(BASE, d, { recursive: true });
  return d;
}

/** Every file under `dir` with its mode and bytes, keyed by relative path. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) {
        out.set(`${relative(dir, full)}/`, (st.mode & 0o777).toString(8));
        walk(full);
      } else out.set(relative(dir, full), `${(st.mode & 0o777).toString(8)} ${readFileSync(full).toString('base64')}`);
    }
  };
  walk(dir);
  return out;
}

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
});

describe('msez validate', () => {
  test('a valid workspace: OK summary, exit 0', () => {
    const r = msez(['validate'], BASE);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('OK: 3 modules, 1 profiles, 1 zones, 5 registries\n');
  });
  test('problems print as file:line:col  /pointer  message, exit 2; --json lists them', () => {
    const d = workspace();
    const p = join(d, 'profiles', 'test-profile', 'profile.yaml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('    variant: strict', '    variant: lenient'));
    const r = msez(['validate', '--all-profiles'], d);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')[0]).toMatch(/^profiles\/test-profile\/profile\.yaml:12:14 {2}\/modules\/1\/variant {2}org\.momentum\.msez\.reg\.aml has no variant lenient/);
    expect(r.stderr).toContain('error[VALIDATION_FAILED]');
    const j = msez(['validate', '--all-profiles', '--json'], d);
    expect(j.code).toBe(2);
    const env = JSON.parse(j.stdout) as { ok: boolean; error: { code: string; details: { problems: { code: string; line: number; col: number }[] } } };
    expect(env.error.code).toBe('VALIDATION_FAILED');
    expect(env.error.details.problems[0]).toMatchObject({ code: 'UNKNOWN_VARIANT', line: 12, col: 14 });
  });
});

describe('msez lock', () => {
  test('writes canonical JSON + newline, --check passes, then one module byte makes it exit 1', () => {
    const d = workspace();
    expect(msez(['lock', ZONE, '--generated-at', '2025-01-01T00:00:00Z'], d).code).toBe(0);
    const lock = readFileSync(join(d, 'jurisdictions', 'ex', 'stack.lock'));
    expect(lock.subarray(0, 30).toString()).toBe('{"corridors":[{"corridor_defin');
    expect(lock[lock.length - 1]).toBe(0x0a);
    expect(msez(['lock', ZONE, '--check'], d).code).toBe(0);
    appendFileSync(join(d, 'modules', 'legal', 'core', 'src', 'README.md'), 'x');
    const r = msez(['lock', ZONE, '--check', '--json'], d);
    expect(r.code).toBe(1);
    const env = JSON.parse(r.stdout) as { error: { code: string; details: { differences: string[] } } };
    expect(env.error.code).toBe('LOCK_MISMATCH');
    expect(env.error.details.differences).toEqual(['/modules/0/content_sha256']);
  });
  test('--check without a lock is exit 2', () => {
    expect(msez(['lock', ZONE, '--check'], workspace()).code).toBe(2);
  });
});

describe('msez build and verify', () => {
  test('two builds under different TZ/LANG/umask give identical dist/ trees; verify catches a flipped byte', () => {
    const a = workspace();
    const b = workspace();
    for (const d of [a, b]) expect(msez(['lock', ZONE, '--generated-at', '2025-01-01T00:00:00Z'], d).code).toBe(0);
    const ra = msez(['build', ZONE, '--json'], a, { TZ: 'UTC', LANG: 'C' }, '022');
    const rb = msez(['build', ZONE, '--json'], b, { TZ: 'Asia/Karachi', LANG: 'ur_PK.UTF-8', LC_ALL: 'ur_PK.UTF-8' }, '077');
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    expect(JSON.parse(ra.stdout)).toEqual(JSON.parse(rb.stdout));
    const ta = tree(join(a, 'dist'));
    expect([...ta.keys()]).toContain('zones/org.momentum.msez.zone.example/manifest.json');
    expect(tree(join(b, 'dist'))).toEqual(ta);
    const policy = readFileSync(join(a, 'dist', 'zones', 'org.momentum.msez.zone.example', 'modules', 'org.momentum.msez.reg.aml', 'policy.yaml'), 'utf8');
    expect(policy).toBe('# AML policy template\npolicy_id: aml-PKR\ncash_transaction_report_threshold: 2500000\nregulator: "Example Financial Regulator"\nreview_days: 10\n');
    expect(msez(['verify'], a).code).toBe(0);
    const target = join(a, 'dist', 'zones', 'org.momentum.msez.zone.example', 'params.json');
    const bytes = readFileSync(target);
    bytes[0] = (bytes[0] as number) ^ 0x01;
    writeFileSync(target, bytes);
    const v = msez(['verify', '--json'], a);
    expect(v.code).toBe(1);
    expect((JSON.parse(v.stdout) as { error: { code: string } }).error.code).toBe('DIGEST_MISMATCH');
  });

  test.skipIf(!existsSync(join(PROJECT_ROOT, 'jurisdictions', '_starter', 'zone.yaml')))('the _starter zone builds identically in two temp checkouts', () => {
    const copies = [0, 1].map(() => {
      const d = mkdtempSync(join(tmpdir(), 'msez-starter-'));
      for (const part of ['modules', 'profiles', 'jurisdictions', 'registries', 'rulesets']) {
        if (existsSync(join(PROJECT_ROOT, part))) cpSync(join(PROJECT_ROOT, part), join(d, part), { recursive: true });
      }
      return d;
    });
    const [a, b] = copies as [string, string];
    const zone = join('jurisdictions', '_starter', 'zone.yaml');
    expect(msez(['build', zone, '--json'], a, { TZ: 'UTC', LANG: 'C', SOURCE_DATE_EPOCH: '1700000000' }, '022').code).toBe(0);
    expect(msez(['build', zone, '--json'], b, { TZ: 'America/New_York', LANG: 'de_DE.UTF-8', SOURCE_DATE_EPOCH: '1700000000' }, '077').code).toBe(0);
    expect(tree(join(b, 'dist'))).toEqual(tree(join(a, 'dist')));
  });
});
