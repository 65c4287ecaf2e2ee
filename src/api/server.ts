import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { MsezError, parseJsonBytes, type JsonObject, type JsonValue } from '../core/index.js';
import type { SchemaRegistry } from '../schema/index.js';
import type { Database } from '../store/index.js';
import { TokenVerifier, type Principal } from './auth.js';
import { errorBody, httpStatusOf, toApiError } from './http-errors.js';
import { toJsonText } from './json.js';
import { ERROR_SCHEMA_ID, LIVENESS_PATH, OPENAPI_PATH, PAGE_SCHEMA_ID, READINESS_PATH, buildOpenApi, loadSchemaObjects } from './openapi.js';
import { DEFAULT_RATE_LIMIT, TokenBucketLimiter, type RateLimitOptions } from './rate-limit.js';
import { DEFAULT_PAGE_LIMIT, PAGE_QUERY_PROPERTIES, type ApiContext, type ApiRoute, type PageRequest } from './route.js';
import { makeValidatorCompiler } from './validation.js';

/** Default largest request body: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Injected time sources: the library never reads the clock itself (style.md §12). */
export interface ServerClock {
  /** Monotonic milliseconds, for rate limiting. */
  nowMs(): number;
  /** The current instant as `YYYY-MM-DDTHH:MM:SSZ`, for handlers and log lines. */
  nowIso(): string;
}

export interface ServerOptions {
  /** The open (migrated) state database; `stop()` closes it. */
  readonly db: Database;
  /** `loadSchemaRegistry(workspaceRoot)`: request bodies are validated against it. */
  readonly registry: SchemaRegistry;
  /** The workspace whose `schemas/` joined the registry (their files are copied into the OpenAPI document). */
  readonly workspaceRoot?: string;
  /** Accepted bearer tokens (at least one). */
  readonly tokens: readonly string[];
  readonly routes: readonly ApiRoute[];
  readonly clock: ServerClock;
  /** Version reported in the OpenAPI document. */
  readonly version: string;
  /** Withholding rate table and dual-control settings handed to the fiscal routes. */
  readonly rates?: ApiContext['rates'];
  readonly dualControl?: ApiContext['dualControl'];
  /** The workspace root and CAS handed to the smart-asset and tensor-evaluation routes. */
  readonly workspace?: ApiContext['workspace'];
  readonly bodyLimit?: number;
  readonly rateLimit?: RateLimitOptions;
  /** Receives one JSON line per request (no trailing newline). Default: discarded. */
  readonly log?: (line: string) => void;
  /** Request ids for requests that do not bring a usable `X-Request-Id`. Default: a counter. */
  readonly requestId?: () => string;
}

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
}

