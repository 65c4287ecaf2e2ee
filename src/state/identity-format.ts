import { MsezError } from '../core/index.js';

/** Identifier formats (design README D13, compliance.md §12). Each parser returns the stored form. */
export const ID_TYPES = ['cnic', 'ntn', 'passport'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const KYC_TIERS = ['tier_0', 'tier_1', 'tier_2', 'tier_3'] as const;
export type KycTier = (typeof KYC_TIERS)[number];

function invalid(field: string, expected: string, found: string): never {
  throw new MsezError('VALIDATION_FAILED', `${field}: expected ${expected}`, { field, found: found.slice(0, 64) });
}

/** NTN: 7 digits with an optional `-d` check digit, stored without the dash (`1234567-8` → `12345678`). */
export function parseNtn(s: string): string {
  if (!/^[0-9]{7}(-[0-9])?$/.test(s)) invalid('ntn', '7 digits with an optional -d check digit', s);
  return s.replace('-', '');
}

/** CNIC: 13 digits or the dashed 5-7-1 form, stored as 13 digits. */
export function parseCnic(s: string): string {
  if (!/^[0-9]{13}$/.test(s) && !/^[0-9]{5}-[0-9]{7}-[0-9]$/.test(s)) invalid('cnic', '13 digits or the 5-7-1 dashed form', s);
  return s.replaceAll('-', '');
}

/** Passport: 5-20 ASCII alphanumerics, upper-cased. */
export function parsePassport(s: string): string {
  if (!/^[A-Za-z0-9]{5,20}$/.test(s)) invalid('passport', '5-20 alphanumerics', s);
  return s.toUpperCase();
}

/** DID: `did:<method>:<id>` with a lowercase method and DID Core id characters; stored as given. */
export function parseDid(s: string): string {
  if (!/^did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*(?::(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})$/.test(s)) {
    invalid('did', 'did:<method>:<id> with a lowercase method', s);
  }
  return s;
}

export function parseIdentifier(type: IdType, value: string): string {
  switch (type) {
    case 'cnic':
      return parseCnic(value);
    case 'ntn':
      return parseNtn(value);
    case 'passport':
      return parsePassport(value);
    default:
      return invalid('id_type', ID_TYPES.join('|'), String(type));
  }
}
