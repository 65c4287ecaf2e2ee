import { createHash } from 'node:crypto';
import type { CanonicalBytes } from './canonical.js';
import { mcf } from './canonical.js';
import { MsezError } from './errors.js';

declare const sha256Hex: unique symbol;
/** 64 lowercase hex characters. Minted only here and by {@link parseSha256Hex}. */
export type Sha256Hex = string & { readonly [sha256Hex]: true };

/** `poseidon2` is reserved (design README D3); asking for it is an error today. */
export type DigestAlgorithm = 'sha256' | 'poseidon2';

/** A digest that carries its algorithm. Only sha256 can be constructed. */
export interface ContentDigest {
  readonly algorithm: 'sha256';
  readonly hex: Sha256Hex;
}

const HEX64 = /^[a-f0-9]{64}$/;

/** SHA-256 of raw bytes as 32 bytes; the primitive under both digest paths and the Merkle trees. */
export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new MsezError('INVALID_DIGEST', 'expected an even-length hex string', { length: hex.length });
  }
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

function digestOf(bytes: Uint8Array): ContentDigest {
  return { algorithm: 'sha256', hex: createHash('sha256').update(bytes).digest('hex') as Sha256Hex };
}

/** Digest of a JSON value's canonical bytes (design README D3, canonical path). */
export function digestCanonical(bytes: CanonicalBytes): ContentDigest {
  return digestOf(bytes);
}

/** Digest of a value: MCF, then {@link digestCanonical}. */
export function digestValue(value: unknown): ContentDigest {
  return digestOf(mcf(value));
}

/** Digest of file or blob bytes exactly as stored (design README D3, raw path). */
export function digestRaw(bytes: Uint8Array): ContentDigest {
  return digestOf(bytes);
}

/** Digest for a domain-prefixed construction: prefix, then each part as given (formats.md packs). */
export function digestParts(parts: readonly Uint8Array[]): ContentDigest {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return { algorithm: 'sha256', hex: h.digest('hex') as Sha256Hex };
}

/**
 * Reads an untrusted digest string: trimmed and lowercased (canonical.md §6); a `sha256:` prefix is
 * refused because artifact fields carry bare hex.
 */
export function parseSha256Hex(text: string, field = 'digest'): Sha256Hex {
  const t = text.trim().toLowerCase();
  if (!HEX64.test(t)) {
    throw new MsezError('INVALID_DIGEST', `${field}: expected 64 lowercase hex characters`, { field, found: text.slice(0, 80) });
  }
  return t as Sha256Hex;
}

export function isSha256Hex(text: string): text is Sha256Hex {
  return HEX64.test(text);
}

export function assertAlgorithm(alg: DigestAlgorithm): 'sha256' {
  if (alg === 'sha256') return alg;
  throw new MsezError('UNSUPPORTED_ALGORITHM', `digest algorithm ${alg} is reserved and not implemented`, { algorithm: alg });
}
