import { MsezError, isJsonObject, mcfText, type JsonObject } from '../core/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { applyEntityEvent, type DissolutionStage, type EntityEvent, type EntityState, DISSOLUTION_STAGES, stageMinimumDays } from './lifecycle.js';
import { pageBounds, readStoredJson, toPage, type Page, type PageOptions } from './paging.js';
import { assertInput } from './validate.js';

/** An entity as stored (compliance.md §10 Entities). */
export interface EntityRecord {
  readonly entity_id: string;
  readonly jurisdiction_id: string;
  readonly legal_name: string;
  readonly entity_type: string;
  readonly registration_number?: string;
  readonly data: JsonObject;
  readonly state: EntityState;
  readonly version: number;
  /** Set by an executed agentic `halt`; a halted entity cannot pay or transfer. */
  readonly halted: boolean;
  readonly dissolution_stage?: DissolutionStage;
  readonly dissolution_stage_started_at?: string;
  readonly created_at: string;
  readonly updated_at: string;
}

interface EntityRow {
  entity_id: string;
  jurisdiction_id: string;
  legal_name: string;
  entity_type: string;
  state: EntityState;
  version: number;
  halted: number;
  dissolution_stage: DissolutionStage | null;
  dissolution_stage_started_at: string | null;
  data: string;
  created_at: string;
  updated_at: string;
}

