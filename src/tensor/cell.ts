import { MsezError, compareCodePoints, isSha256Hex, mcf, type CanonicalBytes, type JsonObject } from '../core/index.js';
import { domainIndex, parseComplianceDomain, type ComplianceDomain } from './domain.js';
import { parseComplianceState, type ComplianceState } from './state.js';

/** One tensor cell (compliance.md §3), keyed by (entity_id, jurisdiction_id, domain). */
export interface TensorCell {
  readonly entity_id: string;
  readonly jurisdiction_id: string;
  readonly domain: ComplianceDomain;
  readonly state: ComplianceState;
  /** Sorted, unique, lowercase 64-hex digests. */
  readonly attestation_digests: readonly string[];
  /** Omitted when absent, never null (msez rule). */
  readonly reason_code?: string;
}

export interface CellKey {
  readonly entity_id: string;
  readonly jurisdiction_id: string;
  readonly domain: ComplianceDomain;
}

/**
 * Builds a cell in normal form: digests lowercased, sorted and de-duplicated; empty ids refused.
 * @throws MsezError VALIDATION_FAILED / INVALID_DIGEST
 */
export function makeCell(input: {
  entity_id: string;
  jurisdiction_id: string;
  domain: ComplianceDomain | string;
  state?: ComplianceState | string | null;
  attestation_digests?: readonly string[];
  reason_code?: string | null;
}): TensorCell {
  if (input.entity_id === '' || input.jurisdiction_id === '') {
    throw new MsezError('VALIDATION_FAILED', 'cell: entity_id and jurisdiction_id must be non-empty', {});
  }
  const digests = [...new Set((input.attestation_digests ?? []).map((d) => d.trim().toLowerCase()))].sort(compareCodePoints);
  for (const d of digests) {
    if (!isSha256Hex(d)) throw new MsezError('INVALID_DIGEST', 'cell.attestation_digests: expected 64 hex characters', { found: d.slice(0, 80) });
  }
  const cell: TensorCell = {
    entity_id: input.entity_id,
    jurisdiction_id: input.jurisdiction_id,
    domain: parseComplianceDomain(input.domain),
    state: parseComplianceState(input.state ?? undefined),
    attestation_digests: digests,
    ...(input.reason_code !== undefined && input.reason_code !== null ? { reason_code: input.reason_code } : {}),
  };
  return cell;
}

/** Cell ordering for the commitment (D11): entity_id, jurisdiction_id (code point), domain (enum order). */
export function compareCellKeys(a: CellKey, b: CellKey): number {
  return (
    compareCodePoints(a.entity_id, b.entity_id) ||
    compareCodePoints(a.jurisdiction_id, b.jurisdiction_id) ||
    domainIndex(a.domain) - domainIndex(b.domain)
  );
}

/** The JSON object hashed into a leaf. */
export function cellToJson(cell: TensorCell): JsonObject {
  const o: JsonObject = {
    entity_id: cell.entity_id,
    jurisdiction_id: cell.jurisdiction_id,
    domain: cell.domain,
    state: cell.state,
    attestation_digests: [...cell.attestation_digests],
  };
  if (cell.reason_code !== undefined) o.reason_code = cell.reason_code;
  return o;
}

/** MCF(cell), the leaf data of the tensor tree (D11): through `mcf`, the one producer of canonical bytes. */
export function cellBytes(cell: TensorCell): CanonicalBytes {
  return mcf(cellToJson(cell));
}

export function cellKeyString(key: CellKey): string {
  return `${key.entity_id}|${key.jurisdiction_id}|${key.domain}`;
}
