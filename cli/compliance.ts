import { Flags } from '@oclif/core';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataFile, type JsonValue } from '../src/core/index.js';
import type { Policy } from '../src/agentic/index.js';
import type { Database } from '../src/store/index.js';
import type { TensorPacks, WithholdingRateTable, ZonePacks } from '../src/state/index.js';
import { findWorkspaceRoot, openStore, resolveNow } from './workspace.js';

/** Flags shared by the compliance and primitive commands (tensor, agentic, entity, ownership, fiscal, identity, consent). */
export const stateFlags = {
  db: Flags.string({ summary: 'SQLite state file (default: <root>/.msez/state.db).' }),
  root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
  at: Flags.string({ summary: 'Instant to record (YYYY-MM-DDTHH:MM:SSZ; default SOURCE_DATE_EPOCH, else now).' }),
};

export const pageFlags = {
  limit: Flags.integer({ summary: 'Page size (1-1000).', default: 100 }),
  offset: Flags.integer({ summary: 'Rows to skip.', default: 0 }),
};

/** Opens (and migrates) the state database; better-sqlite3 is loaded only here. */
export async function openState(flags: { db?: string; root?: string }): Promise<Database> {
  const { openDatabase } = await import('../src/store/index.js');
  return openDatabase(flags.db !== undefined ? resolve(flags.db) : join(findWorkspaceRoot(flags.root), '.msez', 'state.db'));
}

/** The instant a command stamps: `--at`, else SOURCE_DATE_EPOCH, else the clock. */
export function nowOf(flags: { at?: string }): string {
  return resolveNow(flags.at);
}

/** A JSON or YAML input file as a value (the library validates it against its schema). */
export function readInput(file: string): JsonValue {
  return readDataFile(file).value;
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

/**
 * The agentic policies: every `rulesets/agentic/*.yaml` of the workspace, else the ones shipped with msez
 * (standard + extended).
 */
export async function loadPolicies(root: string | undefined): Promise<Policy[]> {
  const { mergePolicies, parsePolicySet } = await import('../src/agentic/index.js');
  const ws = join(findWorkspaceRoot(root), 'rulesets', 'agentic');
  const dir = existsSync(ws) ? ws : join(packageRoot(), 'rulesets', 'agentic');
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  return mergePolicies(files.map((f) => parsePolicySet(readDataFile(join(dir, f)).value, f).policies));
}

/** Reads a withholding rate table (`{jurisdiction_id, rules[]}`, e.g. from the tax regpack). */
export async function loadRates(file: string): Promise<WithholdingRateTable> {
  const { parseWithholdingTable } = await import('../src/state/index.js');
  return parseWithholdingTable(readDataFile(file).value, file);
}

/** Flags that pick the withholding rate table: the zone's tax regpack by default, or a `{rules[]}` file. */
export const ratesFlags = {
  rates: Flags.string({ summary: 'Withholding rate table file ({jurisdiction_id, rules[]}) instead of the zone regpack.' }),
  zone: Flags.string({ summary: "Zone whose tax regpack gives the rates (default: the payer entity's jurisdiction)." }),
};

/** The packs a zone pins (stack.lock → CAS). */
export async function zonePacks(root: string | undefined, zone: string): Promise<ZonePacks> {
  const { loadZonePacks } = await import('../src/state/index.js');
  const ws = findWorkspaceRoot(root);
  return loadZonePacks(ws, openStore(ws), zone);
}

/** The tensor's pack inputs of a zone: sanctions snapshots of its regpacks, licenses of its licensepacks. */
export async function tensorPacks(root: string | undefined, zone: string): Promise<{ jurisdiction_id: string; packs: TensorPacks; digests: { regpacks: string[]; licensepacks: string[] } }> {
  const { zoneLicenses, zoneSanctions } = await import('../src/state/index.js');
  const z = await zonePacks(root, zone);
  return {
    jurisdiction_id: z.jurisdiction_id,
    packs: { sanctions: zoneSanctions(z), licenses: zoneLicenses(z) },
    digests: { regpacks: z.regpacks.map((r) => r.digest_sha256), licensepacks: z.licensepacks.map((l) => l.digest_sha256) },
  };
}

/**
 * The rate table of a payment: `--rates FILE` when given, else the tax regpack of `--zone`, else of the
 * zone named by the jurisdiction of the paying entity (`payerJurisdiction`).
 */
export async function resolveRates(flags: { rates?: string; zone?: string; root?: string }, payerJurisdiction: () => string): Promise<WithholdingRateTable> {
  if (flags.rates !== undefined) return loadRates(flags.rates);
  const { zoneWithholding } = await import('../src/state/index.js');
  return zoneWithholding(await zonePacks(flags.root, flags.zone ?? payerJurisdiction())).table;
}
