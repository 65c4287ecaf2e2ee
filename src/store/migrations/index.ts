import { CORE_MIGRATIONS } from './core.js';
import { COMPLIANCE_MIGRATIONS } from './compliance.js';
import { CORRIDOR_MIGRATIONS } from './corridor.js';
import { SMART_ASSET_MIGRATIONS } from './smart-assets.js';
import { ARBITRATION_MIGRATIONS } from './arbitration.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

/** Every registered migration. Each concern appends its own list here (one import, one spread). */
export const ALL_MIGRATIONS: readonly Migration[] = [...CORE_MIGRATIONS, ...COMPLIANCE_MIGRATIONS, ...CORRIDOR_MIGRATIONS, ...SMART_ASSET_MIGRATIONS, ...ARBITRATION_MIGRATIONS];
