import { MsezError } from '../core/index.js';

/**
 * The 20 compliance domains in enum order (design README D10, compliance.md §1). This is the only
 * definition; everything else imports it. `civic` is not a domain.
 */
export const COMPLIANCE_DOMAINS = [
  'aml',
  'kyc',
  'sanctions',
  'tax',
  'securities',
  'corporate',
  'custody',
  'data_privacy',
  'licensing',
  'banking',
  'payments',
  'clearing',
  'settlement',
  'digital_assets',
  'employment',
  'immigration',
  'ip',
  'consumer_protection',
  'arbitration',
  'trade',
] as const;

export type ComplianceDomain = (typeof COMPLIANCE_DOMAINS)[number];

/** The original 8 domains (aml … data_privacy) whose expired attestations demote a passing state (compliance.md §3). */
export const ATTESTATION_GATED_DOMAINS: readonly ComplianceDomain[] = COMPLIANCE_DOMAINS.slice(0, 8);

const INDEX = new Map<string, number>(COMPLIANCE_DOMAINS.map((d, i) => [d, i]));

export function isComplianceDomain(value: unknown): value is ComplianceDomain {
  return typeof value === 'string' && INDEX.has(value);
}

/** Position in enum order, used for sorting cells (D11). */
export function domainIndex(domain: ComplianceDomain): number {
  return INDEX.get(domain) as number;
}

/**
 * Reads an untrusted domain name.
 * @throws MsezError VALIDATION_FAILED for anything outside the 20 values (including `civic`).
 */
export function parseComplianceDomain(value: unknown, field = 'domain'): ComplianceDomain {
  if (isComplianceDomain(value)) return value;
  throw new MsezError('VALIDATION_FAILED', `${field}: expected one of the 20 compliance domains, got ${JSON.stringify(value)}`, {
    field,
    found: value === undefined ? null : String(value),
  });
}
