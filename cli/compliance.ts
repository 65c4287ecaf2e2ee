import { Flags } from '@oclif/core';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataFile, type JsonValue } from '../src/core/index.js';
import type { Policy } from '../src/agentic/index.js';
import type { Database } from '../src/store/index.js';
import type { WithholdingRateTable } from '../src/state/index.js';
import { findWorkspaceRoot, resolveNow } from './workspace.js';

/** Flags shared by the compliance and primitive commands (tensor, agentic, entity, ownership, fiscal, identity, consent). */
export const stateFlags = {
  db: Flags.string({ summary: 'SQLite state file (default: <root>/.msez/state.db).' }),
  root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
  at: Flags.string({ summary: 'Instant to record (YYYY-MM-DDTHH:MM:SSZ; default SOURCE_DATE_EPOCH, else now).' }),
};

export const pageFlags = {
  limit: Flags.integer({ summary: 'Page size (1-1000).', default: 100 }),
  offset: Flags.integer({ summary: 'Rows to skip.', default: 0 }),
};

/** Opens (and migrates) the state database; better-sqlite3 is loaded only here. */
export async function openState(flags: { db?: string; root?: string }): Promise<Database> {
  const { openDatabase } = await import('../src/store/index.js');
  return openDatabase(flags.db !== undefined ? resolve(flags.db) : join(findWorkspaceRoot(flags.root), '.msez', 'state.db'));
}

/** The instant a command stamps: `--at`, else SOURCE_DATE_EPOCH, else the clock. */
export function nowOf(flags: { at?: string }): string {
  return resolveNow(flags.at);
}

/** A JSON or YAML input file as a value (the library validates it against its schema). */
export function readInput(file: string): JsonValue {
  return readDataFile(file).value;
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

/**
 * The agentic policies: every `rulesets/agentic/*.yaml` of the workspace, else the ones shipped with msez
 * (standard + extended).
 */
export async function loadPolicies(root: string | undefined): Promise<Policy[]> {
  const { mergePolicies, parsePolicySet } = await import('../src/agentic/index.js');
  const ws = join(findWorkspaceRoot(root), 'rulesets', 'agentic');
  const dir = existsSync(ws) ? ws : join(packageRoot(), 'rulesets', 'agentic');
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  return mergePolicies(files.map((f) => parsePolicySet(readDataFile(join(dir, f)).value, f).policies));
}

/** Reads a withholding rate table (`{jurisdiction_id, rules[]}`, e.g. from the tax regpack). */
export async function loadRates(file: string): Promise<WithholdingRateTable> {
  const { parseWithholdingTable } = await import('../src/state/index.js');
  return parseWithholdingTable(readDataFile(file).value, file);
}
