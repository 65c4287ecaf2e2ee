import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, readTokenFile, TokenVerifier, TokenBucketLimiter, paginate, type ApiRoute, type ApiServer } from '../../src/api/index.js';
import { MsezError, isJsonObject, type JsonObject, type JsonValue } from '../../src/core/index.js';
import { loadSchemaRegistry } from '../../src/schema/index.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { expectMsezError } from '../support/vectors.js';
import { checkOpenApi31 } from './openapi-check.js';

// Framework tests: a test-only route table over a test table drives auth, limits, errors, pagination, logs,
// OpenAPI and shutdown through real HTTP. The product routes are tested in routes.test.ts.

const TOKEN = 'test-token-0123456789abcdef';
const NOTE_ID = 'https://example.test/msez-api-test/note.schema.json';

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'msez-api-'));
  mkdirSync(join(root, 'schemas'));
  writeFileSync(
    join(root, 'schemas', 'api-test-note.schema.json'),
    JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: NOTE_ID,
      type: 'object',
      required: ['note_id', 'text'],
      additionalProperties: false,
      properties: {
        note_id: { type: 'string', pattern: '^[a-z0-9-]{1,32}$' },
        text: { type: 'string', maxLength: 100000 },
        ref: { $ref: 'https://schemas.momentum-sez.org/msez/artifact-ref.schema.json' },
      },
    }),
  );
  return root;
}

let gate: Promise<void> = Promise.resolve();

function noteRoutes(): ApiRoute[] {
  const idParam = { type: 'object', required: ['note_id'], properties: { note_id: { type: 'string', pattern: '^[a-z0-9-]{1,32}$' } } };
  return [
    {
      kind: 'item',
      method: 'POST',
      path: '/v1/notes',
      operationId: 'createNote',
      summary: 'test',
      tag: 'test',
      body: NOTE_ID,
      status: 201,
      response: { id: NOTE_ID },
      errors: [409],
      handler: ({ body }, { db }) => {
        const b = body as { note_id: string; text: string };
        const exists = db.prepare('SELECT 1 FROM notes WHERE note_id = ?').get(b.note_id);
        if (exists !== undefined) throw new MsezError('CONFLICT', `note ${b.note_id} exists`, { note_id: b.note_id });
        db.prepare('INSERT INTO notes (note_id, text) VALUES (?, ?)').run(b.note_id, b.text);
        return { note_id: b.note_id, text: b.text };
      },
    },
    {
      kind: 'list',
      method: 'GET',
      path: '/v1/notes',
      operationId: 'listNotes',
      summary: 'test',
      tag: 'test',
      item: { id: NOTE_ID },
      handler: ({ page }, { db }) =>
        paginate(page, (limit, offset) => db.prepare('SELECT note_id, text FROM notes ORDER BY note_id LIMIT ? OFFSET ?').all(limit, offset) as JsonObject[]),
    },
    {
      kind: 'item',
      method: 'GET',
      path: '/v1/notes/:note_id',
      operationId: 'getNote',
      summary: 'test',
      tag: 'test',
      params: idParam,
      status: 200,
      response: { id: NOTE_ID },
      handler: ({ params }, { db }) => {
        const row = db.prepare('SELECT note_id, text FROM notes WHERE note_id = ?').get(params.note_id) as JsonObject | undefined;
        if (row === undefined) throw new MsezError('NOT_FOUND', `no note ${params.note_id}`, { note_id: params.note_id ?? '' });
        return row;
      },
    },
    {
      kind: 'item',
      method: 'GET',
      path: '/v1/slow',
      operationId: 'slow',
      summary: 'test',
      tag: 'test',
      status: 200,
      response: { inline: { type: 'object' } },
      handler: async () => {
        await gate;
        return { done: true };
      },
    },
    {
      kind: 'item',
      method: 'GET',
      path: '/v1/boom',
      operationId: 'boom',
      summary: 'test',
      tag: 'test',
      status: 200,
      response: { inline: { type: 'object' } },
      handler: () => {
        throw new TypeError('secret internal detail');
      },
    },
  ];
}

