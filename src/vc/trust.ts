import { MsezError, isJsonObject } from '../core/index.js';

/** trust-anchors.yaml (corridors.md §1). */
export const ATTESTATIONS = [
  'corridor_definition',
  'corridor_agreement',
  'corridor_receipt',
  'corridor_watcher_attestation',
  'authority_registry',
  '*',
] as const;
export type Attestation = (typeof ATTESTATIONS)[number];
const ANCHOR_TYPES = ['did', 'x509', 'jwk', 'pgp', 'other'] as const;

export interface TrustAnchor {
  anchor_id: string;
  type: (typeof ANCHOR_TYPES)[number];
  identifier: string;
  allowed_attestations: string[];
}

/**
 * Reads `{version, trust_anchors:[{anchor_id, type, identifier, allowed_attestations[]}]}`.
 * @throws MsezError SCHEMA_INVALID listing every bad field
 */
export function parseTrustAnchors(value: unknown, file = 'trust-anchors'): TrustAnchor[] {
  const fields: string[] = [];
  const list = isJsonObject(value) ? value.trust_anchors : undefined;
  if (!Array.isArray(list)) throw new MsezError('SCHEMA_INVALID', `${file}: trust_anchors must be a list`, { file, fields: ['/trust_anchors'] });
  const out: TrustAnchor[] = [];
  list.forEach((a, i) => {
    const at = `/trust_anchors/${i}`;
    if (!isJsonObject(a)) return void fields.push(at);
    const type = a.type;
    const allowed = a.allowed_attestations;
    if (typeof a.anchor_id !== 'string') fields.push(`${at}/anchor_id`);
    if (typeof type !== 'string' || !(ANCHOR_TYPES as readonly string[]).includes(type)) fields.push(`${at}/type`);
    if (typeof a.identifier !== 'string' || a.identifier === '') fields.push(`${at}/identifier`);
    if (!Array.isArray(allowed) || !allowed.every((x) => typeof x === 'string')) fields.push(`${at}/allowed_attestations`);
    else if (fields.length === 0) {
      out.push({ anchor_id: a.anchor_id as string, type: type as TrustAnchor['type'], identifier: a.identifier as string, allowed_attestations: allowed as string[] });
    }
  });
  if (fields.length > 0) throw new MsezError('SCHEMA_INVALID', `${file}: invalid trust anchors at ${fields.join(', ')}`, { file, fields });
  return out;
}

/** The DIDs (fragment removed) of `did` anchors allowed `attestation` (or `*`); every DID anchor when omitted. */
export function allowedDids(anchors: readonly TrustAnchor[], attestation?: string): string[] {
  return anchors
    .filter((a) => a.type === 'did' && (attestation === undefined || a.allowed_attestations.includes(attestation) || a.allowed_attestations.includes('*')))
    .map((a) => stripFragment(a.identifier));
}

export function stripFragment(didOrVm: string): string {
  return didOrVm.split('#', 1)[0] ?? '';
}
