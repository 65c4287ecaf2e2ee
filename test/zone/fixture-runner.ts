import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MsezError, exitCodeOf } from '../../src/core/index.js';
import { computeLock } from '../../src/lock/index.js';
import { loadSchemaRegistry } from '../../src/schema/index.js';
import { loadWorkspace, validateSelection, type Problem } from '../../src/zone/index.js';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const BASE = join(PROJECT_ROOT, 'test', 'fixtures', 'zone', 'base');
export const INVALID = join(PROJECT_ROOT, 'test', 'fixtures', 'invalid');

export interface Expected {
  command: 'validate' | 'lock';
  code: string;
  exit: number;
  file?: string;
  line?: number;
  col?: number;
  delete?: string[];
  symlink?: [string, string];
  strict?: boolean;
  generated_at?: string;
}

export interface Outcome {
  code: string;
  exit: number;
  file?: string;
  line?: number;
  col?: number;
  problems: Problem[];
}

/** Copies the base workspace to a temp dir and applies a case's `files/`, deletions and symlinks. */
export function materialise(caseName: string, expected: Expected): string {
  const dir = mkdtempSync(join(tmpdir(), `msez-${caseName}-`));
  cpSync(BASE, dir, { recursive: true });
  const files = join(INVALID, caseName, 'files');
  if (existsSync(files)) cpSync(files, dir, { recursive: true });
  for (const d of expected.delete ?? []) rmSync(join(dir, d), { force: true });
  if (expected.symlink !== undefined) symlinkSync(expected.symlink[1], join(dir, expected.symlink[0]));
  return dir;
}

export function listCases(): string[] {
  return readdirSync(INVALID).filter((n) => existsSync(join(INVALID, n, 'expected.json'))).sort();
}

export function readExpected(name: string): Expected {
  return JSON.parse(readFileSync(join(INVALID, name, 'expected.json'), 'utf8')) as Expected;
}

/** Runs a case in-process the way the command would, returning the code, exit code and position. */
export function runCase(name: string): Outcome {
  const expected = readExpected(name);
  const dir = materialise(name, expected);
  try {
    const ws = loadWorkspace(dir);
    if (expected.command === 'validate') {
      const report = validateSelection(ws, { modules: [...ws.modules.values()], profiles: [...ws.profiles.values()], zones: ws.zones, registries: true }, loadSchemaRegistry(dir));
      const errors = report.problems.filter((p) => p.severity === 'error');
      const hit = errors.find((p) => p.code === expected.code) ?? errors[0];
      return { code: hit?.code ?? 'OK', exit: errors.length > 0 ? 2 : 0, file: hit?.file, line: hit?.line, col: hit?.col, problems: errors };
    }
    const zone = ws.zones[0];
    if (zone === undefined) throw new Error('fixture has no zone');
    try {
      computeLock(ws, zone, { strict: expected.strict === true, ...(expected.generated_at === undefined ? {} : { generatedAt: expected.generated_at }) });
      return { code: 'OK', exit: 0, problems: [] };
    } catch (err) {
      if (!(err instanceof MsezError)) throw err;
      const d = err.details as { file?: string; line?: number; col?: number };
      return { code: err.code, exit: exitCodeOf(err.code), file: d.file, line: d.line, col: d.col, problems: [] };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