interface Harness {
  server: ApiServer;
  url: string;
  db: Database;
  logs: string[];
  clock: { ms: number };
}

async function start(opts: { burst?: number; perSecond?: number; bodyLimit?: number } = {}): Promise<Harness> {
  const root = workspace();
  const db = openDatabase(':memory:');
  db.exec('CREATE TABLE notes (note_id TEXT PRIMARY KEY, text TEXT NOT NULL)');
  const logs: string[] = [];
  const clock = { ms: 0 };
  const server = createServer({
    db,
    registry: loadSchemaRegistry(root),
    workspaceRoot: root,
    tokens: [TOKEN],
    routes: noteRoutes(),
    version: '0.0.0-test',
    bodyLimit: opts.bodyLimit ?? 4096,
    rateLimit: { burst: opts.burst ?? 1000, perSecond: opts.perSecond ?? 1000 },
    clock: { nowMs: () => clock.ms, nowIso: () => '2025-01-01T00:00:00Z' },
    log: (line) => logs.push(line),
  });
  const { url } = await server.start({ port: 0, host: '127.0.0.1' });
  return { server, url, db, logs, clock };
}

const auth = { authorization: `Bearer ${TOKEN}` };

async function call(h: Harness, method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const res = await fetch(`${h.url}${path}`, { method, headers: init.headers, body: init.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

function errorOf(r: { json?: Record<string, unknown> }): { code: string; message: string; details: Record<string, unknown> } {
  const e = r.json?.error as { code: string; message: string; details: Record<string, unknown> } | undefined;
  expect(e).toBeDefined();
  expect(Object.keys(e ?? {}).sort()).toEqual(['code', 'details', 'message']);
  return e as { code: string; message: string; details: Record<string, unknown> };
}

describe('msez serve framework', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await start();
  });
  afterAll(async () => {
    await h.server.stop();
  });

  it('answers liveness and readiness without a token', async () => {
    const live = await call(h, 'GET', '/health/liveness');
    expect(live.status).toBe(200);
    expect(live.json).toEqual({ status: 'ok' });
    const ready = await call(h, 'GET', '/health/readiness');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ready', checks: { database: true, schemas: true } });
  });

  it('refuses a missing, malformed or wrong token with 401 and the error envelope', async () => {
    for (const headers of <Record<string, string>[]>[{}, { authorization: TOKEN }, { authorization: 'Basic abc' }, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Bearer ${TOKEN.slice(0, -1)}` }]) {
      const r = await call(h, 'GET', '/v1/notes', { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="msez"');
      expect(errorOf(r).code).toBe('UNAUTHORIZED');
    }
    expect(errorOf(await call(h, 'GET', '/v1/notes')).details).toEqual({ reason: 'missing' });
    expect(errorOf(await call(h, 'GET', '/v1/notes', { headers: { authorization: 'Bearer nope' } })).details).toEqual({ reason: 'invalid' });
    const ok = await call(h, 'GET', '/v1/notes', { headers: { authorization: `bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
  });

  it('creates, reads and pages through rows', async () => {
    for (let i = 0; i < 7; i++) {
      const r = await call(h, 'POST', '/v1/notes', { headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ note_id: `n-${i}`, text: `t${i}` }) });
      expect(r.status).toBe(201);
      expect(r.json).toEqual({ note_id: `n-${i}`, text: `t${i}` });
    }
    const got = await call(h, 'GET', '/v1/notes/n-3', { headers: auth });
    expect(got.json).toEqual({ note_id: 'n-3', text: 't3' });
    const pages: JsonValue[] = [];
    let offset: number | null = 0;
    const offsets: (number | null)[] = [];
    while (offset !== null) {
      const r = await call(h, 'GET', `/v1/notes?limit=3&offset=${offset}`, { headers: auth });
      expect(r.status).toBe(200);
      const page = r.json?.page as { limit: number; offset: number; next_offset: number | null };
      expect(page.limit).toBe(3);
      expect(page.offset).toBe(offset);
      pages.push(...(r.json?.items as JsonValue[]));
      offset = page.next_offset;
      offsets.push(offset);
    }
    expect(offsets).toEqual([3, 6, null]);
    expect(pages.map((p) => (isJsonObject(p) ? p.note_id : null))).toEqual(['n-0', 'n-1', 'n-2', 'n-3', 'n-4', 'n-5', 'n-6']);
    const dflt = await call(h, 'GET', '/v1/notes', { headers: auth });
    expect(dflt.json?.page).toEqual({ limit: 50, offset: 0, next_offset: null });
  });

  it('maps a domain conflict to 409 and a missing row to 404', async () => {
    const body = JSON.stringify({ note_id: 'dup', text: 'x' });
    const headers = { ...auth, 'content-type': 'application/json' };
    expect((await call(h, 'POST', '/v1/notes', { headers, body })).status).toBe(201);
    const again = await call(h, 'POST', '/v1/notes', { headers, body });
    expect(again.status).toBe(409);
    expect(errorOf(again)).toEqual({ code: 'CONFLICT', message: 'note dup exists', details: { note_id: 'dup' } });
    const missing = await call(h, 'GET', '/v1/notes/absent', { headers: auth });
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('NOT_FOUND');
  });

  it('answers unknown routes with 404 (after auth under /v1)', async () => {
    const r = await call(h, 'GET', '/v1/nothing-here', { headers: auth });
    expect(r.status).toBe(404);
    expect(errorOf(r).code).toBe('NOT_FOUND');
    expect((await call(h, 'GET', '/v1/nothing-here')).status).toBe(401);
    const outside = await call(h, 'DELETE', '/elsewhere');
    expect(outside.status).toBe(404);
    expect(errorOf(outside).code).toBe('NOT_FOUND');
  });

  it('keeps the envelope for errors the router raises before any hook (over-long segment, bad encoding)', async () => {
    const long = await call(h, 'GET', `/v1/notes/${'a'.repeat(600)}`, { headers: auth });
    expect(long.status).toBe(414);
    expect(errorOf(long).code).toBe('USAGE');
    const bad = await call(h, 'GET', '/v1/notes/%E0%A4%A', { headers: auth });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('USAGE');
  });

  it('rejects schema violations with 422 and the failing pointer', async () => {
    const headers = { ...auth, 'content-type': 'application/json' };
    const missing = await call(h, 'POST', '/v1/notes', { headers, body: '{"note_id":"a"}' });
    expect(missing.status).toBe(422);
    const e = errorOf(missing);
    expect(e.code).toBe('SCHEMA_INVALID');
    expect(e.details.in).toBe('body');
    expect(e.details.pointer).toBe('');
    expect(e.details.fields).toEqual([{ pointer: '', message: 'missing required field "text"', keyword: 'required' }]);
    const nested = await call(h, 'POST', '/v1/notes', { headers, body: JSON.stringify({ note_id: 'a', text: 'b', ref: { artifact_type: 'x', digest_sha256: 'zz' } }) });
    expect(nested.status).toBe(422);
    expect(errorOf(nested).details.pointer).toBe('/ref/digest_sha256');
    const extra = await call(h, 'POST', '/v1/notes', { headers, body: '{"note_id":"a","text":"b","x":1}' });
    expect(errorOf(extra).details.pointer).toBe('/x');
    for (const q of ['limit=0', 'limit=501', 'limit=abc', 'offset=-1', 'unknown=1']) {
      const r = await call(h, 'GET', `/v1/notes?${q}`, { headers: auth });
      expect(r.status, q).toBe(422);
      expect(errorOf(r).details.in).toBe('querystring');
    }
    const badParam = await call(h, 'GET', '/v1/notes/BAD_ID', { headers: auth });
    expect(badParam.status).toBe(422);
    expect(errorOf(badParam).details).toMatchObject({ in: 'params', pointer: '/note_id' });
  });

  it('answers 400 for unreadable JSON bodies and 415 for other media types', async () => {
    const headers = { ...auth, 'content-type': 'application/json' };
    const cases: [string, string][] = [
      ['{"note_id":', 'JSON_SYNTAX'],
      ['', 'JSON_SYNTAX'],
      ['{"note_id":"a","note_id":"b","text":"c"}', 'DUPLICATE_KEY'],
      ['{"note_id":"a","text":"c","n":1.5}', 'FLOAT_REJECTED'],
    ];
    for (const [body, code] of cases) {
      const r = await call(h, 'POST', '/v1/notes', { headers, body });
      expect(r.status, body).toBe(400);
      expect(errorOf(r).code).toBe(code);
    }
    const text = await call(h, 'POST', '/v1/notes', { headers: { ...auth, 'content-type': 'text/plain' }, body: 'hi' });
    expect(text.status).toBe(415);
    expect(errorOf(text).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 413 for an oversized body', async () => {
    const body = JSON.stringify({ note_id: 'big', text: 'x'.repeat(10_000) });
    const r = await call(h, 'POST', '/v1/notes', { headers: { ...auth, 'content-type': 'application/json' }, body });
    expect(r.status).toBe(413);
    expect(errorOf(r).code).toBe('PAYLOAD_TOO_LARGE');
    expect(h.db.prepare("SELECT count(*) AS n FROM notes WHERE note_id = 'big'").get()).toEqual({ n: 0 });
  });

  it('hides internal errors: 500 INTERNAL without message or stack, logged server-side', async () => {
    const r = await call(h, 'GET', '/v1/boom', { headers: { ...auth, 'x-request-id': 'boom-1' } });
    expect(r.status).toBe(500);
    expect(errorOf(r)).toEqual({ code: 'INTERNAL', message: 'internal error', details: {} });
    expect(r.text).not.toContain('secret');
    expect(r.text).not.toContain('at ');
    const logged = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.req_id === 'boom-1');
    expect(logged.map((l) => l.msg)).toEqual(['request failed', 'request']);
    expect(logged[0]?.error).toBe('TypeError: secret internal detail');
  });

  it('logs one JSON line per request with its request id', async () => {
    const before = h.logs.length;
    const r = await call(h, 'GET', '/health/liveness', { headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers.get('x-request-id')).toBe('abc-123');
    const gen = await call(h, 'GET', '/health/liveness', { headers: { 'x-request-id': 'bad id with spaces' } });
    const genId = gen.headers.get('x-request-id');
    expect(genId).toMatch(/^req-[0-9a-z]+$/);
    const lines = h.logs.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', req_id: 'abc-123', method: 'GET', url: '/health/liveness', status: 200 });
    expect(lines[1]?.req_id).toBe(genId);
    await call(h, 'GET', '/v1/notes', { headers: auth });
    const authed = JSON.parse(h.logs[h.logs.length - 1] ?? '{}') as Record<string, unknown>;
    expect(authed.principal).toMatch(/^tok-[0-9a-f]{12}$/);
    expect(h.logs.join('\n')).not.toContain(TOKEN);
  });

  it('serves a valid OpenAPI 3.1 document listing every route', async () => {
    const r = await call(h, 'GET', '/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.json as JsonObject;
    checkOpenApi31(doc);
    const ops = Object.entries(doc.paths as JsonObject).flatMap(([p, item]) => Object.keys(item as JsonObject).map((m) => `${m.toUpperCase()} ${p}`));
    expect(ops.sort()).toEqual(
      ['GET /health/liveness', 'GET /health/readiness', 'GET /openapi.json', 'POST /v1/notes', 'GET /v1/notes', 'GET /v1/notes/{note_id}', 'GET /v1/slow', 'GET /v1/boom'].sort(),
    );
    // the body schema and what it references are copied in, with document-local refs
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    expect(Object.keys(schemas).sort()).toEqual(['api-error', 'api-page', 'artifact-ref', 'note']);
  });
});

describe('rate limiting', () => {
  it('counts only authenticated requests, per token, and refills over time', async () => {
    const h = await start({ burst: 3, perSecond: 1 });
    try {
      for (let i = 0; i < 10; i++) expect((await call(h, 'GET', '/v1/notes')).status).toBe(401);
      for (let i = 0; i < 10; i++) expect((await call(h, 'GET', '/v1/notes', { headers: { authorization: 'Bearer wrong-token-000000000' } })).status).toBe(401);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(h, 'GET', '/v1/notes', { headers: auth })).status);
      expect(statuses).toEqual([200, 200, 200]);
      const limited = await call(h, 'GET', '/v1/notes', { headers: auth });
      expect(limited.status).toBe(429);
      expect(errorOf(limited).code).toBe('RATE_LIMITED');
      expect(limited.headers.get('retry-after')).toBe('1');
      // health stays reachable while the token is limited
      expect((await call(h, 'GET', '/health/liveness')).status).toBe(200);
      h.clock.ms += 1000;
      expect((await call(h, 'GET', '/v1/notes', { headers: auth })).status).toBe(200);
      expect((await call(h, 'GET', '/v1/notes', { headers: auth })).status).toBe(429);
    } finally {
      await h.server.stop();
    }
  });

  it('token bucket arithmetic', () => {
    let now = 0;
    const l = new TokenBucketLimiter({ burst: 2, perSecond: 4 }, () => now);
    expect([l.take('a').allowed, l.take('a').allowed, l.take('a').allowed]).toEqual([true, true, false]);
    expect(l.take('b').allowed).toBe(true);
    now = 250;
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a')).toEqual({ allowed: false, limit: 2, remaining: 0, retryAfterSeconds: 1 });
    expectMsezError(() => new TokenBucketLimiter({ burst: 0, perSecond: 1 }, () => 0), 'USAGE');
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new ones and closes the database', async () => {
    const h = await start();
    let release: () => void = () => undefined;
    gate = new Promise<void>((r) => {
      release = r;
    });
    const inflight = call(h, 'GET', '/v1/slow', { headers: auth });
    await new Promise((r) => setTimeout(r, 50));
    const stopping = h.server.stop();
    await new Promise((r) => setTimeout(r, 20));
    release();
    const r = await inflight;
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ done: true });
    await stopping;
    expect(h.db.open).toBe(false);
    await expect(fetch(`${h.url}/health/liveness`)).rejects.toThrow();
    await h.server.stop(); // idempotent
    gate = Promise.resolve();
  });

  it('readiness is 503 when the database does not answer', async () => {
    const h = await start();
    try {
      h.db.close();
      const r = await call(h, 'GET', '/health/readiness');
      expect(r.status).toBe(503);
      expect(errorOf(r)).toMatchObject({ code: 'NOT_READY', details: { checks: { database: false, schemas: true } } });
    } finally {
      await h.server.stop();
    }
  });
});

