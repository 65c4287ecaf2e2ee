import { MsezError, assertNever, compareCodePoints } from '../core/index.js';
import type { Policy } from '../agentic/index.js';
import {
  COMPLIANCE_DOMAINS,
  commitOrderedCells,
  evaluateSubject,
  makeCell,
  proveCell,
  type CellInclusionProof,
  type ComplianceDomain,
  type ComplianceState,
  type DomainFact,
  type TensorCell,
  type TensorSubject,
} from '../tensor/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { runTrigger, type TriggerRun } from './agentic-store.js';
import type { EntityState, LicenseState } from './lifecycle.js';
import { readStoredJson } from './paging.js';
import { identifierKeysByEntity, indexSanctions, matchSanctions, type SanctionsEntry, type SanctionsIndex, type SanctionsSnapshot } from './sanctions.js';
import { assertInput } from './validate.js';
import type { FilerStatus } from './withholding.js';
import type { PackLicense } from './zone-packs.js';

/**
 * The tensor over the SQLite state: facts are gathered per entity from attestations, sanctions
 * (stored screenings and the zone's regpack snapshots), licenses (stored and the zone's licensepacks),
 * fiscal filer status and the entity lifecycle, evaluated (compliance.md §3) and stored with the
 * commitment (D11).
 */

/** Pack-derived inputs of an evaluation: the zone's regpack sanctions snapshots and licensepack licenses. */
export interface TensorPacks {
  readonly sanctions: readonly SanctionsSnapshot[];
  readonly licenses: readonly PackLicense[];
}

export interface ScreeningResult {
  /** The snapshot ids screened against, joined by `,`. */
  readonly snapshot_id: string;
  readonly screened: number;
  /** Entities newly listed: each fired `sanctions_list_update`. */
  readonly listed: readonly { readonly entity_id: string; readonly entry_id: string; readonly snapshot_id: string; readonly trigger: TriggerRun }[];
  /** Entities still listed under the same entry as their previous screening (no new trigger). */
  readonly still_listed: readonly { readonly entity_id: string; readonly entry_id: string }[];
}

/** Screens every entity against a sanctions snapshot file (schema `sanctions.snapshot`). See {@link screenSnapshots}. */
export function screenSanctions(db: Database, input: unknown, policies: readonly Policy[], now: string): ScreeningResult {
  return screenSnapshots(db, [assertInput<SanctionsSnapshot>('sanctions.snapshot', input)], policies, now);
}

/**
 * Screens every entity against the snapshots (a file's, or the `sanctions_snapshot` of regpacks) with the
 * exact matching rule of {@link matchSanctions}, records one screening per entity, and for each entity
 * newly listed (its previous screening did not list it under the same entry) fires
 * `sanctions_list_update` with `affected_parties: ["self"]`, so the `sanctions_auto_halt` policy halts it.
 */
export function screenSnapshots(db: Database, snapshots: readonly SanctionsSnapshot[], policies: readonly Policy[], now: string): ScreeningResult {
  if (snapshots.length === 0) throw new MsezError('NOT_FOUND', 'no sanctions snapshot to screen against', {});
  const indexes = snapshots.map(indexSanctions);
  const snapshotIds = snapshots.map((s) => s.snapshot_id).join(',');
  const entities = db.prepare('SELECT entity_id, legal_name, jurisdiction_id FROM entities ORDER BY entity_id').all() as { entity_id: string; legal_name: string; jurisdiction_id: string }[];
  const { fresh, still } = inTransaction(db, () => {
    const keys = identifierKeysByEntity(db);
    const prev = db.prepare('SELECT listed, matched_entry_id FROM sanctions_screenings WHERE entity_id = ? ORDER BY seq DESC LIMIT 1');
    const ins = db.prepare('INSERT INTO sanctions_screenings (entity_id, listed, snapshot_id, matched_entry_id, at) VALUES (?, ?, ?, ?, ?)');
    const fresh: { entity: (typeof entities)[number]; entry: SanctionsEntry; index: SanctionsIndex }[] = [];
    const still: { entity_id: string; entry_id: string }[] = [];
    for (const e of entities) {
      const subject = { entity_id: e.entity_id, legal_name: e.legal_name, keys: keys.get(e.entity_id) ?? [] };
      let hit: { entry: SanctionsEntry; index: SanctionsIndex } | undefined;
      for (const index of indexes) {
        const entry = matchSanctions(index, subject);
        if (entry !== undefined) {
          hit = { entry, index };
          break;
        }
      }
      const before = prev.get(e.entity_id) as { listed: number; matched_entry_id: string | null } | undefined;
      ins.run(e.entity_id, hit === undefined ? 0 : 1, hit?.index.snapshot.snapshot_id ?? snapshotIds, hit?.entry.entry_id ?? null, now);
      if (hit === undefined) continue;
      if (before?.listed === 1 && before.matched_entry_id === hit.entry.entry_id) still.push({ entity_id: e.entity_id, entry_id: hit.entry.entry_id });
      else fresh.push({ entity: e, ...hit });
    }
    return { fresh, still };
  });
  const listed = fresh.map(({ entity, entry, index }) => ({
    entity_id: entity.entity_id,
    entry_id: entry.entry_id,
    snapshot_id: index.snapshot.snapshot_id,
    trigger: runTrigger(
      db,
      {
        trigger_type: 'sanctions_list_update',
        asset_id: entity.entity_id,
        jurisdiction_id: entity.jurisdiction_id,
        data: {
          affected_parties: ['self'],
          new_sanctioned: true,
          snapshot_id: index.snapshot.snapshot_id,
          matched_entry_id: entry.entry_id,
          source_lists: [...entry.source_lists],
          ...(index.snapshot.regpack_digest_sha256 !== undefined ? { regpack_digest_sha256: index.snapshot.regpack_digest_sha256 } : {}),
        },
      },
      policies,
      now,
    ),
  }));
  return { snapshot_id: snapshotIds, screened: entities.length, listed, still_listed: still };
}

