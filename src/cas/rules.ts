import { digestCanonical, digestRaw, isJsonObject, mcf, parseJsonBytes, type Sha256Hex } from '../core/index.js';

/**
 * How a stored file is named (canonical.md §7 "Digest rule per artifact"). Store and resolve both use
 * the rule, so a caller-supplied digest is never trusted.
 */
export interface DigestRule {
  /** Artifact type the rule applies to. */
  readonly type: string;
  /** File-name suffix after `<digest>`, e.g. `.lawpack.zip`; `.json` for JSON artifacts. */
  readonly suffix: string;
  readonly digest: (bytes: Uint8Array) => Sha256Hex;
}

/** JSON artifacts are named by the digest of their canonical bytes. */
export function jsonArtifactDigest(bytes: Uint8Array): Sha256Hex {
  return digestCanonical(mcf(parseJsonBytes(bytes).value)).hex;
}

/** Checkpoints are named by MCF of the checkpoint minus `proof` (design README D8). */
export function checkpointDigest(bytes: Uint8Array): Sha256Hex {
  const value = parseJsonBytes(bytes).value;
  if (!isJsonObject(value)) return jsonArtifactDigest(bytes);
  const rest = { ...value };
  delete rest.proof;
  return digestCanonical(mcf(rest)).hex;
}

export const BUILTIN_RULES: readonly DigestRule[] = [{ type: 'checkpoint', suffix: '.json', digest: checkpointDigest }];

/** The rule for a file: a registered type+suffix rule, else JSON for `.json`, else raw bytes. */
export function ruleFor(rules: readonly DigestRule[], type: string, suffix: string): (bytes: Uint8Array) => Sha256Hex {
  const hit = rules.find((r) => r.type === type && suffix === r.suffix);
  if (hit !== undefined) return hit.digest;
  if (suffix.endsWith('.json')) return jsonArtifactDigest;
  return (bytes) => digestRaw(bytes).hex;
}
