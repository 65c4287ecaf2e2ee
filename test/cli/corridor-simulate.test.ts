import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/vectors.js';

function simulate(extra: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), 'corridor', 'simulate', '--parties', '3', '--receipts', '15', '--seed', 'cli', '--checkpoint-every', '5', ...extra], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
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
    expect(simulate(['--fork-at', '99']).code).toBe(2);
  });
});
