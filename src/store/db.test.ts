import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inTransaction, migrate, openDatabase } from './index.js';
import { expectMsezError } from '../../test/support/vectors.js';

describe('store', () => {
  it('opens with WAL and applies migrations once', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'msez-db-')), 'state.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(migrate(db, [{ version: 1, name: 'core.meta', up: 'SELECT 1' }])).toEqual([]);
    db.close();
    const again = openDatabase(path);
    expect((again.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBeGreaterThan(0);
    again.close();
  });
  it('maps constraint violations to CONFLICT and rolls back', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO meta VALUES ('a', '1')").run();
    expectMsezError(
      () =>
        inTransaction(db, () => {
          db.prepare("INSERT INTO meta VALUES ('b', '2')").run();
          db.prepare("INSERT INTO meta VALUES ('a', '3')").run();
        }),
      'CONFLICT',
    );
    expect(db.prepare('SELECT count(*) AS n FROM meta').get()).toEqual({ n: 1 });
  });
});
