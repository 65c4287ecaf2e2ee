import { MsezError, digestValue } from '../core/index.js';
import { inTransaction, type Database } from '../store/index.js';
import type { ComplianceDomain, ComplianceState } from '../tensor/index.js';
import { getEntity } from './entities.js';
import { parseDid, parseIdentifier, type IdType, type KycTier } from './identity-format.js';
import { pageBounds, toPage, type Page, type PageOptions } from './paging.js';
import { assertInput } from './validate.js';

/** Identity primitive (compliance.md §12): DIDs, KYC tiers, CNIC/NTN/passport linking, attestations. */
export interface Identity {
  readonly did: string;
  readonly entity_id?: string;
  readonly kyc_tier: KycTier;
  readonly identifiers: readonly { readonly id_type: IdType; readonly value: string; readonly linked_at: string }[];
  readonly created_at: string;
  readonly updated_at: string;
}

export interface Attestation {
  readonly attestation_id: string;
  readonly subject_id: string;
  readonly jurisdiction_id: string;
  readonly domain: ComplianceDomain;
  readonly attestation_type: string;
  readonly state: ComplianceState;
  readonly digest: string;
  readonly issued_at: string;
  readonly expires_at?: string;
  readonly reason_code?: string;
}

export function getIdentity(db: Database, did: string): Identity {
  const r = db.prepare('SELECT * FROM identities WHERE did = ?').get(did) as { did: string; entity_id: string | null; kyc_tier: KycTier; created_at: string; updated_at: string } | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no identity ${did}`, { did });
  const ids = db.prepare('SELECT id_type, value, linked_at FROM identifiers WHERE did = ? ORDER BY id_type, value').all(did) as { id_type: IdType; value: string; linked_at: string }[];
  return { did: r.did, ...(r.entity_id !== null ? { entity_id: r.entity_id } : {}), kyc_tier: r.kyc_tier, identifiers: ids, created_at: r.created_at, updated_at: r.updated_at };
}

export function registerIdentity(db: Database, input: unknown, now: string): Identity {
  const v = assertInput<{ did: string; entity_id?: string; kyc_tier: KycTier }>('identity.register', input);
  parseDid(v.did);
  return inTransaction(db, () => {
    if (v.entity_id !== undefined) getEntity(db, v.entity_id);
    db.prepare('INSERT INTO identities (did, entity_id, kyc_tier, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(v.did, v.entity_id ?? null, v.kyc_tier, now, now);
    return getIdentity(db, v.did);
  });
}

export function setKycTier(db: Database, did: string, tier: KycTier, now: string): Identity {
  getIdentity(db, did);
  db.prepare('UPDATE identities SET kyc_tier = ?, updated_at = ? WHERE did = ?').run(tier, now, did);
  return getIdentity(db, did);
}

/**
 * Validates and links a CNIC, NTN or passport to a DID (an identifier belongs to one DID). When the DID
 * belongs to an entity, a CNIC or NTN link records a `CNIC_VERIFICATION` / `NTN_VERIFICATION`
 * attestation in the `kyc` domain of the entity's jurisdiction.
 */
export function linkIdentifier(db: Database, input: unknown, now: string): Identity {
  const v = assertInput<{ did: string; id_type: IdType; value: string }>('identity.link', input);
  const value = parseIdentifier(v.id_type, v.value);
  return inTransaction(db, () => {
    const id = getIdentity(db, v.did);
    db.prepare('INSERT INTO identifiers (id_type, value, did, linked_at) VALUES (?, ?, ?, ?)').run(v.id_type, value, v.did, now);
    if (id.entity_id !== undefined && v.id_type !== 'passport') {
      const e = getEntity(db, id.entity_id);
      const type = v.id_type === 'cnic' ? 'CNIC_VERIFICATION' : 'NTN_VERIFICATION';
      const digest = digestValue({ type, did: v.did, id_type: v.id_type, value, at: now }).hex;
      insertAttestation(db, { attestation_id: `${type.toLowerCase()}:${v.did}:${value}`, subject_id: e.entity_id, jurisdiction_id: e.jurisdiction_id, domain: 'kyc', attestation_type: type, state: 'compliant', digest, issued_at: now });
    }
    return getIdentity(db, v.did);
  });
}

export function findByIdentifier(db: Database, idType: IdType, value: string): Identity {
  const stored = parseIdentifier(idType, value);
  const r = db.prepare('SELECT did FROM identifiers WHERE id_type = ? AND value = ?').get(idType, stored) as { did: string } | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no identity with ${idType} ${stored}`, { id_type: idType });
  return getIdentity(db, r.did);
}

function insertAttestation(db: Database, a: Attestation): void {
  db.prepare('INSERT INTO attestations (attestation_id, subject_id, jurisdiction_id, domain, attestation_type, state, digest, issued_at, expires_at, reason_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    a.attestation_id,
    a.subject_id,
    a.jurisdiction_id,
    a.domain,
    a.attestation_type,
    a.state,
    a.digest,
    a.issued_at,
    a.expires_at ?? null,
    a.reason_code ?? null,
  );
}

/** Records an attestation about a subject in one domain (schema `identity.attestation`). */
export function recordAttestation(db: Database, input: unknown): Attestation {
  const v = assertInput<Attestation>('identity.attestation', input);
  inTransaction(db, () => insertAttestation(db, v));
  return v;
}

export function listAttestations(db: Database, o: PageOptions & { subject_id?: string } = {}): Page<Attestation> {
  const { limit, offset } = pageBounds(o);
  const rows = db.prepare('SELECT * FROM attestations WHERE (? IS NULL OR subject_id = ?) ORDER BY attestation_id LIMIT ? OFFSET ?').all(o.subject_id ?? null, o.subject_id ?? null, limit + 1, offset) as (Omit<Attestation, 'expires_at' | 'reason_code'> & {
    expires_at: string | null;
    reason_code: string | null;
  })[];
  return toPage(
    rows.map(({ expires_at, reason_code, ...r }) => ({ ...r, ...(expires_at !== null ? { expires_at } : {}), ...(reason_code !== null ? { reason_code } : {}) })),
    limit,
    offset,
  );
}
