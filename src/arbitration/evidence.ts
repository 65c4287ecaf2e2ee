import { MsezError, isJsonObject } from '../core/index.js';

/** Evidence package (compliance.md §9). */
export interface EvidenceItem {
  readonly evidence_id: string;
  readonly evidence_type: string;
  /** An ArtifactRef-like object or a 64-hex digest. */
  readonly artifact_ref: unknown;
  readonly authenticity_attestation?: unknown;
}

export interface EvidencePackage {
  readonly evidence_package_id: string;
  readonly dispute_id: string;
  readonly submitting_party: string;
  readonly submission_timestamp: string;
  readonly evidence_items: readonly EvidenceItem[];
  readonly witness_bundle_ref: unknown;
}

/** Reads an evidence package. @throws SCHEMA_INVALID listing every bad field. */
export function parseEvidencePackage(v: unknown): EvidencePackage {
  const fields: { path: string; message: string }[] = [];
  const need = (o: Record<string, unknown>, k: string, path: string): void => {
    if (typeof o[k] !== 'string' || o[k] === '') fields.push({ path: `${path}/${k}`, message: 'expected a non-empty string' });
  };
  if (!isJsonObject(v)) throw new MsezError('SCHEMA_INVALID', 'evidence package: expected an object', { fields: [{ path: '', message: 'expected an object' }] });
  for (const k of ['evidence_package_id', 'dispute_id', 'submitting_party', 'submission_timestamp']) need(v, k, '');
  if (typeof v.dispute_id === 'string' && !/^disp-[0-9]{4}-[1-9][0-9]*$/.test(v.dispute_id)) fields.push({ path: '/dispute_id', message: 'expected disp-YYYY-n' });
  if (!Object.hasOwn(v, 'witness_bundle_ref')) fields.push({ path: '/witness_bundle_ref', message: 'required' });
  const items = v.evidence_items;
  if (!Array.isArray(items) || items.length === 0) fields.push({ path: '/evidence_items', message: 'expected a non-empty array' });
  else
    items.forEach((it, i) => {
      if (!isJsonObject(it)) return fields.push({ path: `/evidence_items/${i}`, message: 'expected an object' });
      need(it, 'evidence_id', `/evidence_items/${i}`);
      need(it, 'evidence_type', `/evidence_items/${i}`);
      if (!Object.hasOwn(it, 'artifact_ref')) fields.push({ path: `/evidence_items/${i}/artifact_ref`, message: 'required' });
      return undefined;
    });
  if (fields.length > 0) throw new MsezError('SCHEMA_INVALID', `evidence package invalid (${fields.length} field(s))`, { fields });
  return v as unknown as EvidencePackage;
}
