import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './vectors.js';

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly input?: string | Uint8Array;
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
}

/** Builds build/ once if it is missing, so CLI tests run the real binary. */
export function ensureBuilt(): void {
  if (existsSync(join(PROJECT_ROOT, 'build', 'commands')) && existsSync(join(PROJECT_ROOT, 'oclif.manifest.json'))) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Runs `bin/run.js` (the built CLI) with NO_COLOR and no TTY, returning exit status and both streams. */
export function runMsez(args: readonly string[], options: RunOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parses `--json` output (tests may use JSON.parse; the digits they check are small). */
export function jsonOut<T = Record<string, unknown>>(r: RunResult): T {
  return JSON.parse(r.stdout) as T;
}
