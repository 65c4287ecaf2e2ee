import type { Migration } from './types.js';

export const CORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'core.meta',
    up: `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`,
  },
];
