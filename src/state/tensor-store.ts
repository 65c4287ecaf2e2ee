import { MsezError, compareCodePoints, mcfText } from '../core/index.js';
import type { Policy } from '../agentic/index.js';
import {
  COMPLIANCE_DOMAINS,
  commitTensor,
  domainIndex,
  evaluateTensor,
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
import { assertInput } from './validate.js';
import type { FilerStatus } from './withholding.js';

/**
 * The tensor over the SQLite state: facts are gathered per entity from attestations, sanctions
 * screenings, licenses, fiscal filer status and the entity lifecycle, evaluated (compliance.md §3) and
 * stored with the commitment (D11).
 */
export interface SanctionsEntry {
  readonly entry_id: string;
  readonly entry_type: 'individual' | 'entity' | 'vessel' | 'aircraft';
  readonly source_lists: readonly string[];
  readonly name?: string;
  readonly aliases?: readonly string[];
  readonly identifiers?: readonly { readonly type: 'entity_id' | 'ntn' | 'cnic' | 'passport' | 'did'; readonly value: string }[];
}

export interface SanctionsSnapshot {
  readonly snapshot_id: string;
  readonly snapshot_timestamp: string;
  readonly entries: readonly SanctionsEntry[];
}

const fold = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

interface Screenable {
  entity_id: string;
  legal_name: string;
  jurisdiction_id: string;
}

function matchEntry(db: Database, e: Screenable, entries: readonly SanctionsEntry[]): SanctionsEntry | undefined {
  const ids = db
    .prepare(
      `SELECT 'ntn' AS type, ntn AS value FROM fiscal_accounts WHERE entity_id = ? AND ntn IS NOT NULL
       UNION SELECT i.id_type, i.value FROM identifiers i JOIN identities d ON d.did = i.did WHERE d.entity_id = ?
       UNION SELECT 'did', did FROM identities WHERE entity_id = ?`,
    )
    .all(e.entity_id, e.entity_id, e.entity_id) as { type: string; value: string }[];
  const mine = new Set([`entity_id:${e.entity_id}`, ...ids.map((i) => `${i.type}:${i.value}`)]);
  const name = fold(e.legal_name);
  // Exact identifier match or exact (case- and space-folded) name/alias match; fuzzy matching is a review task, not automatic.
  return entries.find((x) => (x.identifiers ?? []).some((i) => mine.has(`${i.type}:${i.value}`)) || [x.name, ...(x.aliases ?? [])].some((n) => n !== undefined && fold(n) === name));
}

export interface ScreeningResult {
  readonly snapshot_id: string;
  readonly screened: number;
  readonly listed: readonly { readonly entity_id: string; readonly entry_id: string; readonly trigger: TriggerRun }[];
}

/**
 * Screens every entity against a sanctions snapshot (schema `sanctions.snapshot`), records each result,
 * and for each listed entity fires `sanctions_list_update` with `affected_parties: ["self"]`, so the
 * `sanctions_auto_halt` policy halts it.
 */
export function screenSanctions(db: Database, input: unknown, policies: readonly Policy[], now: string): ScreeningResult {
  const snap = assertInput<SanctionsSnapshot>('sanctions.snapshot', input);
  const entities = db.prepare('SELECT entity_id, legal_name, jurisdiction_id FROM entities ORDER BY entity_id').all() as Screenable[];
  const hits = inTransaction(db, () => {
    const found: { entity: Screenable; entry: SanctionsEntry }[] = [];
    for (const e of entities) {
      const entry = matchEntry(db, e, snap.entries);
      db.prepare('INSERT INTO sanctions_screenings (entity_id, listed, snapshot_id, matched_entry_id, at) VALUES (?, ?, ?, ?, ?)').run(e.entity_id, entry === undefined ? 0 : 1, snap.snapshot_id, entry?.entry_id ?? null, now);
      if (entry !== undefined) found.push({ entity: e, entry });
    }
    return found;
  });
  const listed = hits.map(({ entity, entry }) => ({
    entity_id: entity.entity_id,
    entry_id: entry.entry_id,
    trigger: runTrigger(
      db,
      {
        trigger_type: 'sanctions_list_update',
        asset_id: entity.entity_id,
        jurisdiction_id: entity.jurisdiction_id,
        data: { affected_parties: ['self'], new_sanctioned: true, snapshot_id: snap.snapshot_id, matched_entry_id: entry.entry_id, source_lists: [...entry.source_lists] },
      },
      policies,
      now,
    ),
  }));
  return { snapshot_id: snap.snapshot_id, screened: entities.length, listed };
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

/** Gathers the facts of each entity (optionally one jurisdiction or one entity). */
export function gatherSubjects(db: Database, asOf: string, filter: { jurisdiction_id?: string; entity_id?: string } = {}): TensorSubject[] {
  const entities = db
    .prepare('SELECT entity_id, jurisdiction_id, state FROM entities WHERE (? IS NULL OR jurisdiction_id = ?) AND (? IS NULL OR entity_id = ?) ORDER BY entity_id')
    .all(filter.jurisdiction_id ?? null, filter.jurisdiction_id ?? null, filter.entity_id ?? null, filter.entity_id ?? null) as { entity_id: string; jurisdiction_id: string; state: EntityState }[];
  const att = db.prepare('SELECT domain, state, digest, expires_at, reason_code FROM attestations WHERE subject_id = ? AND jurisdiction_id = ?');
  const scr = db.prepare('SELECT listed, snapshot_id, matched_entry_id FROM sanctions_screenings WHERE entity_id = ? ORDER BY seq DESC LIMIT 1');
  const lic = db.prepare('SELECT state, expires_at FROM licenses WHERE entity_id = ?');
  const fil = db.prepare('SELECT filer_status FROM fiscal_accounts WHERE entity_id = ?');
  return entities.map((e) => {
    const facts: DomainFact[] = [lifecycleFacts(e.state)];
    for (const a of att.all(e.entity_id, e.jurisdiction_id) as { domain: ComplianceDomain; state: ComplianceState; digest: string; expires_at: string | null; reason_code: string | null }[]) {
      facts.push({ domain: a.domain, state: a.state, attestations: [{ digest: a.digest, ...(a.expires_at !== null ? { expires_at: a.expires_at } : {}) }], ...(a.reason_code !== null ? { reason_code: a.reason_code } : {}) });
    }
    const s = scr.get(e.entity_id) as { listed: number; snapshot_id: string; matched_entry_id: string | null } | undefined;
    if (s !== undefined) facts.push(s.listed === 1 ? { domain: 'sanctions', state: 'non_compliant', reason_code: `sanctions_listed:${s.matched_entry_id ?? ''}` } : { domain: 'sanctions', state: 'compliant', reason_code: `sanctions_clear:${s.snapshot_id}` });
    for (const l of lic.all(e.entity_id) as { state: LicenseState; expires_at: string | null }[]) facts.push(licenseFact(l.state, l.expires_at, asOf));
    for (const f of fil.all(e.entity_id) as { filer_status: FilerStatus }[]) facts.push(filerFact(f.filer_status));
    return { entity_id: e.entity_id, jurisdiction_id: e.jurisdiction_id, facts };
  });
}

export interface TensorEvaluation {
  readonly zone_id: string;
  readonly as_of: string;
  readonly evaluated_entities: number;
  readonly root: string;
  readonly size: number;
}

/**
 * Evaluates the selected entities at `asOf`, replaces their stored cells, and commits to the whole
 * stored tensor (every cell in the table), recording the commitment.
 */
export function evaluateAndStore(db: Database, opts: { zone_id: string; jurisdiction_id?: string; entity_id?: string }, asOf: string): TensorEvaluation {
  const subjects = gatherSubjects(db, asOf, opts);
  const cells = evaluateTensor(subjects, asOf);
  return inTransaction(db, () => {
    const del = db.prepare('DELETE FROM tensor_cells WHERE entity_id = ?');
    const ins = db.prepare('INSERT INTO tensor_cells (entity_id, jurisdiction_id, domain, domain_index, state, attestation_digests, reason_code, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const s of subjects) del.run(s.entity_id);
    for (const c of cells) ins.run(c.entity_id, c.jurisdiction_id, c.domain, domainIndex(c.domain), c.state, mcfText([...c.attestation_digests]), c.reason_code ?? null, asOf);
    const all = loadCells(db);
    const { root, size } = commitTensor(all);
    db.prepare('INSERT INTO tensor_commitments (zone_id, root, size, as_of) VALUES (?, ?, ?, ?)').run(opts.zone_id, root, size, asOf);
    return { zone_id: opts.zone_id, as_of: asOf, evaluated_entities: subjects.length, root, size };
  });
}

/** Stored cells in commitment order (entity, jurisdiction, domain enum order). */
export function loadCells(db: Database, filter: { entity_id?: string } = {}): TensorCell[] {
  const rows = db
    .prepare('SELECT entity_id, jurisdiction_id, domain, state, attestation_digests, reason_code FROM tensor_cells WHERE (? IS NULL OR entity_id = ?)')
    .all(filter.entity_id ?? null, filter.entity_id ?? null) as { entity_id: string; jurisdiction_id: string; domain: ComplianceDomain; state: ComplianceState; attestation_digests: string; reason_code: string | null }[];
  const cells = rows.map((r) => {
    const d = readStoredJson(r.attestation_digests, 'tensor_cells.attestation_digests');
    return makeCell({ ...r, attestation_digests: Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [] });
  });
  return cells.sort((a, b) => compareCodePoints(a.entity_id, b.entity_id) || compareCodePoints(a.jurisdiction_id, b.jurisdiction_id) || domainIndex(a.domain) - domainIndex(b.domain));
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
  const all = filter.entity_id === undefined ? cells : loadCells(db);
  const last = db.prepare('SELECT as_of FROM tensor_commitments ORDER BY seq DESC LIMIT 1').get() as { as_of: string } | undefined;
  return { ...commitTensor(all), ...(last !== undefined ? { as_of: last.as_of } : {}), rows: [...rows.values()] };
}

/** Inclusion proof of one stored cell against the commitment of the whole stored tensor. */
export function proveStoredCell(db: Database, key: { entity_id: string; jurisdiction_id: string; domain: ComplianceDomain }): CellInclusionProof {
  return proveCell(loadCells(db), key);
}
