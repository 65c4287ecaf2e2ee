/**
 * One schema step. Versions are global and never reused: 1-99 core, 100-199 corridors, 200-299
 * compliance/primitives, 300-399 api. A shipped migration is never edited; add a new one instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/**
 * SQL that makes `table` append-only: UPDATE and DELETE abort with `message`. Audit trails, ledgers and
 * transition logs use it so that history can only grow.
 */
export function appendOnly(table: string, message = `${table} is append-only`): string {
  return [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END;`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END;`,
  ].join('\n');
}
