import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import * as noble from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { MsezError } from '../core/index.js';

// noble's synchronous API needs SHA-512 wired in once.
noble.hashes.sha512 = sha512;

/**
 * Pure RFC 8032 Ed25519 (crypto.md §1). node:crypto is the fast path; @noble/ed25519 is the portable
 * implementation, and tests cross-check the two. Misuse (wrong lengths) throws; a bad signature returns false.
 */
export type Ed25519Impl = 'node' | 'noble';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function assertLength(bytes: Uint8Array, length: number, what: string): Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new MsezError('USAGE', `${what}: expected ${length} bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}`);
  }
  return bytes;
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  const der = Buffer.concat([PKCS8_PREFIX, assertLength(seed, 32, 'Ed25519 seed')]);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

function publicKeyObject(pub: Uint8Array): KeyObject | undefined {
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, assertLength(pub, 32, 'Ed25519 public key')]), format: 'der', type: 'spki' });
  } catch (err) {
    if (err instanceof MsezError) throw err;
    return undefined; // not a valid point encoding: verification simply fails
  }
}

/**
 * Building a KeyObject costs more than the verification itself, and verifiers see the same few signer keys
 * over and over (corridor parties, watchers), so recent public keys are kept. Bounded; insertion-order eviction.
 */
const PUBLIC_KEY_CACHE_SIZE = 256;
const publicKeyCache = new Map<string, KeyObject | undefined>();

function cachedPublicKeyObject(pub: Uint8Array): KeyObject | undefined {
  const id = Buffer.from(pub.buffer, pub.byteOffset, pub.byteLength).toString('hex');
  if (publicKeyCache.has(id)) return publicKeyCache.get(id);
  const key = publicKeyObject(pub);
  if (publicKeyCache.size >= PUBLIC_KEY_CACHE_SIZE) publicKeyCache.delete(publicKeyCache.keys().next().value as string);
  publicKeyCache.set(id, key);
  return key;
}

export function publicKeyFromSeed(seed: Uint8Array, impl: Ed25519Impl = 'node'): Uint8Array {
  assertLength(seed, 32, 'Ed25519 seed');
  if (impl === 'noble') return noble.getPublicKey(seed);
  const spki = createPublicKey(privateKeyObject(seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
}

export function signEd25519(message: Uint8Array, seed: Uint8Array, impl: Ed25519Impl = 'node'): Uint8Array {
  assertLength(seed, 32, 'Ed25519 seed');
  if (impl === 'noble') return noble.sign(message, seed);
  return new Uint8Array(nodeSign(null, message, privateKeyObject(seed)));
}

export function verifyEd25519(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array, impl: Ed25519Impl = 'node'): boolean {
  assertLength(publicKey, 32, 'Ed25519 public key');
  if (signature.length !== 64) return false;
  if (impl === 'noble') {
    try {
      return noble.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  }
  const key = cachedPublicKeyObject(publicKey);
  return key !== undefined && nodeVerify(null, message, key, signature);
}

/** Fresh random seed from the OS CSPRNG; callers wipe it after use. */
export function randomSeed(): Uint8Array {
  return noble.utils.randomSecretKey();
}

/** Overwrites secret bytes in place (design rule 5). */
export function wipe(bytes: Uint8Array): void {
  bytes.fill(0);
}

/** A signer bound to one seed; `dispose()` wipes its copy of the seed and drops the key object. */
export interface Ed25519Signer {
  sign(message: Uint8Array): Uint8Array;
  dispose(): void;
}

/**
 * Binds a signer to one seed. With node:crypto the private KeyObject is built once, which makes repeated
 * signing several times faster than {@link signEd25519}. The caller keeps ownership of (and wipes) `seed`.
 */
export function ed25519Signer(seed: Uint8Array, impl: Ed25519Impl = 'node'): Ed25519Signer {
  assertLength(seed, 32, 'Ed25519 seed');
  if (impl === 'noble') {
    let copy: Uint8Array | undefined = Uint8Array.from(seed);
    return {
      sign: (message) => noble.sign(message, live(copy)),
      dispose: () => {
        copy?.fill(0);
        copy = undefined;
      },
    };
  }
  let key: KeyObject | undefined = privateKeyObject(seed);
  return {
    sign: (message) => new Uint8Array(nodeSign(null, message, live(key))),
    dispose: () => {
      key = undefined;
    },
  };
}

function live<T>(secret: T | undefined): T {
  if (secret === undefined) throw new MsezError('USAGE', 'signing key was disposed');
  return secret;
}