function lifecycleFacts(state: EntityState): DomainFact {
  switch (state) {
    case 'ACTIVE':
      return { domain: 'corporate', state: 'compliant', reason_code: 'entity_active' };
    case 'APPLIED':
      return { domain: 'corporate', state: 'pending', reason_code: 'entity_applied' };
    case 'SUSPENDED':
      return { domain: 'corporate', state: 'non_compliant', reason_code: 'entity_suspended' };
    case 'REJECTED':
      return { domain: 'corporate', state: 'non_compliant', reason_code: 'entity_rejected' };
    case 'DISSOLVING':
      return { domain: 'corporate', state: 'pending', reason_code: 'entity_dissolving' };
    case 'DISSOLVED':
      return { domain: 'corporate', state: 'not_applicable', reason_code: 'entity_dissolved' };
    default:
      throw new MsezError('INTERNAL', `unexpected entity state ${String(state satisfies never)}`);
  }
}

function licenseFact(state: LicenseState, expiresAt: string | null, asOf: string): DomainFact {
  if (state === 'ACTIVE' && expiresAt !== null && expiresAt <= asOf) return { domain: 'licensing', state: 'expired', reason_code: 'license_expired' };
  switch (state) {
    case 'ACTIVE':
      return { domain: 'licensing', state: 'compliant', reason_code: 'license_active' };
    case 'APPLIED':
    case 'UNDER_REVIEW':
      return { domain: 'licensing', state: 'pending', reason_code: `license_${state.toLowerCase()}` };
    case 'EXPIRED':
      return { domain: 'licensing', state: 'expired', reason_code: 'license_expired' };
    case 'SUSPENDED':
    case 'REVOKED':
    case 'REJECTED':
      return { domain: 'licensing', state: 'non_compliant', reason_code: `license_${state.toLowerCase()}` };
    case 'SURRENDERED':
      return { domain: 'licensing', state: 'not_applicable', reason_code: 'license_surrendered' };
    default:
      throw new MsezError('INTERNAL', `unexpected license state ${String(state satisfies never)}`);
  }
}

function filerFact(s: FilerStatus): DomainFact {
  switch (s) {
    case 'filer':
      return { domain: 'tax', state: 'compliant', reason_code: 'active_taxpayer' };
    case 'late_filer':
      return { domain: 'tax', state: 'pending', reason_code: 'late_filer' };
    case 'non_filer':
      return { domain: 'tax', state: 'non_compliant', reason_code: 'non_filer' };
    default:
      throw new MsezError('INTERNAL', `unexpected filer status ${String(s satisfies never)}`);
  }
}

