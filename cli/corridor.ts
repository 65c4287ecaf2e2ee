import { Flags } from '@oclif/core';
import { join, resolve } from 'node:path';
import type { SigningKey } from '../src/crypto/index.js';
import type { Database } from '../src/store/index.js';
import { parseJsonBytes, type JsonValue } from '../src/core/index.js';
import { findWorkspaceRoot, openStore } from './workspace.js';
import { openKeyFile } from './key-input.js';

/** Flags shared by the corridor commands that use the workspace state database. */
export const dbFlags = {
  db: Flags.string({ summary: 'SQLite state file (default: <root>/.msez/state.db).' }),
  root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
};

export const corridorFlag = Flags.string({ summary: 'Corridor id.', required: true, char: 'c' });

export function stateDbPath(flags: { db?: string; root?: string }): string {
  return flags.db !== undefined ? resolve(flags.db) : join(findWorkspaceRoot(flags.root), '.msez', 'state.db');
}

/** Opens (and migrates) the state database; better-sqlite3 is loaded only here. */
export async function openStateDb(flags: { db?: string; root?: string }): Promise<Database> {
  const { openDatabase } = await import('../src/store/index.js');
  return openDatabase(stateDbPath(flags));
}

export async function openKeys(paths: readonly string[] | undefined): Promise<SigningKey[]> {
  const keys: SigningKey[] = [];
  for (const p of paths ?? []) keys.push(await openKeyFile(p));
  return keys;
}

/**
 * Resolves transition-type registry snapshots from the workspace CAS (type `transition-types`, corridors.md §4);
 * passed down to receipt verification so the store layer never reads the CAS itself.
 */
export function registryResolver(flags: { root?: string }): (digest: string) => JsonValue {
  const store = openStore(findWorkspaceRoot(flags.root));
  return (digest) => parseJsonBytes(store.resolve('transition-types', digest).bytes).value;
}