function toRecord(r: EntityRow): EntityRecord {
  const extra = readStoredJson(r.data, 'entities.data');
  const o = isJsonObject(extra) ? extra : {};
  const data = isJsonObject(o.data) ? o.data : {};
  return {
    entity_id: r.entity_id,
    jurisdiction_id: r.jurisdiction_id,
    legal_name: r.legal_name,
    entity_type: r.entity_type,
    ...(typeof o.registration_number === 'string' ? { registration_number: o.registration_number } : {}),
    data,
    state: r.state,
    version: r.version,
    halted: r.halted === 1,
    ...(r.dissolution_stage !== null ? { dissolution_stage: r.dissolution_stage } : {}),
    ...(r.dissolution_stage_started_at !== null ? { dissolution_stage_started_at: r.dissolution_stage_started_at } : {}),
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

function extraJson(registration: string | undefined, data: JsonObject | undefined): string {
  return mcfText({ ...(registration !== undefined ? { registration_number: registration } : {}), data: data ?? {} });
}

function appendHistory(db: Database, e: EntityRecord, kind: string, at: string): void {
  db.prepare('INSERT INTO entity_history (entity_id, version, at, change_kind, snapshot) VALUES (?, ?, ?, ?, ?)').run(e.entity_id, e.version, at, kind, mcfText(e as unknown as JsonObject));
}

export function getEntity(db: Database, entityId: string): EntityRecord {
  const r = db.prepare('SELECT * FROM entities WHERE entity_id = ?').get(entityId) as EntityRow | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no entity ${entityId}`, { entity_id: entityId });
  return toRecord(r);
}

export function listEntities(db: Database, o: PageOptions & { jurisdiction_id?: string } = {}): Page<EntityRecord> {
  const { limit, offset } = pageBounds(o);
  const rows = (
    o.jurisdiction_id === undefined
      ? db.prepare('SELECT * FROM entities ORDER BY entity_id LIMIT ? OFFSET ?').all(limit + 1, offset)
      : db.prepare('SELECT * FROM entities WHERE jurisdiction_id = ? ORDER BY entity_id LIMIT ? OFFSET ?').all(o.jurisdiction_id, limit + 1, offset)
  ) as EntityRow[];
  return toPage(rows.map(toRecord), limit, offset);
}

interface FormInput {
  entity_id: string;
  jurisdiction_id: string;
  legal_name: string;
  entity_type: string;
  registration_number?: string;
  data?: JsonObject;
}

/** Forms an entity in state APPLIED (schema `entity.form`). @throws SCHEMA_INVALID, CONFLICT */
export function formEntity(db: Database, input: unknown, now: string): EntityRecord {
  const v = assertInput<FormInput>('entity.form', input);
  return inTransaction(db, () => {
    db.prepare('INSERT INTO entities (entity_id, jurisdiction_id, legal_name, entity_type, state, version, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)').run(
      v.entity_id,
      v.jurisdiction_id,
      v.legal_name,
      v.entity_type,
      'APPLIED',
      extraJson(v.registration_number, v.data),
      now,
      now,
    );
    const e = getEntity(db, v.entity_id);
    appendHistory(db, e, 'formed', now);
    return e;
  });
}

/** Amends name, type, registration number or data; the old version stays in entity_history. */
export function amendEntity(db: Database, input: unknown, now: string): EntityRecord {
  const v = assertInput<{ entity_id: string; changes: Partial<FormInput> }>('entity.amend', input);
  return inTransaction(db, () => {
    const cur = getEntity(db, v.entity_id);
    if (cur.state === 'DISSOLVED' || cur.state === 'REJECTED') throw new MsezError('INVALID_STATE', `entity ${cur.entity_id} is ${cur.state}`, { state: cur.state });
    const c = v.changes;
    db.prepare('UPDATE entities SET legal_name = ?, entity_type = ?, data = ?, version = version + 1, updated_at = ? WHERE entity_id = ?').run(
      c.legal_name ?? cur.legal_name,
      c.entity_type ?? cur.entity_type,
      extraJson(c.registration_number ?? cur.registration_number, c.data ?? cur.data),
      now,
      cur.entity_id,
    );
    const e = getEntity(db, cur.entity_id);
    appendHistory(db, e, 'amended', now);
    return e;
  });
}

/** Applies a lifecycle event (approve, suspend, dissolution steps …). @throws INVALID_TRANSITION */
export function transitionEntity(db: Database, entityId: string, event: EntityEvent, now: string): EntityRecord {
  return inTransaction(db, () => {
    const cur = getEntity(db, entityId);
    const next = applyEntityEvent(cur, event, now);
    db.prepare('UPDATE entities SET state = ?, dissolution_stage = ?, dissolution_stage_started_at = ?, version = version + 1, updated_at = ? WHERE entity_id = ?').run(
      next.state,
      next.dissolution_stage ?? null,
      next.dissolution_stage_started_at ?? null,
      now,
      entityId,
    );
    const e = getEntity(db, entityId);
    appendHistory(db, e, event.kind, now);
    return e;
  });
}

/** Sets or clears the halt flag (the executor of agentic `halt` / `resume`). */
export function setEntityHalted(db: Database, entityId: string, halted: boolean, now: string): EntityRecord {
  getEntity(db, entityId);
  db.prepare('UPDATE entities SET halted = ?, version = version + 1, updated_at = ? WHERE entity_id = ?').run(halted ? 1 : 0, now, entityId);
  const e = getEntity(db, entityId);
  appendHistory(db, e, halted ? 'halted' : 'resumed', now);
  return e;
}

/** An entity that may transact: ACTIVE and not halted. @throws INVALID_STATE */
export function assertOperational(e: EntityRecord): void {
  if (e.state !== 'ACTIVE') throw new MsezError('INVALID_STATE', `entity ${e.entity_id} is ${e.state}, not ACTIVE`, { entity_id: e.entity_id, state: e.state });
  if (e.halted) throw new MsezError('INVALID_STATE', `entity ${e.entity_id} is halted`, { entity_id: e.entity_id, halted: true });
}

export interface EntityHistoryEntry {
  readonly seq: number;
  readonly version: number;
  readonly at: string;
  readonly change_kind: string;
  readonly snapshot: JsonObject;
}

export function entityHistory(db: Database, entityId: string, o: PageOptions = {}): Page<EntityHistoryEntry> {
  const { limit, offset } = pageBounds(o);
  const rows = db.prepare('SELECT seq, version, at, change_kind, snapshot FROM entity_history WHERE entity_id = ? ORDER BY seq LIMIT ? OFFSET ?').all(entityId, limit + 1, offset) as {
    seq: number;
    version: number;
    at: string;
    change_kind: string;
    snapshot: string;
  }[];
  return toPage(
    rows.map((r) => {
      const s = readStoredJson(r.snapshot, 'entity_history');
      return { seq: r.seq, version: r.version, at: r.at, change_kind: r.change_kind, snapshot: isJsonObject(s) ? s : {} };
    }),
    limit,
    offset,
  );
}

export interface BeneficialOwner {
  readonly entity_id: string;
  readonly owner_id: string;
  readonly ownership_bps: number;
  readonly control_type: string;
  readonly recorded_at: string;
}

/** Records (or replaces) a beneficial owner; total ownership may not exceed 100%. */
export function addBeneficialOwner(db: Database, input: unknown, now: string): BeneficialOwner {
  const v = assertInput<Omit<BeneficialOwner, 'recorded_at'>>('entity.beneficial-owner', input);
  return inTransaction(db, () => {
    getEntity(db, v.entity_id);
    const others = db.prepare('SELECT COALESCE(SUM(ownership_bps), 0) AS s FROM beneficial_owners WHERE entity_id = ? AND owner_id <> ?').get(v.entity_id, v.owner_id) as { s: number };
    if (others.s + v.ownership_bps > 10000) throw new MsezError('VALIDATION_FAILED', 'beneficial ownership would exceed 100%', { entity_id: v.entity_id, total_bps: others.s + v.ownership_bps });
    db.prepare('INSERT OR REPLACE INTO beneficial_owners (entity_id, owner_id, ownership_bps, control_type, recorded_at) VALUES (?, ?, ?, ?, ?)').run(v.entity_id, v.owner_id, v.ownership_bps, v.control_type, now);
    return { ...v, recorded_at: now };
  });
}

export function listBeneficialOwners(db: Database, entityId: string): BeneficialOwner[] {
  return db.prepare('SELECT * FROM beneficial_owners WHERE entity_id = ? ORDER BY owner_id').all(entityId) as BeneficialOwner[];
}

/** Where an entity stands in dissolution: current stage, its minimum and the earliest instant it may advance. */
export function dissolutionStatus(db: Database, entityId: string): { state: EntityState; stage?: DissolutionStage; stage_number?: number; minimum_days?: number; earliest_advance_at?: string } {
  const e = getEntity(db, entityId);
  if (e.dissolution_stage === undefined || e.dissolution_stage_started_at === undefined) return { state: e.state };
  const min = stageMinimumDays(e.dissolution_stage);
  const earliest = new Date(Date.parse(e.dissolution_stage_started_at) + min * 86400_000).toISOString().replace('.000Z', 'Z');
  return { state: e.state, stage: e.dissolution_stage, stage_number: DISSOLUTION_STAGES.indexOf(e.dissolution_stage) + 1, minimum_days: min, earliest_advance_at: earliest };
}
