import { isJsonObject, type JsonObject, type JsonValue } from '../core/index.js';
import type { Database } from '../store/index.js';

/**
 * Sanctions entries and the screening match rule (spec/compliance.md "Sanctions screening"). Entries come
 * from a snapshot file (schema `sanctions.snapshot`) or from a regpack's `sanctions_snapshot`
 * (formats.md §8); both are read into this one shape.
 */
export interface SanctionsEntry {
  readonly entry_id: string;
  readonly entry_type: 'individual' | 'entity' | 'vessel' | 'aircraft';
  readonly source_lists: readonly string[];
  readonly name?: string;
  readonly aliases?: readonly string[];
  /** Any identifier the list carries; only entity_id, ntn, cnic, passport and did can match an entity. */
  readonly identifiers?: readonly { readonly type: string; readonly value: string }[];
}

export interface SanctionsSnapshot {
  readonly snapshot_id: string;
  readonly snapshot_timestamp: string;
  readonly entries: readonly SanctionsEntry[];
  /** The regpack the snapshot came from, when it came from one. */
  readonly regpack_digest_sha256?: string;
}

const ENTRY_TYPES = new Set(['individual', 'entity', 'vessel', 'aircraft']);
const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);

/**
 * The sanctions snapshot a regpack carries, or undefined when it has none (or no entries). Names are
 * `primary_name` (or `name`) and `aliases[]` (strings or `{alias}`); identifiers are `{type, value}`.
 * The regpack was schema-checked when it was built and re-verified by its digest on resolve.
 */
export function sanctionsFromRegpack(pack: JsonObject, digest: string): SanctionsSnapshot | undefined {
  const snap = pack.sanctions_snapshot;
  if (!isJsonObject(snap)) return undefined;
  const entries = arr(snap.entries)
    .filter(isJsonObject)
    .map((e): SanctionsEntry => {
      const type = str(e.entry_type);
      const name = str(e.primary_name) || str(e.name);
      const aliases = arr(e.aliases).map((a) => (isJsonObject(a) ? str(a.alias) : str(a))).filter((a) => a !== '');
      const identifiers = arr(e.identifiers)
        .filter(isJsonObject)
        .map((i) => ({ type: str(i.type), value: str(i.value) }))
        .filter((i) => i.type !== '' && i.value !== '');
      return {
        entry_id: str(e.entry_id),
        entry_type: (ENTRY_TYPES.has(type) ? type : 'entity') as SanctionsEntry['entry_type'],
        source_lists: arr(e.source_lists).map(str),
        ...(name !== '' ? { name } : {}),
        ...(aliases.length > 0 ? { aliases } : {}),
        ...(identifiers.length > 0 ? { identifiers } : {}),
      };
    });
  if (entries.length === 0) return undefined;
  return { snapshot_id: str(snap.snapshot_id), snapshot_timestamp: str(snap.snapshot_timestamp), entries, regpack_digest_sha256: digest };
}

/** Name folding: Unicode NFKC, lower case, runs of white space → one space, trimmed. Nothing fuzzier. */
export const foldName = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Identifier normal forms (D13): NTN and CNIC without dashes, passport upper-cased, DID / entity id as given. */
function identifierKey(type: string, value: string): string | undefined {
  const v = value.trim();
  switch (type.toLowerCase()) {
    case 'entity_id':
      return `entity_id:${v}`;
    case 'did':
      return `did:${v}`;
    case 'ntn':
      return `ntn:${v.replaceAll('-', '')}`;
    case 'cnic':
      return `cnic:${v.replaceAll('-', '')}`;
    case 'passport':
      return `passport:${v.toUpperCase()}`;
    default:
      return undefined;
  }
}

/** Entries indexed by identifier key and folded name, built once per snapshot (no per-entity scans). */
export interface SanctionsIndex {
  readonly snapshot: SanctionsSnapshot;
  readonly byId: ReadonlyMap<string, SanctionsEntry>;
  readonly byName: ReadonlyMap<string, SanctionsEntry>;
}

/** Builds the index; when two entries share a key, the first by entry order wins (deterministic). */
export function indexSanctions(snapshot: SanctionsSnapshot): SanctionsIndex {
  const byId = new Map<string, SanctionsEntry>();
  const byName = new Map<string, SanctionsEntry>();
  for (const e of snapshot.entries) {
    for (const i of e.identifiers ?? []) {
      const k = identifierKey(i.type, i.value);
      if (k !== undefined && !byId.has(k)) byId.set(k, e);
    }
    // Names identify persons and organisations only; a vessel or aircraft matches by identifier.
    if (e.entry_type !== 'individual' && e.entry_type !== 'entity') continue;
    for (const n of [e.name, ...(e.aliases ?? [])]) {
      if (n === undefined) continue;
      const k = foldName(n);
      if (k !== '' && !byName.has(k)) byName.set(k, e);
    }
  }
  return { snapshot, byId, byName };
}

/** What screening knows of one entity: its legal name and identifier keys. */
export interface ScreenSubject {
  readonly entity_id: string;
  readonly legal_name: string;
  readonly keys: readonly string[];
}

/**
 * Every entity's identifier keys, read in one query: its entity_id, fiscal NTNs, linked CNIC / NTN /
 * passport identifiers, and DIDs.
 */
export function identifierKeysByEntity(db: Database): Map<string, string[]> {
  const rows = db
    .prepare(
      `SELECT entity_id, 'ntn' AS type, ntn AS value FROM fiscal_accounts WHERE ntn IS NOT NULL
       UNION SELECT d.entity_id, i.id_type, i.value FROM identifiers i JOIN identities d ON d.did = i.did WHERE d.entity_id IS NOT NULL
       UNION SELECT entity_id, 'did', did FROM identities WHERE entity_id IS NOT NULL`,
    )
    .all() as { entity_id: string; type: string; value: string }[];
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const k = identifierKey(r.type, r.value);
    if (k === undefined) continue;
    const list = out.get(r.entity_id);
    if (list === undefined) out.set(r.entity_id, [k]);
    else list.push(k);
  }
  return out;
}

/**
 * The matching rule: an entry matches an entity when one of its identifiers equals one of the entity's
 * (same type, normal form), else when its folded name or an alias equals the entity's folded legal name.
 * Identifiers are tried first, so the reported entry is the one that names the entity exactly.
 */
export function matchSanctions(index: SanctionsIndex, subject: ScreenSubject): SanctionsEntry | undefined {
  for (const k of [`entity_id:${subject.entity_id}`, ...subject.keys]) {
    const hit = index.byId.get(k);
    if (hit !== undefined) return hit;
  }
  return index.byName.get(foldName(subject.legal_name));
}
