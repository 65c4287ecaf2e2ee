import type { ApiRoute } from '../route.js';
import { CORRIDOR_ROUTES } from './corridors.js';

/**
 * Every `/v1/` route, grouped by concern. A group is listed only once the library functions it calls exist
 * (no route answers with an invented result).
 */
export const API_ROUTES: readonly ApiRoute[] = [...CORRIDOR_ROUTES];
