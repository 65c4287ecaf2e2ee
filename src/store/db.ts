import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { MsezError } from '../core/index.js';
import { ALL_MIGRATIONS, type Migration } from './migrations/index.js';

export type Database = BetterSqlite3.Database;

const require = createRequire(import.meta.url);

export interface OpenOptions {
  /** Milliseconds a writer waits for another process's lock before failing (default 5000). */
  readonly busyTimeoutMs?: number;
  readonly readonly?: boolean;
  /** Migrations to apply; defaults to every registered one. */
  readonly migrations?: readonly Migration[];
}

/**
 * Opens (and migrates) the workspace state database: WAL journal, foreign keys on, a busy timeout so two
 * processes appending at once wait for each other instead of failing. `:memory:` works for tests.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  // Loaded lazily: better-sqlite3 is a native module and most commands never touch state.
  const Sqlite = require('better-sqlite3') as typeof BetterSqlite3;
  let db: Database;
  try {
    if (path !== ':memory:' && options.readonly !== true) mkdirSync(dirname(path), { recursive: true });
    db = new Sqlite(path, { readonly: options.readonly === true, fileMustExist: options.readonly === true });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (options.readonly !== true) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
  } catch (cause) {
    throw new MsezError('DB_ERROR', `cannot open database ${path}: ${(cause as Error).message}`, { path }, { cause });
  }
  if (options.readonly !== true) migrate(db, options.migrations ?? ALL_MIGRATIONS);
  return db;
}

/** Applies pending migrations in version order, each in its own IMMEDIATE transaction. */
export function migrate(db: Database, migrations: readonly Migration[]): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    const run = db.transaction(() => {
      // Re-check inside the write lock: another process may have migrated meanwhile.
      if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version) !== undefined) return;
      db.exec(m.up);
      db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      done.push(m.version);
    });
    try {
      run.immediate();
    } catch (cause) {
      throw new MsezError('DB_ERROR', `migration ${m.version} (${m.name}) failed: ${(cause as Error).message}`, { version: m.version }, { cause });
    }
  }
  return done;
}

/** Runs `fn` in an IMMEDIATE transaction (takes the write lock up front, so read-then-write never races). */
export function inTransaction<T>(db: Database, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (err) {
    if (err instanceof MsezError) throw err;
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      throw new MsezError('CONFLICT', `constraint violated: ${(err as Error).message}`, { sqlite_code: code }, { cause: err });
    }
    throw new MsezError('DB_ERROR', `database error: ${(err as Error).message}`, { sqlite_code: code }, { cause: err });
  }
}
