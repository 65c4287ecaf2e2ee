import { MsezError, parseSha256Hex, type Sha256Hex } from '../core/index.js';

declare const artifactType: unique symbol;
/** An artifact type name (canonical.md §7): trimmed, lowercased, `^[a-z0-9][a-z0-9-]{0,63}$`. */
export type ArtifactType = string & { readonly [artifactType]: true };

const TYPE = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseArtifactType(text: string): ArtifactType {
  const t = text.trim().toLowerCase();
  if (!TYPE.test(t)) {
    throw new MsezError('INVALID_ARTIFACT_TYPE', `artifact type ${JSON.stringify(text)} must match ${TYPE.source}`, { found: text });
  }
  return t as ArtifactType;
}

/** Artifact digests are bare hex; a `sha256:` prefix is refused (canonical.md §7). */
export function parseArtifactDigest(text: string): Sha256Hex {
  return parseSha256Hex(text, 'artifact digest');
}

/** Types the design names; the list is open, any valid type name is stored and resolved. */
export const KNOWN_ARTIFACT_TYPES = [
  'lawpack',
  'ruleset',
  'transition-types',
  'schema',
  'vc',
  'checkpoint',
  'circuit',
  'proof-key',
  'blob',
  'regpack',
  'licensepack',
] as const;
