import type { ApiRoute } from '../route.js';
import { CONSENT_ROUTES } from './consent.js';
import { CORRIDOR_ROUTES } from './corridors.js';
import { ENTITY_ROUTES } from './entities.js';
import { FISCAL_ROUTES } from './fiscal.js';
import { IDENTITY_ROUTES } from './identity.js';
import { OWNERSHIP_ROUTES } from './ownership.js';
import { REGULATOR_ROUTES } from './regulator.js';
import { SMART_ASSET_ROUTES } from './smart-assets.js';

/**
 * Every `/v1/` route, grouped by concern. A group is listed only once the library functions it calls exist
 * (no route answers with an invented result).
 */
export const API_ROUTES: readonly ApiRoute[] = [
  ...ENTITY_ROUTES,
  ...OWNERSHIP_ROUTES,
  ...FISCAL_ROUTES,
  ...IDENTITY_ROUTES,
  ...CONSENT_ROUTES,
  ...CORRIDOR_ROUTES,
  ...SMART_ASSET_ROUTES,
  ...REGULATOR_ROUTES,
];
