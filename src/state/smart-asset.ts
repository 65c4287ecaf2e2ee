import { MsezError, assertNever, digestValue, isJsonObject, mcfText, normaliseDateTime, toHex, type JsonObject, type JsonValue } from '../core/index.js';
import type { ArtifactStore } from '../cas/index.js';
import {
  cellBytes,
  compareCellKeys,
  isPassing,
  leafHash,
  meetAll,
  auditPath,
  rootFromLeafHashes,
  type CellInclusionProof,
  type CellKey,
  type ComplianceDomain,
  type ComplianceState,
  type TensorCell,
} from '../tensor/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { getEntity } from './entities.js';
import { pageBounds, readStoredJson, toPage, type Page, type PageOptions } from './paging.js';
import { loadCells } from './tensor-store.js';
import { assertInput } from './validate.js';

/**
 * Smart assets (spec/smart-assets.md): a genesis document named by its canonical digest, kept in the CAS
 * and in SQLite, a registry over it, and compliance evaluation of the asset's parties against the stored
 * compliance tensor (D10, D11).
 */

// ## Asset classes

/** The asset classes msez knows (msez rule: a closed list, so the required domains are defined). */
export const ASSET_CLASSES = ['legal_entity', 'security', 'property', 'building', 'ip', 'account', 'credential', 'digital_asset', 'commodity'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

/**
 * The compliance domains each class requires, in domain enum order (msez rule; spec/smart-assets.md §3).
 * Every class but `credential` needs sanctions; value-bearing classes add AML/KYC/tax, and each class adds
 * the domain of its own regulator.
 */
export function requiredDomains(cls: AssetClass): readonly ComplianceDomain[] {
  switch (cls) {
    case 'legal_entity':
      return ['aml', 'kyc', 'sanctions', 'tax', 'corporate', 'licensing'];
    case 'security':
      return ['aml', 'kyc', 'sanctions', 'tax', 'securities', 'corporate', 'custody'];
    case 'property':
    case 'building':
      return ['aml', 'kyc', 'sanctions', 'tax'];
    case 'ip':
      return ['sanctions', 'tax', 'ip'];
    case 'account':
      return ['aml', 'kyc', 'sanctions', 'banking', 'payments'];
    case 'credential':
      return ['kyc', 'data_privacy'];
    case 'digital_asset':
      return ['aml', 'kyc', 'sanctions', 'tax', 'custody', 'digital_assets'];
    case 'commodity':
      return ['aml', 'sanctions', 'tax', 'trade'];
    default:
      return assertNever(cls, 'asset class');
  }
}

// ## Genesis

/** CAS artifact type of genesis documents (the reference's name); the digest is the asset id. */
export const GENESIS_ARTIFACT_TYPE = 'smart-asset-genesis';
/** D1 `stack_spec_version`. */
const STACK_SPEC_VERSION = '0.4.44';

/** The genesis document (reference `smart-asset.genesis` fields, msez names for issuer and jurisdiction). */
export interface GenesisDocument {
  readonly type: 'SmartAssetGenesis';
  readonly stack_spec_version: string;
  readonly asset_name: string;
  readonly asset_class: AssetClass;
  readonly issuer_entity_id: string;
  readonly jurisdiction_id: string;
  readonly created_at: string;
  readonly description?: string;
  readonly creator?: string;
  readonly initial_metadata?: JsonObject;
}

interface GenesisInput {
  asset_name: string;
  asset_class: AssetClass;
  issuer_entity_id: string;
  jurisdiction_id: string;
  created_at?: string;
  description?: string;
  creator?: string;
  initial_metadata?: JsonObject;
}

/** The status a registry row carries: `unevaluated`, or the aggregate of the latest evaluation. */
export type AssetComplianceStatus = 'unevaluated' | ComplianceState;

export interface SmartAsset {
  readonly asset_id: string;
  readonly asset_name: string;
  readonly asset_class: AssetClass;
  readonly issuer_entity_id: string;
  readonly jurisdiction_id: string;
  readonly created_at: string;
  readonly genesis: GenesisDocument;
  /** ArtifactRef of the genesis document in the CAS: `dist/artifacts/smart-asset-genesis/<asset_id>.json`. */
  readonly genesis_ref: { readonly artifact_type: string; readonly digest_sha256: string; readonly media_type: 'application/json' };
  readonly compliance_status: AssetComplianceStatus;
  readonly last_evaluated_at?: string;
  readonly registered_at: string;
}

/**
 * Builds the genesis document from validated input: fixed `type` and `stack_spec_version`, `created_at`
 * from the input or `now`, written in MCF's UTC-seconds form so the stored row and the hashed bytes agree.
 */
export function buildGenesis(input: unknown, now: string): GenesisDocument {
  const v = assertInput<GenesisInput>('smart-asset.genesis', input);
  const created = normaliseDateTime(v.created_at ?? now);
  if (created === undefined) throw new MsezError('VALIDATION_FAILED', 'created_at: expected an RFC 3339 date-time', { pointer: '/created_at', found: v.created_at ?? now });
  return {
    type: 'SmartAssetGenesis',
    stack_spec_version: STACK_SPEC_VERSION,
    asset_name: v.asset_name,
    asset_class: v.asset_class,
    issuer_entity_id: v.issuer_entity_id,
    jurisdiction_id: v.jurisdiction_id,
    created_at: created,
    ...(v.description !== undefined ? { description: v.description } : {}),
    ...(v.creator !== undefined ? { creator: v.creator } : {}),
    ...(v.initial_metadata !== undefined ? { initial_metadata: v.initial_metadata } : {}),
  };
}

/**
 * The asset id: sha256 of MCF(genesis) (D3 canonical path). The reference hashed the genesis with any
 * informational `asset_id` removed; msez never puts `asset_id` in the document, so the two agree.
 */
export function assetIdOf(genesis: GenesisDocument): string {
  return digestValue(genesis).hex;
}

interface AssetRow {
  asset_id: string;
  asset_name: string;
  asset_class: AssetClass;
  issuer_entity_id: string;
  jurisdiction_id: string;
  created_at: string;
  genesis: string;
  compliance_status: AssetComplianceStatus;
  last_evaluated_at: string | null;
  registered_at: string;
}

function toAsset(r: AssetRow): SmartAsset {
  return {
    asset_id: r.asset_id,
    asset_name: r.asset_name,
    asset_class: r.asset_class,
    issuer_entity_id: r.issuer_entity_id,
    jurisdiction_id: r.jurisdiction_id,
    created_at: r.created_at,
    genesis: readStoredJson(r.genesis, 'smart_assets.genesis') as unknown as GenesisDocument,
    genesis_ref: { artifact_type: GENESIS_ARTIFACT_TYPE, digest_sha256: r.asset_id, media_type: 'application/json' },
    compliance_status: r.compliance_status,
    ...(r.last_evaluated_at !== null ? { last_evaluated_at: r.last_evaluated_at } : {}),
    registered_at: r.registered_at,
  };
}

/**
 * Creates a smart asset (schema `smart-asset.genesis`): validates the input, checks the issuer entity
 * exists, stores the genesis document in the CAS (its canonical bytes, named by the asset id) and registers
 * it in SQLite. Nothing is written when the input or the issuer is bad.
 * @throws SCHEMA_INVALID, NOT_FOUND (issuer), CONFLICT (the same genesis document is already registered),
 *   HASH_COLLISION / IO_ERROR from the CAS
 */
export function genesisAsset(db: Database, store: ArtifactStore, input: unknown, now: string): SmartAsset {
  const genesis = buildGenesis(input, now);
  getEntity(db, genesis.issuer_entity_id);
  const assetId = assetIdOf(genesis);
  if (db.prepare('SELECT 1 FROM smart_assets WHERE asset_id = ?').get(assetId) !== undefined) {
    throw new MsezError('CONFLICT', `smart asset ${assetId} is already registered`, { asset_id: assetId });
  }
  const stored = store.storeJson(GENESIS_ARTIFACT_TYPE, genesis);
  if (stored.digest_sha256 !== assetId) {
    throw new MsezError('INTERNAL', `the CAS named the genesis ${stored.digest_sha256}, not ${assetId}`, { asset_id: assetId, digest: stored.digest_sha256 });
  }
  return inTransaction(db, () => {
    db.prepare(
      'INSERT INTO smart_assets (asset_id, asset_name, asset_class, issuer_entity_id, jurisdiction_id, created_at, genesis, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(assetId, genesis.asset_name, genesis.asset_class, genesis.issuer_entity_id, genesis.jurisdiction_id, genesis.created_at, mcfText(genesis), now);
    return getAsset(db, assetId);
  });
}

/** One registered asset. @throws NOT_FOUND */
export function getAsset(db: Database, assetId: string): SmartAsset {
  const r = db.prepare('SELECT * FROM smart_assets WHERE asset_id = ?').get(assetId) as AssetRow | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no smart asset ${assetId}`, { asset_id: assetId });
  return toAsset(r);
}

export interface AssetFilter {
  readonly issuer_entity_id?: string;
  readonly jurisdiction_id?: string;
  readonly asset_class?: AssetClass;
}

/** The registry, ordered by asset id, filtered by issuer, jurisdiction and class (each optional). */
export function listAssets(db: Database, o: PageOptions & AssetFilter = {}): Page<SmartAsset> {
  const { limit, offset } = pageBounds(o);
  const rows = db
    .prepare(
      `SELECT * FROM smart_assets
       WHERE (? IS NULL OR issuer_entity_id = ?) AND (? IS NULL OR jurisdiction_id = ?) AND (? IS NULL OR asset_class = ?)
       ORDER BY asset_id LIMIT ? OFFSET ?`,
    )
    .all(o.issuer_entity_id ?? null, o.issuer_entity_id ?? null, o.jurisdiction_id ?? null, o.jurisdiction_id ?? null, o.asset_class ?? null, o.asset_class ?? null, limit + 1, offset) as AssetRow[];
  return toPage(rows.map(toAsset), limit, offset);
}

// ## Compliance evaluation

export type AssetPartyRole = 'issuer' | 'holder';

/** One party's cell in one domain: the stored cell with its inclusion proof, or `pending` when none is stored. */
export interface AssetPartyCell {
  readonly role: AssetPartyRole;
  readonly entity_id: string;
  readonly state: ComplianceState;
  readonly reason_code?: string;
  readonly proof?: CellInclusionProof;
}

export interface AssetDomainResult {
  readonly domain: ComplianceDomain;
  /** meet over the parties' cells. */
  readonly state: ComplianceState;
  readonly cells: readonly AssetPartyCell[];
}

export interface AssetEvaluation {
  readonly asset_id: string;
  readonly asset_class: AssetClass;
  readonly jurisdiction_id: string;
  readonly evaluated_at: string;
  readonly parties: readonly { readonly role: AssetPartyRole; readonly entity_id: string }[];
  readonly required_domains: readonly ComplianceDomain[];
  readonly domains: readonly AssetDomainResult[];
  /** meet over the required domains. */
  readonly aggregate: ComplianceState;
  readonly passing: boolean;
  readonly passing_domains: readonly ComplianceDomain[];
  readonly blocking_domains: readonly ComplianceDomain[];
  /** The commitment of the whole stored tensor the proofs verify against; `as_of` when it is the latest recorded one. */
  readonly tensor: { readonly root: string; readonly size: number; readonly as_of?: string };
}

/** Reason recorded for a party with no stored cell in a required domain (a missing value is pending, D10). */
export const NO_TENSOR_CELL = 'no_tensor_cell';

/** Index of `key` in cells sorted in commitment order, or -1. */
function findCell(cells: readonly TensorCell[], key: CellKey): number {
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareCellKeys(cells[mid] as TensorCell, key);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Evaluates an asset (schema `smart-asset.evaluate`) against the stored tensor: for its issuer, and its
 * holder when given, and for each domain its class requires, the stored cell (party, asset jurisdiction,
 * domain) with an RFC 9162 inclusion proof against the commitment of the whole stored tensor; a party
 * without a stored cell is `pending` (reason `no_tensor_cell`). Domain states and the aggregate are meets.
 * The result is appended to the asset's evaluation log and becomes its `compliance_status`.
 * @throws SCHEMA_INVALID, NOT_FOUND (asset or holder entity)
 */
export function evaluateAsset(db: Database, input: unknown, now: string): AssetEvaluation {
  const v = assertInput<{ asset_id: string; holder_entity_id?: string }>('smart-asset.evaluate', input);
  const asset = getAsset(db, v.asset_id);
  const parties: { role: AssetPartyRole; entity_id: string }[] = [{ role: 'issuer', entity_id: asset.issuer_entity_id }];
  if (v.holder_entity_id !== undefined) {
    getEntity(db, v.holder_entity_id);
    parties.push({ role: 'holder', entity_id: v.holder_entity_id });
  }
  const cells = loadCells(db);
  // One pass of leaf hashes serves every proof (proveCell would re-hash the tensor per cell).
  const leaves = cells.map((c) => leafHash(cellBytes(c)));
  const root = toHex(rootFromLeafHashes(leaves));
  const latest = db.prepare('SELECT root, as_of FROM tensor_commitments ORDER BY seq DESC LIMIT 1').get() as { root: string; as_of: string } | undefined;
  const required = requiredDomains(asset.asset_class);
  const domains = required.map((domain): AssetDomainResult => {
    const partyCells = parties.map(({ role, entity_id }): AssetPartyCell => {
      const i = findCell(cells, { entity_id, jurisdiction_id: asset.jurisdiction_id, domain });
      if (i < 0) return { role, entity_id, state: 'pending', reason_code: NO_TENSOR_CELL };
      const cell = cells[i] as TensorCell;
      const proof: CellInclusionProof = { cell, leaf_index: i, tree_size: cells.length, leaf_hash: toHex(leaves[i] as Uint8Array), path: auditPath(leaves, i).map(toHex), root };
      return { role, entity_id, state: cell.state, ...(cell.reason_code !== undefined ? { reason_code: cell.reason_code } : {}), proof };
    });
    return { domain, state: meetAll(partyCells.map((c) => c.state)), cells: partyCells };
  });
  const aggregate = meetAll(domains.map((d) => d.state));
  const result: AssetEvaluation = {
    asset_id: asset.asset_id,
    asset_class: asset.asset_class,
    jurisdiction_id: asset.jurisdiction_id,
    evaluated_at: now,
    parties,
    required_domains: required,
    domains,
    aggregate,
    passing: isPassing(aggregate),
    passing_domains: domains.filter((d) => isPassing(d.state)).map((d) => d.domain),
    blocking_domains: domains.filter((d) => !isPassing(d.state)).map((d) => d.domain),
    tensor: { root, size: cells.length, ...(latest !== undefined && latest.root === root ? { as_of: latest.as_of } : {}) },
  };
  inTransaction(db, () => {
    db.prepare('INSERT INTO smart_asset_evaluations (asset_id, evaluated_at, aggregate, tensor_root, body) VALUES (?, ?, ?, ?, ?)').run(asset.asset_id, now, aggregate, root, mcfText(result as unknown as JsonValue));
    db.prepare('UPDATE smart_assets SET compliance_status = ?, last_evaluated_at = ? WHERE asset_id = ?').run(aggregate, now, asset.asset_id);
  });
  return result;
}

/** The evaluation log of an asset, oldest first (paged). @throws NOT_FOUND */
export function listAssetEvaluations(db: Database, assetId: string, o: PageOptions = {}): Page<AssetEvaluation> {
  getAsset(db, assetId);
  const { limit, offset } = pageBounds(o);
  const rows = db.prepare('SELECT body FROM smart_asset_evaluations WHERE asset_id = ? ORDER BY seq LIMIT ? OFFSET ?').all(assetId, limit + 1, offset) as { body: string }[];
  return toPage(
    rows.map((r) => {
      const body = readStoredJson(r.body, 'smart_asset_evaluations.body');
      if (!isJsonObject(body)) throw new MsezError('DB_ERROR', 'smart_asset_evaluations.body is not an object', { asset_id: assetId });
      return body as unknown as AssetEvaluation;
    }),
    limit,
    offset,
  );
}