/** A licensepack license (formats.md §9) as a licensing fact at `asOf` (spec/compliance.md "Licenses"). */
function packLicenseFact(l: PackLicense, asOf: string): DomainFact {
  const day = asOf.slice(0, 10);
  const base = { domain: 'licensing' as const, attestations: [{ digest: l.licensepack_digest_sha256 }] };
  switch (l.status) {
    case 'active':
      if (l.expiry_date !== undefined && l.expiry_date < day) return { ...base, state: 'expired', reason_code: `license_expired:${l.license_id}` };
      if (l.effective_date !== undefined && day < l.effective_date) return { ...base, state: 'pending', reason_code: `license_not_yet_effective:${l.license_id}` };
      return { ...base, state: 'compliant', reason_code: `license_active:${l.license_id}` };
    case 'pending':
      return { ...base, state: 'pending', reason_code: `license_pending:${l.license_id}` };
    case 'expired':
      return { ...base, state: 'expired', reason_code: `license_expired:${l.license_id}` };
    case 'suspended':
    case 'revoked':
      return { ...base, state: 'non_compliant', reason_code: `license_${l.status}:${l.license_id}` };
    case 'surrendered':
      return { ...base, state: 'not_applicable', reason_code: `license_surrendered:${l.license_id}` };
    default:
      return assertNever(l.status);
  }
}

/** Entities per read: the bulk queries cover one id range at a time, so memory stays bounded. */
const CHUNK = 1000;