describe('tokens', () => {
  it('refuses token files readable by group or others, and short or empty tokens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msez-token-'));
    const file = join(dir, 'token');
    writeFileSync(file, `  ${TOKEN}\n`);
    chmodSync(file, 0o644);
    expectMsezError(() => readTokenFile(file), 'KEY_FILE_INSECURE');
    chmodSync(file, 0o640);
    expectMsezError(() => readTokenFile(file), 'KEY_FILE_INSECURE');
    chmodSync(file, 0o600);
    expect(readTokenFile(file)).toBe(TOKEN);
    writeFileSync(file, 'short\n');
    expectMsezError(() => readTokenFile(file), 'USAGE');
    writeFileSync(file, '\n');
    expectMsezError(() => readTokenFile(file), 'USAGE');
    writeFileSync(file, `${TOKEN} ${TOKEN}`);
    expectMsezError(() => readTokenFile(file), 'USAGE');
    expectMsezError(() => readTokenFile(join(dir, 'absent')), 'FILE_NOT_FOUND');
  });

  it('accepts exactly the configured token (hash-then-timingSafeEqual, any length)', () => {
    const v = new TokenVerifier([TOKEN]);
    expect(v.authenticate(`Bearer ${TOKEN}`).id).toMatch(/^tok-/);
    for (const bad of ['', 'Bearer', `Bearer ${TOKEN.slice(0, 1)}`, `Bearer ${TOKEN}${'x'.repeat(1000)}`, `Bearer ${TOKEN.toUpperCase()}`, `Token ${TOKEN}`]) {
      expectMsezError(() => v.authenticate(bad), 'UNAUTHORIZED');
    }
    expectMsezError(() => new TokenVerifier([]), 'USAGE');
  });
});
