import { MsezError, mcfText, type JsonObject } from '../core/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { getEntity } from './entities.js';
import { applyMigrationEvent, startMigration, type MigrationEvent, type MigrationSaga } from './migration-saga.js';
import { readStoredJson } from './paging.js';
import { assertInput } from './validate.js';

/** Persisted migration sagas; every step re-checks the deadline (compliance.md §6). */
export function getMigration(db: Database, id: string): MigrationSaga {
  const r = db.prepare('SELECT body FROM migrations_saga WHERE migration_id = ?').get(id) as { body: string } | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no migration ${id}`, { migration_id: id });
  return readStoredJson(r.body, 'migrations_saga.body') as unknown as MigrationSaga;
}

function save(db: Database, m: MigrationSaga, now: string, insert: boolean): void {
  const body = mcfText(m as unknown as JsonObject);
  if (insert) {
    db.prepare('INSERT INTO migrations_saga (migration_id, entity_id, source_jurisdiction, target_jurisdiction, phase, deadline, body, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(m.migration_id, m.entity_id, m.source_jurisdiction, m.target_jurisdiction, m.state, m.deadline, body, now);
  } else {
    db.prepare('UPDATE migrations_saga SET phase = ?, body = ?, updated_at = ? WHERE migration_id = ?').run(m.state, body, now, m.migration_id);
  }
}

export function beginMigration(db: Database, input: unknown, now: string): MigrationSaga {
  const v = assertInput<{ migration_id: string; entity_id: string; source_jurisdiction: string; target_jurisdiction: string; deadline: string }>('migration.start', input);
  return inTransaction(db, () => {
    const e = getEntity(db, v.entity_id);
    if (e.jurisdiction_id !== v.source_jurisdiction) throw new MsezError('VALIDATION_FAILED', `entity ${e.entity_id} is in ${e.jurisdiction_id}, not ${v.source_jurisdiction}`, {});
    const m = startMigration(v, now);
    save(db, m, now, true);
    return m;
  });
}

export function stepMigration(db: Database, id: string, ev: MigrationEvent, now: string): MigrationSaga {
  return inTransaction(db, () => {
    const next = applyMigrationEvent(getMigration(db, id), ev, now);
    save(db, next, now, false);
    return next;
  });
}
