/**
 * The msez HTTP API (`msez serve`, spec/api.md): a thin layer over the same library functions as the CLI.
 *
 * - {@link createServer}: a fastify 5 instance with `start`/`stop`, bearer-token auth, per-token rate limits,
 *   the `{"error":{code,message,details}}` envelope, health checks and `/openapi.json`.
 * - {@link API_ROUTES}: the route table (only routes whose library functions exist are registered).
 * - {@link readTokenFile}: loads the bearer token, refusing files readable by group or others.
 */
export { createServer, DEFAULT_BODY_LIMIT } from './server.js';
export type { ApiServer, ListenOptions, ServerClock, ServerOptions } from './server.js';
export { readTokenFile, parseToken, TokenVerifier, MIN_TOKEN_LENGTH } from './auth.js';
export type { Principal } from './auth.js';
export { TokenBucketLimiter, DEFAULT_RATE_LIMIT } from './rate-limit.js';
export type { RateLimitOptions, RateDecision } from './rate-limit.js';
export { httpStatusOf, errorBody, toApiError } from './http-errors.js';
export type { ErrorBody } from './http-errors.js';
export { buildOpenApi, loadSchemaObjects, toOpenApiPath, LIVENESS_PATH, READINESS_PATH, OPENAPI_PATH } from './openapi.js';
export { paginate, pageOf, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './route.js';
export type { ApiRoute, ItemRoute, ListRoute, ApiContext, RouteInput, PageRequest, PageResult, SchemaRef, HttpMethod } from './route.js';
export { API_ROUTES } from './routes/index.js';
