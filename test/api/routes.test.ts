import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, createServer, toOpenApiPath, type ApiServer } from '../../src/api/index.js';
import type { JsonObject } from '../../src/core/index.js';
import { checkpointDigest, verifyReceiptInclusionProof } from '../../src/corridor/index.js';
import { loadSchemaRegistry } from '../../src/schema/index.js';
import { applyTransition, createCheckpoint, getCorridor, initCorridor, listCheckpoints, listNextRoots, openDatabase, proposeAndAppend, type Database } from '../../src/store/index.js';
import { corridorFixture } from '../support/corridor-fixture.js';
import { checkOpenApi31 } from './openapi-check.js';

// Every product route, driven over HTTP against a seeded database: a happy path, a validation rejection
// (422) and a not-found (404) each. A route added to API_ROUTES without cases here fails the coverage test.

const TOKEN = 'routes-test-token-0123456789';
const T0 = '2026-01-01T00:00:00Z';
const fx = corridorFixture();
const CID = fx.config.corridor_id;
const LONG = 'x'.repeat(300);

interface Req {
  method?: string;
  path: string;
  body?: unknown;
}
interface Case {
  ok: Req & { status?: number; check(json: JsonObject, db: Database): void };
  invalid: Req & { pointer: string };
  missing: Req;
}

function seed(db: Database): void {
  initCorridor(db, fx.config, T0);
  applyTransition(db, CID, 'submit', [fx.vc('MSEZCorridorDefinitionCredential', {})], T0);
  proposeAndAppend(db, CID, { timestamp: T0 }, fx.parties);
  applyTransition(db, CID, 'activate', [fx.vc('MSEZCorridorAgreementCredential', {})], T0);
  proposeAndAppend(db, CID, { timestamp: '2026-01-01T00:00:01Z' }, fx.parties);
  createCheckpoint(db, CID, '2026-01-01T00:00:02Z', fx.parties);
  proposeAndAppend(db, CID, { timestamp: '2026-01-01T00:00:03Z' }, fx.parties);
}

const items = (j: JsonObject): JsonObject[] => j.items as JsonObject[];

const CASES: Record<string, Case> = {
  listCorridors: {
    ok: { path: '/v1/corridors', check: (j) => expect(j).toEqual({ items: [CID], page: { limit: 50, offset: 0, next_offset: null } }) },
    invalid: { path: '/v1/corridors?limit=501', pointer: '/limit' },
    missing: { path: '/v1/corridors/none/nothing' },
  },
  getCorridorStatus: {
    ok: {
      path: `/v1/corridors/${CID}`,
      check: (j, db) => {
        const rec = getCorridor(db, CID);
        expect(j).toMatchObject({ corridor_id: CID, state: 'ACTIVE', receipt_count: 3, head: rec.head, genesis_root: rec.genesis_root, mmr: { size: 3, root: rec.mmr_root } });
      },
    },
    invalid: { path: `/v1/corridors/${LONG}`, pointer: '/corridor_id' },
    missing: { path: '/v1/corridors/org.example.absent' },
  },
  listCorridorTransitions: {
    ok: { path: `/v1/corridors/${CID}/transitions`, check: (j) => expect(items(j).map((e) => e.kind)).toEqual(['submit', 'activate']) },
    invalid: { path: `/v1/corridors/${CID}/transitions?offset=-1`, pointer: '/offset' },
    missing: { path: '/v1/corridors/org.example.absent/transitions' },
  },
  listCorridorReceipts: {
    ok: {
      path: `/v1/corridors/${CID}/receipts?limit=2&offset=1`,
      check: (j, db) => {
        expect(items(j).map((r) => r.sequence)).toEqual([1, 2]);
        expect(items(j).map((r) => r.next_root)).toEqual(listNextRoots(db, CID).slice(1));
        expect(j.page).toEqual({ limit: 2, offset: 1, next_offset: null });
      },
    },
    invalid: { path: `/v1/corridors/${CID}/receipts?limit=0`, pointer: '/limit' },
    missing: { path: '/v1/corridors/org.example.absent/receipts' },
  },
  getCorridorReceipt: {
    ok: { path: `/v1/corridors/${CID}/receipts/1`, check: (j, db) => expect(j).toMatchObject({ type: 'MSEZCorridorStateReceipt', sequence: 1, next_root: listNextRoots(db, CID)[1] }) },
    invalid: { path: `/v1/corridors/${CID}/receipts/-1`, pointer: '/sequence' },
    missing: { path: `/v1/corridors/${CID}/receipts/3` },
  },
  getCorridorReceiptInclusionProof: {
    ok: {
      path: `/v1/corridors/${CID}/receipts/1/proof`,
      check: (j, db) => {
        const cp = listCheckpoints(db, CID)[0]!;
        expect(j).toMatchObject({ type: 'MSEZCorridorReceiptInclusionProof', corridor_id: CID, mmr: { size: 2, root: (cp.mmr as JsonObject).root }, generated_at: T0 });
        expect(j.checkpoint_digest_sha256).toBe(checkpointDigest(cp));
        expect(verifyReceiptInclusionProof(j, cp).ok).toBe(true);
      },
    },
    invalid: { path: `/v1/corridors/${CID}/receipts/x1/proof`, pointer: '/sequence' },
    // receipt 2 came after the only checkpoint (size 2)
    missing: { path: `/v1/corridors/${CID}/receipts/2/proof` },
  },
  getCorridorFinality: {
    ok: {
      path: `/v1/corridors/${CID}/finality`,
      check: (j, db) => {
        const rec = getCorridor(db, CID);
        // the latest checkpoint covers 2 of 3 receipts: receipt_signed, with a warning
        expect(j).toMatchObject({ corridor_id: CID, as_of: T0, finality_level: 'receipt_signed', receipt_count: 3, final_state_root: rec.head, mmr_root: rec.mmr_root });
        expect(j.warnings).toEqual(['latest checkpoint covers 2 of 3 receipts']);
        expect((j.evidence as JsonObject).watcher_quorum).toMatchObject({ confirmed_count: 0, quorum_met: false });
      },
    },
    invalid: { path: `/v1/corridors/${LONG}/finality`, pointer: '/corridor_id' },
    missing: { path: '/v1/corridors/org.example.absent/finality' },
  },
  listCorridorCheckpoints: {
    ok: { path: `/v1/corridors/${CID}/checkpoints`, check: (j) => expect(items(j).map((c) => [c.type, c.receipt_count])).toEqual([['MSEZCorridorStateCheckpoint', 2]]) },
    invalid: { path: `/v1/corridors/${CID}/checkpoints?limit=x`, pointer: '/limit' },
    missing: { path: '/v1/corridors/org.example.absent/checkpoints' },
  },
  listCorridorForks: {
    ok: { path: `/v1/corridors/${CID}/forks`, check: (j) => expect(items(j)).toEqual([]) },
    invalid: { path: `/v1/corridors/${CID}/forks?extra=1`, pointer: '/extra' },
    missing: { path: '/v1/corridors/org.example.absent/forks' },
  },
  listCorridorAttestations: {
    ok: { path: `/v1/corridors/${CID}/attestations`, check: (j) => expect(items(j)).toEqual([]) },
    invalid: { path: `/v1/corridors/${LONG}/attestations`, pointer: '/corridor_id' },
    missing: { path: '/v1/corridors/org.example.absent/attestations' },
  },
};

