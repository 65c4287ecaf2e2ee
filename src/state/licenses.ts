import { MsezError } from '../core/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { getEntity } from './entities.js';
import { transitionLicense, type LicenseState } from './lifecycle.js';
import { assertInput } from './validate.js';

/** Licenses held by entities (compliance.md §8); they feed the `licensing` tensor domain. */
export interface License {
  readonly license_id: string;
  readonly entity_id: string;
  readonly license_type: string;
  readonly state: LicenseState;
  readonly expires_at?: string;
  readonly updated_at: string;
}

export function getLicense(db: Database, id: string): License {
  const r = db.prepare('SELECT * FROM licenses WHERE license_id = ?').get(id) as (Omit<License, 'expires_at'> & { expires_at: string | null }) | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no license ${id}`, { license_id: id });
  const { expires_at, ...rest } = r;
  return { ...rest, ...(expires_at !== null ? { expires_at } : {}) };
}

export function applyForLicense(db: Database, input: unknown, now: string): License {
  const v = assertInput<{ license_id: string; entity_id: string; license_type: string; expires_at?: string }>('license.apply', input);
  return inTransaction(db, () => {
    getEntity(db, v.entity_id);
    db.prepare('INSERT INTO licenses (license_id, entity_id, license_type, state, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(v.license_id, v.entity_id, v.license_type, 'APPLIED', v.expires_at ?? null, now);
    return getLicense(db, v.license_id);
  });
}

/** Moves a license along its lifecycle. @throws INVALID_TRANSITION */
export function setLicenseState(db: Database, id: string, to: LicenseState, now: string): License {
  return inTransaction(db, () => {
    const cur = getLicense(db, id);
    db.prepare('UPDATE licenses SET state = ?, updated_at = ? WHERE license_id = ?').run(transitionLicense(cur.state, to), now, id);
    return getLicense(db, id);
  });
}
