#!/usr/bin/env node
// Load test for `msez serve` (spec/api.md): starts the built CLI on 127.0.0.1 with a fresh database, drives
// one write route (POST /v1/entities) and one read route (GET /v1/entities/{id}) with 64 concurrent
// keep-alive connections, and reports requests/s and latency percentiles. It fails (exit 1) on any error
// response, on a lost write (acknowledged creates ≠ rows listed by the API ≠ rows in the database after a
// graceful stop), or when it could not open 64 connections.
//
// Bounded: at most --requests per phase (default 4000) and --seconds per phase (default 20), plus a hard
// overall timeout. Loopback only: the server binds 127.0.0.1 and the client talks to nothing else.
//
// Usage: npm run build && npm run load [-- --requests 4000 --seconds 20]

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';
const CONCURRENCY = 64;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs a positive integer`);
  return n;
}
const REQUESTS = Math.min(argValue('--requests', 4000), 100_000);
const SECONDS = Math.min(argValue('--seconds', 20), 120);
const HARD_TIMEOUT_MS = (2 * SECONDS + 60) * 1000;

if (!existsSync(join(ROOT, 'build', 'commands', 'serve.js'))) {
  console.error('load: build/ is missing or stale; run `npm run build` first');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'msez-load-'));
const token = `load-${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('hex')}`;
const tokenFile = join(dir, 'token');
writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
chmodSync(tokenFile, 0o600);
const dbFile = join(dir, 'state.db');

const server = spawn(
  process.execPath,
  [join(ROOT, 'bin', 'run.js'), 'serve', '--host', HOST, '--port', '0', '--root', dir, '--db', dbFile, '--token-file', tokenFile, '--rate-burst', '100000000', '--rate-per-second', '100000000'],
  { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
);
let serverExit;
const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve((serverExit = { code, signal }))));
const hardTimer = setTimeout(() => {
  console.error('load: hard timeout, stopping');
  server.kill('SIGKILL');
  process.exit(1);
}, HARD_TIMEOUT_MS);

const url = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: server.stderr });
  let found = false;
  lines.on('line', (line) => {
    if (found) return; // keep draining the request log so the server never blocks on a full pipe
    if (line.includes('"msg":"listening"')) {
      found = true;
      resolve(/"url":"([^"]+)"/.exec(line)?.[1]);
    } else if (line.startsWith('error') || line.includes('"ok":false')) reject(new Error(`server failed to start: ${line}`));
  });
  exited.then(() => found || reject(new Error(`server exited before listening: ${JSON.stringify(serverExit)}`)));
});
const target = new URL(url);
if (target.hostname !== HOST) throw new Error(`refusing to load-test a non-loopback address: ${url}`);

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });
const sockets = new Set();

function request(method, path, body) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { authorization: `Bearer ${token}` };
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: HOST, port: Number(target.port), method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('socket', (s) => sockets.add(s));
    req.on('error', (err) => resolve({ status: 0, ms: Number(process.hrtime.bigint() - t0) / 1e6, text: String(err) }));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `make(i)` for i = 0.. with 64 workers until REQUESTS are done or SECONDS have passed. */
async function phase(name, expected, make) {
  const latencies = [];
  const errors = [];
  let next = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const t0 = process.hrtime.bigint();
  const worker = async () => {
    while (next < REQUESTS && Date.now() < deadline) {
      const i = next++;
      const { method, path, body } = make(i);
      const r = await request(method, path, body);
      latencies.push(r.ms);
      if (r.status !== expected) errors.push({ i, status: r.status, body: r.text.slice(0, 200) });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  latencies.sort((a, b) => a - b);
  const round = (x) => Math.round(x * 100) / 100;
  return {
    name,
    requests: latencies.length,
    errors: errors.length,
    first_errors: errors.slice(0, 3),
    seconds: round(seconds),
    requests_per_s: round(latencies.length / seconds),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(latencies[latencies.length - 1] ?? 0),
  };
}

const id = (i) => `load-${String(i).padStart(6, '0')}`;
const write = await phase('POST /v1/entities', 201, (i) => ({
  method: 'POST',
  path: '/v1/entities',
  body: { entity_id: id(i), jurisdiction_id: 'pk-sifc', legal_name: `Load Test Entity ${i}`, entity_type: 'company' },
}));
const acknowledged = write.requests - write.errors;
const read = await phase('GET /v1/entities/{entity_id}', 200, (i) => ({ method: 'GET', path: `/v1/entities/${id(i % Math.max(1, acknowledged))}` }));

// Row counts through the API (paging the list route) ...
let apiCount = 0;
for (let offset = 0; offset !== null; ) {
  const r = await request('GET', `/v1/entities?limit=500&offset=${offset}`);
  if (r.status !== 200) throw new Error(`list failed: ${r.status} ${r.text.slice(0, 200)}`);
  const page = JSON.parse(r.text);
  apiCount += page.items.filter((e) => e.entity_id.startsWith('load-')).length;
  offset = page.page.next_offset;
}
const connections = sockets.size;
agent.destroy();

// ... and in the database after a graceful stop (SIGTERM: in-flight requests finish, the DB closes).
server.kill('SIGTERM');
await exited;
clearTimeout(hardTimer);
const Database = createRequire(import.meta.url)('better-sqlite3');
const db = new Database(dbFile, { readonly: true });
const dbCount = db.prepare("SELECT count(*) AS n FROM entities WHERE entity_id LIKE 'load-%'").get().n;
db.close();
rmSync(dir, { recursive: true, force: true });

const report = {
  host: HOST,
  concurrency: CONCURRENCY,
  connections_opened: connections,
  limits: { requests_per_phase: REQUESTS, seconds_per_phase: SECONDS },
  write,
  read,
  rows: { acknowledged_creates: acknowledged, listed_by_api: apiCount, in_database_after_stop: dbCount },
  server_exit: serverExit,
};
const failures = [];
if (write.errors > 0 || read.errors > 0) failures.push('error responses');
if (acknowledged !== apiCount || apiCount !== dbCount) failures.push('lost or extra writes (row counts differ)');
if (connections !== CONCURRENCY) failures.push(`expected ${CONCURRENCY} connections, opened ${connections}`);
if (serverExit?.code !== 0) failures.push(`server exit ${JSON.stringify(serverExit)}`);
report.ok = failures.length === 0;
if (failures.length > 0) report.failures = failures;
console.log(JSON.stringify(report, null, 2));
process.exit(report.ok ? 0 : 1);