interface EntityRow {
  entity_id: string;
  jurisdiction_id: string;
  legal_name: string;
  state: EntityState;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

/**
 * Yields the subjects (entity, jurisdiction, facts) a chunk of entities at a time. Each source is read with
 * one range query per chunk (never one query per entity). Pack facts carry the pack digest as evidence.
 */
function* subjectChunks(db: Database, asOf: string, filter: { jurisdiction_id?: string; entity_id?: string }, packs?: TensorPacks): Generator<TensorSubject[]> {
  const entities = db
    .prepare('SELECT entity_id, jurisdiction_id, legal_name, state FROM entities WHERE (? IS NULL OR jurisdiction_id = ?) AND (? IS NULL OR entity_id = ?) ORDER BY entity_id')
    .all(filter.jurisdiction_id ?? null, filter.jurisdiction_id ?? null, filter.entity_id ?? null, filter.entity_id ?? null) as EntityRow[];
  const att = db.prepare('SELECT subject_id, jurisdiction_id, domain, state, digest, expires_at, reason_code FROM attestations WHERE subject_id >= ? AND subject_id <= ?');
  const scr = db.prepare('SELECT entity_id, listed, snapshot_id, matched_entry_id FROM sanctions_screenings WHERE entity_id >= ? AND entity_id <= ? ORDER BY entity_id, seq');
  const lic = db.prepare('SELECT entity_id, state, expires_at FROM licenses WHERE entity_id >= ? AND entity_id <= ?');
  const fil = db.prepare('SELECT entity_id, filer_status FROM fiscal_accounts WHERE entity_id >= ? AND entity_id <= ?');
  const did = db.prepare('SELECT entity_id, did FROM identities WHERE entity_id >= ? AND entity_id <= ?');
  const sanctions = (packs?.sanctions ?? []).map(indexSanctions);
  const keys = sanctions.length > 0 ? identifierKeysByEntity(db) : new Map<string, string[]>();
  const byHolder = new Map<string, PackLicense[]>();
  const byDid = new Map<string, PackLicense[]>();
  for (const l of packs?.licenses ?? []) {
    push(byHolder, l.holder_id, l);
    if (l.holder_did !== undefined) push(byDid, l.holder_did, l);
  }
  for (let i = 0; i < entities.length; i += CHUNK) {
    const chunk = entities.slice(i, i + CHUNK);
    const lo = (chunk[0] as EntityRow).entity_id;
    const hi = (chunk[chunk.length - 1] as EntityRow).entity_id;
    const facts = new Map<string, DomainFact[]>(chunk.map((e) => [e.entity_id, [lifecycleFacts(e.state)]]));
    const jurisdiction = new Map(chunk.map((e) => [e.entity_id, e.jurisdiction_id]));
    for (const a of att.all(lo, hi) as { subject_id: string; jurisdiction_id: string; domain: ComplianceDomain; state: ComplianceState; digest: string; expires_at: string | null; reason_code: string | null }[]) {
      if (jurisdiction.get(a.subject_id) !== a.jurisdiction_id) continue;
      facts.get(a.subject_id)?.push({ domain: a.domain, state: a.state, attestations: [{ digest: a.digest, ...(a.expires_at !== null ? { expires_at: a.expires_at } : {}) }], ...(a.reason_code !== null ? { reason_code: a.reason_code } : {}) });
    }
    const latest = new Map<string, { listed: number; snapshot_id: string; matched_entry_id: string | null }>();
    for (const r of scr.all(lo, hi) as { entity_id: string; listed: number; snapshot_id: string; matched_entry_id: string | null }[]) latest.set(r.entity_id, r);
    for (const [id, s] of latest) facts.get(id)?.push(s.listed === 1 ? { domain: 'sanctions', state: 'non_compliant', reason_code: `sanctions_listed:${s.matched_entry_id ?? ''}` } : { domain: 'sanctions', state: 'compliant', reason_code: `sanctions_clear:${s.snapshot_id}` });
    for (const l of lic.all(lo, hi) as { entity_id: string; state: LicenseState; expires_at: string | null }[]) facts.get(l.entity_id)?.push(licenseFact(l.state, l.expires_at, asOf));
    for (const f of fil.all(lo, hi) as { entity_id: string; filer_status: FilerStatus }[]) facts.get(f.entity_id)?.push(filerFact(f.filer_status));
    const dids = new Map<string, string[]>();
    if (byDid.size > 0) for (const r of did.all(lo, hi) as { entity_id: string; did: string }[]) push(dids, r.entity_id, r.did);
    yield chunk.map((e): TensorSubject => {
      const list = facts.get(e.entity_id) as DomainFact[];
      for (const index of sanctions) {
        const hit = matchSanctions(index, { entity_id: e.entity_id, legal_name: e.legal_name, keys: keys.get(e.entity_id) ?? [] });
        const evidence = index.snapshot.regpack_digest_sha256 !== undefined ? { attestations: [{ digest: index.snapshot.regpack_digest_sha256 }] } : {};
        list.push(hit !== undefined ? { domain: 'sanctions', state: 'non_compliant', reason_code: `sanctions_listed:${hit.entry_id}`, ...evidence } : { domain: 'sanctions', state: 'compliant', reason_code: `sanctions_clear:${index.snapshot.snapshot_id}`, ...evidence });
      }
      const held = new Map<string, PackLicense>();
      for (const l of byHolder.get(e.entity_id) ?? []) held.set(l.license_id, l);
      for (const d of dids.get(e.entity_id) ?? []) for (const l of byDid.get(d) ?? []) held.set(l.license_id, l);
      for (const l of [...held.values()].sort((a, b) => compareCodePoints(a.license_id, b.license_id))) list.push(packLicenseFact(l, asOf));
      return { entity_id: e.entity_id, jurisdiction_id: e.jurisdiction_id, facts: list };
    });
  }
}

/** Gathers the facts of each entity (optionally one jurisdiction or one entity), with the zone's packs when given. */
export function gatherSubjects(db: Database, asOf: string, filter: { jurisdiction_id?: string; entity_id?: string } = {}, packs?: TensorPacks): TensorSubject[] {
  return [...subjectChunks(db, asOf, filter, packs)].flat();
}

export interface TensorEvaluation {
  readonly zone_id: string;
  readonly as_of: string;
  readonly evaluated_entities: number;
  readonly root: string;
  readonly size: number;
}

const CELL_COLUMNS = '(entity_id, jurisdiction_id, domain, domain_index, state, attestation_digests, reason_code, as_of)';

/** The stored form of a cell's digests: MCF of the sorted list (lowercase hex needs no escaping). */
const digestsText = (c: TensorCell): string => (c.attestation_digests.length === 0 ? '[]' : `["${c.attestation_digests.join('","')}"]`);

/**
 * Evaluates the selected entities at `asOf` (with the zone's packs when given), replaces their stored
 * cells, and commits to the whole stored tensor (every cell in the table), recording the commitment.
 * One transaction; one prepared 20-row insert per entity; the commitment streams the table in order.
 */
export function evaluateAndStore(db: Database, opts: { zone_id: string; jurisdiction_id?: string; entity_id?: string }, asOf: string, packs?: TensorPacks): TensorEvaluation {
  return inTransaction(db, () => {
    const del = db.prepare('DELETE FROM tensor_cells WHERE entity_id = ?');
    const ins = db.prepare(`INSERT INTO tensor_cells ${CELL_COLUMNS} VALUES ${COMPLIANCE_DOMAINS.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
    let evaluated = 0;
    const params: (string | number | null)[] = [];
    for (const chunk of subjectChunks(db, asOf, opts, packs)) {
      for (const s of chunk) {
        del.run(s.entity_id);
        params.length = 0;
        evaluateSubject(s, asOf).forEach((c, i) => params.push(c.entity_id, c.jurisdiction_id, c.domain, i, c.state, digestsText(c), c.reason_code ?? null, asOf));
        ins.run(params);
        evaluated++;
      }
    }
    const { root, size } = commitOrderedCells(storedCells(db));
    db.prepare('INSERT INTO tensor_commitments (zone_id, root, size, as_of) VALUES (?, ?, ?, ?)').run(opts.zone_id, root, size, asOf);
    return { zone_id: opts.zone_id, as_of: asOf, evaluated_entities: evaluated, root, size };
  });
}

const STORED_DIGESTS = /^\["[0-9a-f]{64}"(?:,"[0-9a-f]{64}")*\]$/;

type CellRow = [entity_id: string, jurisdiction_id: string, domain_index: number, state: ComplianceState, attestation_digests: string, reason_code: string | null];

/** A stored row as a cell; the common digest list form is split without a JSON parse. */
function rowToCell(r: CellRow): TensorCell {
  const [entity_id, jurisdiction_id, idx, state, digests, reason] = r;
  const domain = COMPLIANCE_DOMAINS[idx];
  if (domain === undefined) throw new MsezError('DB_ERROR', `tensor_cells.domain_index ${idx} is out of range`, { entity_id });
  if (digests === '[]' || STORED_DIGESTS.test(digests)) {
    return { entity_id, jurisdiction_id, domain, state, attestation_digests: digests === '[]' ? [] : digests.slice(2, -2).split('","'), ...(reason !== null ? { reason_code: reason } : {}) };
  }
  const d = readStoredJson(digests, 'tensor_cells.attestation_digests');
  return makeCell({ entity_id, jurisdiction_id, domain, state, attestation_digests: Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [], reason_code: reason });
}

/**
 * Stored cells in commitment order (D11), streamed: SQLite orders by entity_id, jurisdiction_id (BINARY
 * collation on UTF-8 is code-point order, via the primary key), and each (entity, jurisdiction) group is
 * put in domain enum order.
 */
function* storedCells(db: Database, filter: { entity_id?: string } = {}): Generator<TensorCell> {
  const rows = db
    .prepare('SELECT entity_id, jurisdiction_id, domain_index, state, attestation_digests, reason_code FROM tensor_cells WHERE (? IS NULL OR entity_id = ?) ORDER BY entity_id, jurisdiction_id')
    .raw()
    .iterate(filter.entity_id ?? null, filter.entity_id ?? null) as IterableIterator<CellRow>;
  let group: CellRow[] = [];
  const flush = function* (): Generator<TensorCell> {
    group.sort((a, b) => a[2] - b[2]);
    for (const r of group) yield rowToCell(r);
    group = [];
  };
  for (const r of rows) {
    const last = group[group.length - 1];
    if (last !== undefined && (last[0] !== r[0] || last[1] !== r[1])) yield* flush();
    group.push(r);
  }
  yield* flush();
}

/** Stored cells in commitment order (entity, jurisdiction, domain enum order). */
export function loadCells(db: Database, filter: { entity_id?: string } = {}): TensorCell[] {
  return [...storedCells(db, filter)];
}

export interface TensorRow {
  readonly entity_id: string;
  readonly jurisdiction_id: string;
  readonly states: Readonly<Record<ComplianceDomain, ComplianceState>>;
}

/** The stored tensor as a matrix: one row per (entity, jurisdiction), one column per domain. */
export function tensorMatrix(db: Database, filter: { entity_id?: string } = {}): { root: string; size: number; as_of?: string; rows: TensorRow[] } {
  const cells = loadCells(db, filter);
  const rows = new Map<string, { entity_id: string; jurisdiction_id: string; states: Record<ComplianceDomain, ComplianceState> }>();
  for (const c of cells) {
    const k = `${c.entity_id}\u0000${c.jurisdiction_id}`;
    const row = rows.get(k) ?? { entity_id: c.entity_id, jurisdiction_id: c.jurisdiction_id, states: Object.fromEntries(COMPLIANCE_DOMAINS.map((d) => [d, 'pending'])) as Record<ComplianceDomain, ComplianceState> };
    row.states[c.domain] = c.state;
    rows.set(k, row);
  }
  const commitment = filter.entity_id === undefined ? commitOrderedCells(cells) : commitOrderedCells(storedCells(db));
  const last = db.prepare('SELECT as_of FROM tensor_commitments ORDER BY seq DESC LIMIT 1').get() as { as_of: string } | undefined;
  return { ...commitment, ...(last !== undefined ? { as_of: last.as_of } : {}), rows: [...rows.values()] };
}

/** Inclusion proof of one stored cell against the commitment of the whole stored tensor. */
export function proveStoredCell(db: Database, key: { entity_id: string; jurisdiction_id: string; domain: ComplianceDomain }): CellInclusionProof {
  return proveCell(loadCells(db), key);
}
