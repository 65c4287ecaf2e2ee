export { openDatabase, migrate, inTransaction } from './db.js';
export type { Database, OpenOptions } from './db.js';
export { ALL_MIGRATIONS } from './migrations/index.js';
export type { Migration } from './migrations/index.js';
