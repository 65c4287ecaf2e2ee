import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/vectors.js';
import { progressMode, progressReporter, type ProgressMode } from '../../cli/simulate-progress.js';

const SIM = ['corridor', 'simulate', '--parties', '3', '--receipts', '15', '--seed', 'cli', '--checkpoint-every', '5'];

function simulate(extra: string[], env: Record<string, string | undefined> = { NO_COLOR: '1' }): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...SIM, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
});

describe('msez corridor simulate', () => {
  test('--json: deterministic final roots, fork detected, silent stderr', () => {
    const a = simulate(['--fork-at', '7', '--json']);
    const b = simulate(['--fork-at', '7', '--json']);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    const ra = JSON.parse(a.stdout);
    expect(ra.final_state_root).toBe(JSON.parse(b.stdout).final_state_root);
    expect(ra.mmr_root).toBe(JSON.parse(b.stdout).mmr_root);
    expect(ra.forks).toMatchObject([{ sequence: 7, detected: true }]);
  });
  test('text report and progress on stderr; bad flags exit 2', () => {
    const t = simulate([]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/final_state_root [0-9a-f]{64}/);
    expect(t.stderr).toContain('checkpoint at 15');
    expect(t.stderr.split('\n').filter((l) => l !== '')).toEqual(['checkpoint at 5', 'checkpoint at 10', 'checkpoint at 15', 'netting']);
    // no TTY: no carriage returns or escape codes, with or without NO_COLOR
    const plain = simulate([], { NO_COLOR: undefined, FORCE_COLOR: undefined });
    for (const out of [t.stderr, plain.stderr]) expect(out).not.toMatch(/[\r\u001b]/);
    expect(simulate(['--fork-at', '99']).code).toBe(2);
  });
});

describe('simulate progress rendering', () => {
  test('mode: bar only on a TTY without NO_COLOR / TERM=dumb; silent under --json', () => {
    expect(progressMode({ json: false, isTTY: true, env: {} })).toBe('bar');
    expect(progressMode({ json: false, isTTY: true, env: { NO_COLOR: '1' } })).toBe('lines');
    expect(progressMode({ json: false, isTTY: true, env: { TERM: 'dumb' } })).toBe('lines');
    expect(progressMode({ json: false, isTTY: false, env: {} })).toBe('lines');
    expect(progressMode({ json: true, isTTY: true, env: {} })).toBe('silent');
  });
  test('reporters: exact bytes', () => {
    const run = (mode: ProgressMode): string => {
      let out = '';
      const r = progressReporter(mode, 2, (t) => (out += t));
      r({ kind: 'receipt', sequence: 0 });
      r({ kind: 'fork', sequence: 0 });
      r({ kind: 'receipt', sequence: 1 });
      r({ kind: 'checkpoint', receipt_count: 2 });
      r({ kind: 'netting' });
      return out;
    };
    expect(run('lines')).toBe('fork at 0 detected and resolved\ncheckpoint at 2\nnetting\n');
    expect(run('silent')).toBe('');
    expect(run('bar')).toContain(`\r[${'#'.repeat(30)}] 2/2 receipts, netting done\n`);
  });
  const hasScript = spawnSync('script', ['--version']).status === 0;
  test.runIf(hasScript)('through a pseudo-terminal: the bar is drawn, and NO_COLOR turns it off', () => {
    const cmd = [process.execPath, join(PROJECT_ROOT, 'bin', 'run.js'), ...SIM].join(' ');
    const tty = (env: Record<string, string | undefined>): string =>
      spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm', ...env } }).stdout;
    expect(tty({ NO_COLOR: undefined })).toContain('] 15/15 receipts, netting done');
    const plain = tty({ NO_COLOR: '1' });
    expect(plain).toContain('checkpoint at 15');
    expect(plain.replace(/\r\n/g, '\n')).not.toMatch(/[\r\u001b]/);
  });
});
