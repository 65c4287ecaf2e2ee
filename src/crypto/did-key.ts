import { MsezError } from '../core/index.js';
import { fromBase58btc, toBase58btc } from './encoding.js';

/** Multicodec prefixes (crypto.md §2-3). */
const ED25519_PUB = Uint8Array.of(0xed, 0x01);
const ED25519_PRIV = Uint8Array.of(0x80, 0x26);

declare const didKey: unique symbol;
/** `did:key:z6Mk…` for an Ed25519 public key. Minted only by {@link didKeyFromPublicKey} / {@link parseDidKey}. */
export type DidKey = string & { readonly [didKey]: true };

/** `z` + base58btc(0xed 0x01 ‖ pub32). */
export function publicKeyMultibase(pub: Uint8Array): string {
  if (pub.length !== 32) throw new MsezError('USAGE', `Ed25519 public key: expected 32 bytes, got ${pub.length}`);
  const b = new Uint8Array(34);
  b.set(ED25519_PUB, 0);
  b.set(pub, 2);
  return `z${toBase58btc(b)}`;
}

/** `z` + base58btc(0x80 0x26 ‖ seed32). The caller must not log the result. */
export function secretKeyMultibase(seed: Uint8Array): string {
  const b = new Uint8Array(34);
  b.set(ED25519_PRIV, 0);
  b.set(seed, 2);
  try {
    return `z${toBase58btc(b)}`;
  } finally {
    b.fill(0);
  }
}

export function publicKeyFromMultibase(text: string): Uint8Array {
  if (!text.startsWith('z')) throw new MsezError('USAGE', 'publicKeyMultibase must start with z (base58btc)');
  const b = fromBase58btc(text.slice(1), 'publicKeyMultibase');
  // msez rule: exactly 34 bytes with the full 0xed 0x01 prefix; the 0xed-only form is refused.
  if (b.length !== 34 || b[0] !== 0xed || b[1] !== 0x01) {
    throw new MsezError('USAGE', 'publicKeyMultibase is not an Ed25519 multikey (0xed01 + 32 bytes)');
  }
  return b.slice(2);
}

export function secretSeedFromMultibase(text: string): Uint8Array {
  if (!text.startsWith('z')) throw new MsezError('KEY_FILE_INVALID', 'secretKeyMultibase must start with z (base58btc)');
  const b = fromBase58btc(text.slice(1), 'secretKeyMultibase');
  try {
    if (b.length !== 34 || b[0] !== 0x80 || b[1] !== 0x26) {
      throw new MsezError('KEY_FILE_INVALID', 'secretKeyMultibase is not an Ed25519 secret multikey (0x8026 + 32 bytes)');
    }
    return b.slice(2);
  } finally {
    b.fill(0);
  }
}

export function didKeyFromPublicKey(pub: Uint8Array): DidKey {
  return `did:key:${publicKeyMultibase(pub)}` as DidKey;
}

/**
 * Resolves a did:key DID or verification method to its Ed25519 public key (crypto.md §3): strip the
 * fragment, require `did:key:z`, decode 34 bytes starting 0xed 0x01. Other DID methods are unsupported.
 */
export function resolveDidKey(didOrVm: string): { did: DidKey; publicKey: Uint8Array } {
  const did = didOrVm.split('#', 1)[0] ?? '';
  if (!did.startsWith('did:')) throw new MsezError('USAGE', `not a DID: ${JSON.stringify(didOrVm.slice(0, 100))}`);
  if (!did.startsWith('did:key:')) {
    const method = did.split(':')[1] ?? '';
    throw new MsezError('UNSUPPORTED_DID_METHOD', `DID method did:${method} is not supported offline (only did:key)`, { method });
  }
  const mb = did.slice('did:key:'.length);
  return { did: did as DidKey, publicKey: publicKeyFromMultibase(mb) };
}

export function parseDidKey(text: string): DidKey {
  return resolveDidKey(text).did;
}