let server: ApiServer;
let url: string;
let db: Database;

beforeAll(async () => {
  db = openDatabase(':memory:');
  seed(db);
  server = createServer({
    db,
    registry: loadSchemaRegistry(),
    tokens: [TOKEN],
    routes: API_ROUTES,
    version: '0.0.0-test',
    clock: { nowMs: () => 0, nowIso: () => T0 },
    rateLimit: { burst: 100_000, perSecond: 100_000 },
  });
  ({ url } = await server.start({ port: 0, host: '127.0.0.1' }));
});

afterAll(async () => {
  await server.stop();
});

async function send(r: Req): Promise<{ status: number; json: JsonObject }> {
  const init: RequestInit = { method: r.method ?? 'GET', headers: { authorization: `Bearer ${TOKEN}` } };
  if (r.body !== undefined) {
    init.headers = { ...(init.headers as Record<string, string>), 'content-type': 'application/json' };
    init.body = JSON.stringify(r.body);
  }
  const res = await fetch(`${url}${r.path}`, init);
  return { status: res.status, json: (await res.json()) as JsonObject };
}

describe('product routes', () => {
  it('every route in API_ROUTES has test cases, and every case a route', () => {
    expect(Object.keys(CASES).sort()).toEqual(API_ROUTES.map((r) => r.operationId).sort());
  });

  for (const [operationId, c] of Object.entries(CASES)) {
    describe(operationId, () => {
      it('happy path', async () => {
        const r = await send(c.ok);
        expect(r.status, JSON.stringify(r.json)).toBe(c.ok.status ?? 200);
        c.ok.check(r.json, db);
      });
      it('422 with the failing pointer', async () => {
        const r = await send(c.invalid);
        expect(r.status, JSON.stringify(r.json)).toBe(422);
        const err = r.json.error as JsonObject;
        expect(err.code).toBe('SCHEMA_INVALID');
        expect((err.details as JsonObject).pointer).toBe(c.invalid.pointer);
      });
      it('404', async () => {
        const r = await send(c.missing);
        expect(r.status, JSON.stringify(r.json)).toBe(404);
        expect((r.json.error as JsonObject).code).toBe('NOT_FOUND');
      });
    });
  }

  it('the OpenAPI document is valid 3.1 and lists every route', async () => {
    const res = await fetch(`${url}/openapi.json`);
    const doc = (await res.json()) as JsonObject;
    checkOpenApi31(doc);
    const paths = doc.paths as Record<string, Record<string, JsonObject>>;
    for (const r of API_ROUTES) {
      const op = paths[toOpenApiPath(r.path)]?.[r.method.toLowerCase()];
      expect(op?.operationId, `${r.method} ${r.path}`).toBe(r.operationId);
    }
    const count = Object.values(paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(count).toBe(API_ROUTES.length + 3);
  });
});