export interface ApiServer {
  readonly app: FastifyInstance;
  readonly openapi: JsonObject;
  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  start(listen: ListenOptions): Promise<{ host: string; port: number; url: string }>;
  /** Graceful stop: refuse new requests, let in-flight ones finish, close the database. Idempotent. */
  stop(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    msezPrincipal?: Principal;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Longest path parameter the router accepts; longer ones are refused before routing (414). */
const MAX_PARAM_LENGTH = 512;

/**
 * The msez HTTP API (spec/api.md): fastify 5 with msez's JSON reader, schema registry, error envelope,
 * bearer-token auth, per-token rate limiting after auth, health checks and an OpenAPI 3.1 document built
 * from the same route table that fastify serves.
 */
export function createServer(options: ServerOptions): ApiServer {
  const verifier = new TokenVerifier(options.tokens);
  const limiter = new TokenBucketLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, () => options.clock.nowMs());
  const log = options.log ?? ((): void => undefined);
  let counter = 0;
  const nextId = options.requestId ?? ((): string => `req-${(++counter).toString(36)}`);
  const registry = options.registry;
  for (const id of [ERROR_SCHEMA_ID, PAGE_SCHEMA_ID]) {
    if (!registry.has(id)) throw new MsezError('INTERNAL', `the schema registry lacks ${id}`);
  }
  const openapi = buildOpenApi(options.routes, loadSchemaObjects(options.workspaceRoot), options.version);
  const openapiText = toJsonText(openapi);
  const ctx: ApiContext = {
    db: options.db,
    registry,
    now: () => options.clock.nowIso(),
    ...(options.rates !== undefined ? { rates: options.rates } : {}),
    ...(options.dualControl !== undefined ? { dualControl: options.dualControl } : {}),
    ...(options.workspace !== undefined ? { workspace: options.workspace } : {}),
  };
  let closing = false;
  let stopped: Promise<void> | undefined;

  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    return503OnClosing: false, // our own 503 below keeps the error envelope
    exposeHeadRoutes: false,
    requestTimeout: 30_000,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors the router raises before any hook runs: keep the envelope and the log line.
    frameworkErrors: (err, req, reply) => {
      const code = (err as { code?: string }).code;
      const status = code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const message = code === 'FST_ERR_MAX_PARAM_LENGTH' ? `a path segment is longer than ${MAX_PARAM_LENGTH} characters` : 'the URL is malformed';
      log(toJsonText({ time: options.clock.nowIso(), level: 'info', msg: 'request', req_id: req.id, method: req.method, url: req.url, status }));
      const raw = reply as unknown as FastifyReply;
      void raw.code(status).header('x-request-id', req.id).header('content-type', 'application/json').send(toJsonText(errorBody(new MsezError('USAGE', message, {}))));
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : nextId();
    },
  });

  // Bodies are read with msez's strict reader (floats, duplicate keys and lone surrogates refused), never
  // JSON.parse; every other media type is 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseJsonBytes(body as Buffer, { file: 'request body' }).value);
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.setReplySerializer((payload) => toJsonText(payload));
  app.setValidatorCompiler(makeValidatorCompiler(registry));

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (closing) {
      reply.header('connection', 'close');
      throw new MsezError('NOT_READY', 'the server is shutting down');
    }
    if (!isProtected(req.url)) return;
    // Authentication first; only an authenticated principal spends rate-limit budget.
    const principal = verifier.authenticate(req.headers.authorization);
    req.msezPrincipal = principal;
    const decision = limiter.take(principal.id);
    reply.header('ratelimit-limit', decision.limit);
    reply.header('ratelimit-remaining', decision.remaining);
    if (!decision.allowed) {
      reply.header('retry-after', decision.retryAfterSeconds);
      throw new MsezError('RATE_LIMITED', 'too many requests for this token', { retry_after_seconds: decision.retryAfterSeconds });
    }
  });

  // A response finished while stopping closes its keep-alive connection, so close() need not wait for it.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    const line: Record<string, unknown> = {
      time: options.clock.nowIso(),
      level: reply.statusCode >= 500 ? 'error' : 'info',
      msg: 'request',
      req_id: req.id,
      method: req.method,
      url: req.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 1000) / 1000,
      principal: req.msezPrincipal?.id,
    };
    log(toJsonText(line));
  });

  app.setErrorHandler(async (err, req, reply) => {
    const mapped = toApiError(err);
    const status = httpStatusOf(mapped);
    if (status >= 500) {
      const cause = mapped.code === 'INTERNAL' ? (mapped.cause ?? err) : mapped;
      log(toJsonText({ time: options.clock.nowIso(), level: 'error', msg: 'request failed', req_id: req.id, code: mapped.code, error: describe(cause) }));
    }
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="msez"');
    return reply.code(status).send(errorBody(mapped));
  });

  app.setNotFoundHandler(async (req, reply) => {
    const err = new MsezError('NOT_FOUND', `no route ${req.method} ${req.url.split('?', 1)[0] ?? ''}`, { method: req.method });
    return reply.code(404).send(errorBody(err));
  });

  app.get(LIVENESS_PATH, async () => ({ status: 'ok' }));
  app.get(READINESS_PATH, async (_req, reply) => {
    const checks = { database: databaseAnswers(options.db), schemas: registry.ids().length > 0 && registry.has(ERROR_SCHEMA_ID) };
    if (!checks.database || !checks.schemas) {
      return reply.code(503).send(errorBody(new MsezError('NOT_READY', 'the server is not ready', { checks })));
    }
    return { status: 'ready', checks };
  });
  app.get(OPENAPI_PATH, async (_req, reply) => reply.type('application/json').serializer((p: string) => p).send(openapiText));

  for (const route of options.routes) registerRoute(app, route, ctx);

  return {
    app,
    openapi,
    async start(listen) {
      await app.listen({ port: listen.port, host: listen.host });
      const addr = app.server.address();
      if (addr === null || typeof addr === 'string') throw new MsezError('INTERNAL', 'the server did not bind a TCP address');
      const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      return { host: addr.address, port: addr.port, url: `http://${host}:${addr.port}` };
    },
    stop() {
      if (stopped !== undefined) return stopped;
      closing = true;
      stopped = (async () => {
        try {
          await app.close();
        } finally {
          if (options.db.open) options.db.close();
        }
      })();
      return stopped;
    },
  };
}

function isProtected(url: string): boolean {
  return url === '/v1' || url.startsWith('/v1/') || url.startsWith('/v1?');
}

function databaseAnswers(db: Database): boolean {
  try {
    return db.open && (db.prepare('SELECT 1 AS ok').get() as { ok?: number } | undefined)?.ok === 1;
  } catch {
    return false;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function registerRoute(app: FastifyInstance, route: ApiRoute, ctx: ApiContext): void {
  const schema: Record<string, unknown> = {};
  if (route.params !== undefined) schema.params = route.params;
  const query = route.kind === 'list' ? withPageQuery(route.query) : route.query;
  if (query !== undefined) schema.querystring = query;
  if (route.body !== undefined) schema.body = { $ref: route.body };
  app.route({
    method: route.method,
    url: route.path,
    schema,
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const page: PageRequest = {
        limit: typeof q.limit === 'number' ? q.limit : DEFAULT_PAGE_LIMIT,
        offset: typeof q.offset === 'number' ? q.offset : 0,
      };
      const input = {
        params: (req.params ?? {}) as Record<string, string>,
        query: q,
        body: req.body as JsonValue | undefined,
        page,
      };
      if (route.kind === 'item') {
        const result = await route.handler(input, ctx);
        return reply.code(route.status).send(result);
      }
      const result = await route.handler(input, ctx);
      return reply.code(200).send({
        items: result.items,
        page: { limit: page.limit, offset: page.offset, next_offset: result.hasMore ? page.offset + result.items.length : null },
      });
    },
  });
}

function withPageQuery(query: JsonObject | undefined): JsonObject {
  const base = query ?? { type: 'object', additionalProperties: false };
  return { ...base, type: 'object', properties: { ...((base.properties ?? {}) as JsonObject), ...PAGE_QUERY_PROPERTIES } };
}
