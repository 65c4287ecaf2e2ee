import { Flags } from '@oclif/core';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MsezCommand } from '../cli/base.js';
import { stateDbPath } from '../cli/corridor.js';
import { findWorkspaceRoot, openStore } from '../cli/workspace.js';
import { MsezError, formatUtcSeconds, readDataFile } from '../src/core/index.js';

interface ServeResult {
  url: string;
  stopped_by: string;
}

export default class Serve extends MsezCommand<ServeResult> {
  static override summary = 'Serve the workspace state over an authenticated HTTP API (OpenAPI at /openapi.json).';
  static override description =
    'Routes under /v1/ need "Authorization: Bearer <token>"; the token comes from --token-file (mode 600) or ' +
    'MSEZ_API_TOKEN. One JSON log line per request goes to stderr. SIGTERM/SIGINT stop gracefully.';
  static override examples = ['<%= config.bin %> serve --token-file ~/.msez/api-token', 'MSEZ_API_TOKEN=... <%= config.bin %> serve --port 0'];
  static override flags = {
    port: Flags.integer({ summary: 'TCP port (0 picks a free one).', default: 8080, min: 0, max: 65535 }),
    host: Flags.string({ summary: 'Address to bind.', default: '127.0.0.1' }),
    db: Flags.string({ summary: 'SQLite state database (default <root>/.msez/state.db).' }),
    root: Flags.string({ summary: 'Workspace root (default: nearest msez.yaml or modules/ folder).' }),
    'token-file': Flags.string({ summary: 'File holding the bearer token (refused if group/others can read it).' }),
    rates: Flags.string({ summary: 'Withholding rate table {jurisdiction_id, rules[]} (JSON/YAML) for the payment and withholding routes.' }),
    'dual-control-threshold': Flags.string({ summary: 'Payments at or above this amount need two signers.', dependsOn: ['dual-control-signer'] }),
    'dual-control-signer': Flags.string({ summary: 'A signer asked to approve dual-control payments (repeat).', multiple: true }),
    'body-limit': Flags.integer({ summary: 'Largest request body in bytes.', default: 1024 * 1024, min: 1 }),
    'rate-burst': Flags.integer({ summary: 'Requests a token may make at once.', default: 200, min: 1 }),
    'rate-per-second': Flags.integer({ summary: 'Requests per second refilled per token.', default: 100, min: 1 }),
  };

  async run(): Promise<ServeResult> {
    const { flags } = await this.parse(Serve);
    const api = await import('../src/api/index.js');
    const { openDatabase } = await import('../src/store/index.js');
    const { loadSchemaRegistry } = await import('../src/schema/index.js');
    const token = flags['token-file'] !== undefined ? api.readTokenFile(flags['token-file']) : envToken(api.parseToken);
    const root = findWorkspaceRoot(flags.root);
    const registry = loadSchemaRegistry(root);
    const rates = flags.rates === undefined ? undefined : (await import('../src/state/index.js')).parseWithholdingTable(readDataFile(flags.rates).value, flags.rates);
    const threshold = flags['dual-control-threshold'];
    const db = openDatabase(stateDbPath({ db: flags.db, root }));
    const server = api.createServer({
      db,
      registry,
      workspaceRoot: root,
      workspace: { root, artifacts: openStore(root) },
      tokens: [token],
      ...(rates !== undefined ? { rates } : {}),
      ...(threshold !== undefined ? { dualControl: { threshold, signers: flags['dual-control-signer'] ?? [] } } : {}),
      routes: api.API_ROUTES,
      version: this.config.version,
      bodyLimit: flags['body-limit'],
      rateLimit: { burst: flags['rate-burst'], perSecond: flags['rate-per-second'] },
      clock: { nowMs: () => performance.now(), nowIso: () => formatUtcSeconds(Math.floor(Date.now() / 1000)) },
      log: (line) => process.stderr.write(`${line}\n`),
      requestId: () => randomUUID(),
    });
    let address: { url: string };
    try {
      address = await server.start({ port: flags.port, host: flags.host });
    } catch (cause) {
      await server.stop();
      throw new MsezError('IO_ERROR', `cannot listen on ${flags.host}:${flags.port}: ${(cause as Error).message}`, { host: flags.host, port: flags.port }, { cause });
    }
    process.stderr.write(`${JSON.stringify({ level: 'info', msg: 'listening', url: address.url })}\n`);
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    await server.stop();
    process.stderr.write(`${JSON.stringify({ level: 'info', msg: 'stopped', signal })}\n`);
    return { url: address.url, stopped_by: signal };
  }
}

function envToken(parse: (raw: string, source: string) => string): string {
  const raw = process.env.MSEZ_API_TOKEN;
  if (raw === undefined || raw === '') throw new MsezError('USAGE', 'no API token: pass --token-file FILE or set MSEZ_API_TOKEN');
  return parse(raw, 'MSEZ_API_TOKEN');
}
