import { closeSync, constants, fstatSync, openSync, readFileSync, writeSync, fsyncSync, unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { scrypt } from '@noble/hashes/scrypt.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { MsezError, isJsonObject, isMsezError, mcf, parseJsonBytes, type JsonObject, type JsonValue } from '../core/index.js';
import { ed25519Signer, publicKeyFromSeed, type Ed25519Impl } from './ed25519.js';
import { fromBase64url, toBase64url } from './encoding.js';
import { didKeyFromPublicKey, publicKeyMultibase, type DidKey } from './did-key.js';

/**
 * Ed25519 key files (crypto.md §2) and the msez encrypted key file (spec/keys-and-vcs.md §2).
 * No message, detail or log line built here ever contains secret bytes: parse failures of a key file are
 * reported by position and field name only, never with the underlying reader's message (which could quote
 * the file).
 */

/** A loaded private key. The seed stays inside; `dispose()` wipes it. */
export interface SigningKey {
  readonly did: DidKey;
  readonly kid: string;
  /** `{did}#{kid}` unless the key file names another fragment of the same DID. */
  readonly verificationMethod: string;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
  dispose(): void;
}

export interface SigningKeyOptions {
  /** Ed25519 implementation; default node:crypto. */
  impl?: Ed25519Impl;
  /** Full verification method; must belong to the key's DID. Default `{did}#{kid}`. */
  verificationMethod?: string;
}

const DEFAULT_KID = 'key-1';
const ENCRYPTED_TYPE = 'MsezEncryptedEd25519Key2025';
/** scrypt cost bounds: 2^14 (16 MiB) .. 2^20 (1 GiB) with r=8; outside them a file is refused, not run. */
const MIN_LOG_N = 14;
const MAX_LOG_N = 20;
export const DEFAULT_SCRYPT_LOG_N = 17;

/**
 * A signing key from a 32-byte seed (tests, simulations). The seed is copied; the caller still owns and
 * wipes `seed`.
 */
export function signingKeyFromSeed(seed: Uint8Array, kid: string = DEFAULT_KID, options: SigningKeyOptions = {}): SigningKey {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new MsezError('USAGE', `Ed25519 seed: expected 32 bytes, got ${seed instanceof Uint8Array ? seed.length : typeof seed}`);
  }
  if (kid === '' || kid.includes('#')) throw new MsezError('USAGE', 'kid must be non-empty and must not contain #');
  const publicKey = publicKeyFromSeed(seed);
  const did = didKeyFromPublicKey(publicKey);
  const verificationMethod = options.verificationMethod ?? `${did}#${kid}`;
  if (verificationMethod.split('#', 1)[0] !== did) {
    throw new MsezError('KEY_FILE_INVALID', 'verificationMethod does not belong to the key derived from the seed', {
      expected_did: did,
    });
  }
  const signer = ed25519Signer(seed, options.impl ?? 'node');
  return Object.freeze({
    did,
    kid,
    verificationMethod,
    publicKey: Uint8Array.from(publicKey),
    sign: (message: Uint8Array) => signer.sign(message),
    dispose: () => signer.dispose(),
  });
}

export interface LoadKeyOptions {
  /** Needed for an encrypted key file; ignored otherwise. */
  passphrase?: string;
  impl?: Ed25519Impl;
}

/**
 * Reads a key file (private OKP JWK, wrapper, or msez encrypted file), refusing one that group or others
 * can access. The file is opened once and checked through its descriptor.
 * @throws MsezError FILE_NOT_FOUND, KEY_FILE_INSECURE, KEY_FILE_INVALID, PASSPHRASE_INVALID
 */
export function loadKeyFile(path: string, options: LoadKeyOptions = {}): SigningKey {
  const bytes = readKeyFileBytes(path);
  try {
    return parseKeyFile(bytes, { ...options, file: path });
  } finally {
    bytes.fill(0);
  }
}

/** Reads a key file's bytes after the permission check (exported for `keys show`, which needs no secret). */
export function readKeyFileBytes(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MsezError('FILE_NOT_FOUND', `key file not found: ${path}`, { file: path });
    throw new MsezError('IO_ERROR', `cannot open key file ${path}: ${code ?? 'error'}`, { file: path });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new MsezError('KEY_FILE_INVALID', `key file is not a regular file: ${path}`, { file: path });
    // POSIX only: Windows reports synthetic modes.
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new MsezError('KEY_FILE_INSECURE', `key file ${path} is accessible by group or others (mode ${mode}); run: chmod 600 ${path}`, {
        file: path,
        mode,
      });
    }
    return new Uint8Array(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}

export interface ParseKeyOptions extends LoadKeyOptions {
  file?: string;
}

/** Parses key file bytes. The caller wipes `bytes`. */
export function parseKeyFile(bytes: Uint8Array, options: ParseKeyOptions = {}): SigningKey {
  const file = options.file ?? '<key>';
  const doc = parseKeyJson(bytes, file);
  if (doc.type === ENCRYPTED_TYPE) return openEncrypted(doc, file, options);
  const { jwk, vm } = unwrap(doc, file);
  const seed = decodeB64(jwk, 'd', 32, file);
  try {
    const x = decodeB64(jwk, 'x', 32, file);
    const kid = jwkKid(jwk, file);
    const derived = publicKeyFromSeed(seed);
    // msez rule (crypto.md §2): `x` must be the key derived from `d` (the reference trusted `x`).
    if (!bytesEqual(derived, x)) {
      throw new MsezError('KEY_FILE_INVALID', `key file ${file}: "x" is not the public key derived from "d"`, { file });
    }
    const opts: SigningKeyOptions = { impl: options.impl ?? 'node' };
    if (vm !== undefined) opts.verificationMethod = vm;
    return withFileContext(() => signingKeyFromSeed(seed, kid, opts), file);
  } finally {
    seed.fill(0);
  }
}

/** True when the file bytes are an msez encrypted key file (the command then needs a passphrase). */
export function isEncryptedKeyFile(bytes: Uint8Array, file = '<key>'): boolean {
  return parseKeyJson(bytes, file).type === ENCRYPTED_TYPE;
}

/** Public facts about a key file, read without decrypting or decoding any secret. */
export interface PublicKeyInfo {
  did: DidKey;
  kid: string;
  verificationMethod: string;
  publicKeyMultibase: string;
  publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string };
  encrypted: boolean;
}

/**
 * Public information of a key file from its `x` alone. For plain key files `x` is checked against `d`
 * only by {@link loadKeyFile}; `keys show` loads the key when it can to make that check.
 */
export function publicKeyInfo(key: Pick<SigningKey, 'publicKey' | 'kid' | 'verificationMethod'>, encrypted: boolean): PublicKeyInfo {
  const did = didKeyFromPublicKey(key.publicKey);
  const x = toBase64url(key.publicKey);
  return {
    did,
    kid: key.kid,
    verificationMethod: key.verificationMethod,
    publicKeyMultibase: publicKeyMultibase(key.publicKey),
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid: key.kid },
    encrypted,
  };
}

/**
 * Public information of a key file, never touching a sealed seed: a plain file is loaded (so `x` is checked
 * against `d`) and disposed at once; an encrypted file is read from its header, which only the passphrase
 * can authenticate.
 */
export function readPublicKeyInfo(bytes: Uint8Array, file = '<key>'): PublicKeyInfo {
  const doc = parseKeyJson(bytes, file);
  if (doc.type !== ENCRYPTED_TYPE) {
    const key = parseKeyFile(bytes, { file });
    try {
      return publicKeyInfo(key, false);
    } finally {
      key.dispose();
    }
  }
  const pubJwk = doc.public_jwk;
  const vm = doc.verificationMethod;
  if (!isJsonObject(pubJwk) || typeof vm !== 'string') {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: encrypted key needs public_jwk and verificationMethod`, { file });
  }
  const publicKey = decodeB64(checkOkp(pubJwk, file), 'x', 32, file);
  const kid = jwkKid(pubJwk, file);
  if (vm.split('#', 1)[0] !== didKeyFromPublicKey(publicKey)) {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: verificationMethod does not belong to public_jwk.x`, { file });
  }
  return publicKeyInfo({ publicKey, kid, verificationMethod: vm }, true);
}

export interface CreateKeyFileOptions {
  kid?: string;
  /** When given, the seed is sealed under it (scrypt + XChaCha20-Poly1305). */
  passphrase?: string;
  /** scrypt cost as log2(N); default 17. Tests use the minimum, 14. */
  scryptLogN?: number;
}

/**
 * The bytes of a new key file for `seed`: a private OKP JWK (crypto.md §2), or with a passphrase the msez
 * encrypted file. Pretty-printed JSON with a trailing newline; the caller wipes the returned bytes.
 */
export function createKeyFile(seed: Uint8Array, options: CreateKeyFileOptions = {}): Uint8Array {
  const kid = options.kid ?? DEFAULT_KID;
  if (kid === '' || kid.includes('#')) throw new MsezError('USAGE', 'kid must be non-empty and must not contain #');
  const pub = publicKeyFromSeed(seed);
  const x = toBase64url(pub);
  if (options.passphrase === undefined) {
    const jwk = { kty: 'OKP', crv: 'Ed25519', x, d: toBase64url(seed), kid };
    return new TextEncoder().encode(`${JSON.stringify(jwk, null, 2)}\n`);
  }
  const logN = options.scryptLogN ?? DEFAULT_SCRYPT_LOG_N;
  assertLogN(logN, '<new key>');
  const header: JsonObject = {
    type: ENCRYPTED_TYPE,
    version: 1,
    verificationMethod: `${didKeyFromPublicKey(pub)}#${kid}`,
    public_jwk: { kty: 'OKP', crv: 'Ed25519', x, kid },
    kdf: { name: 'scrypt', log_n: logN, r: 8, p: 1, salt: toBase64url(randomBytes(16)) },
    aead: { name: 'xchacha20poly1305', nonce: toBase64url(randomBytes(24)) },
  };
  const kek = deriveKek(options.passphrase, header.kdf as JsonObject);
  try {
    const nonce = fromBase64url((header.aead as JsonObject).nonce as string);
    const sealed = xchacha20poly1305(kek, nonce, mcf(header)).encrypt(seed);
    const doc: JsonObject = { ...header, ciphertext: toBase64url(sealed) };
    return new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
  } finally {
    kek.fill(0);
  }
}

/**
 * Writes a new key file with mode 0600, failing if the path exists (O_EXCL): a key file is never
 * overwritten. On a write failure the partial file is removed.
 * @throws MsezError CONFLICT (exists), IO_ERROR
 */
export function writeNewKeyFile(path: string, bytes: Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new MsezError('CONFLICT', `refusing to overwrite existing file ${path}`, { file: path });
    throw new MsezError('IO_ERROR', `cannot create key file ${path}: ${code ?? 'error'}`, { file: path });
  }
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off);
    fsyncSync(fd);
    closeSync(fd);
  } catch (cause) {
    closeSync(fd);
    unlinkSync(path);
    throw new MsezError('IO_ERROR', `cannot write key file ${path}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { file: path });
  }
}

// ## Helpers

function parseKeyJson(bytes: Uint8Array, file: string): JsonObject {
  let value: JsonValue;
  try {
    value = parseJsonBytes(bytes, { file }).value;
  } catch (err) {
    // Never pass the reader's message or cause on: it may quote file content (the secret).
    const code = isMsezError(err) ? err.code : 'JSON_SYNTAX';
    throw new MsezError('KEY_FILE_INVALID', `key file ${file} is not valid JSON (${code}); is it truncated?`, { file, reader_code: code });
  }
  if (!isJsonObject(value)) throw new MsezError('KEY_FILE_INVALID', `key file ${file} must hold a JSON object`, { file });
  return value;
}

function unwrap(doc: JsonObject, file: string): { jwk: JsonObject; vm: string | undefined } {
  const inner = doc.private_jwk ?? doc.jwk;
  if (inner === undefined) return { jwk: checkOkp(doc, file), vm: undefined };
  if (!isJsonObject(inner)) throw new MsezError('KEY_FILE_INVALID', `key file ${file}: "private_jwk" must be an object`, { file });
  const vm = doc.verificationMethod ?? doc.verification_method ?? doc.vm;
  if (vm !== undefined && typeof vm !== 'string') {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: "verificationMethod" must be a string`, { file });
  }
  return { jwk: checkOkp(inner, file), vm };
}

function checkOkp(jwk: JsonObject, file: string): JsonObject {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: only kty "OKP" with crv "Ed25519" is supported`, { file });
  }
  return jwk;
}

function jwkKid(jwk: JsonObject, file: string): string {
  const kid = jwk.kid ?? DEFAULT_KID;
  if (typeof kid !== 'string' || kid === '' || kid.includes('#')) {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: "kid" must be a non-empty string without #`, { file });
  }
  return kid;
}

function decodeB64(obj: JsonObject, field: string, length: number, file: string): Uint8Array {
  const text = obj[field];
  if (typeof text !== 'string' || text === '') {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: "${field}" is required (unpadded base64url)`, { file, field });
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64url(text);
  } catch {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: "${field}" is not unpadded base64url`, { file, field });
  }
  if (bytes.length !== length) {
    bytes.fill(0);
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: "${field}" must decode to ${length} bytes`, { file, field });
  }
  return bytes;
}

function openEncrypted(doc: JsonObject, file: string, options: ParseKeyOptions): SigningKey {
  if (doc.version !== 1) throw new MsezError('KEY_FILE_INVALID', `key file ${file}: unsupported encrypted key version`, { file });
  const pubJwk = doc.public_jwk;
  const kdf = doc.kdf;
  const aead = doc.aead;
  const vm = doc.verificationMethod;
  if (!isJsonObject(pubJwk) || !isJsonObject(kdf) || !isJsonObject(aead) || typeof vm !== 'string') {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: encrypted key needs public_jwk, kdf, aead and verificationMethod`, { file });
  }
  if (kdf.name !== 'scrypt' || aead.name !== 'xchacha20poly1305') {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: only scrypt with xchacha20poly1305 is supported`, { file });
  }
  const x = decodeB64(checkOkp(pubJwk, file), 'x', 32, file);
  const kid = jwkKid(pubJwk, file);
  const nonce = decodeB64(aead, 'nonce', 24, file);
  const ciphertext = decodeB64(doc, 'ciphertext', 48, file);
  if (options.passphrase === undefined) {
    throw new MsezError('PASSPHRASE_INVALID', `key file ${file} is encrypted: a passphrase is required`, { file });
  }
  const header: JsonObject = { ...doc };
  delete header.ciphertext;
  const kek = deriveKek(options.passphrase, kdf, file);
  let seed: Uint8Array;
  try {
    // The whole header is the AEAD's associated data: changing any public field breaks decryption.
    seed = xchacha20poly1305(kek, nonce, mcf(header)).decrypt(ciphertext);
  } catch {
    throw new MsezError('PASSPHRASE_INVALID', `key file ${file}: wrong passphrase (or the file was altered)`, { file });
  } finally {
    kek.fill(0);
  }
  try {
    if (!bytesEqual(publicKeyFromSeed(seed), x)) {
      throw new MsezError('KEY_FILE_INVALID', `key file ${file}: public_jwk.x is not the key derived from the sealed seed`, { file });
    }
    return withFileContext(() => signingKeyFromSeed(seed, kid, { impl: options.impl ?? 'node', verificationMethod: vm }), file);
  } finally {
    seed.fill(0);
  }
}

function deriveKek(passphrase: string, kdf: JsonObject, file = '<new key>'): Uint8Array {
  const logN = kdf.log_n;
  if (typeof logN !== 'number') throw new MsezError('KEY_FILE_INVALID', `key file ${file}: kdf.log_n must be an integer`, { file });
  assertLogN(logN, file);
  if (kdf.r !== 8 || kdf.p !== 1) throw new MsezError('KEY_FILE_INVALID', `key file ${file}: scrypt needs r=8 and p=1`, { file });
  const salt = decodeB64(kdf, 'salt', 16, file);
  if (passphrase === '') throw new MsezError('PASSPHRASE_INVALID', 'the passphrase must not be empty', { file });
  return scrypt(new TextEncoder().encode(passphrase.normalize('NFC')), salt, { N: 2 ** logN, r: 8, p: 1, dkLen: 32 });
}

function assertLogN(logN: number, file: string): void {
  if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N) {
    throw new MsezError('KEY_FILE_INVALID', `key file ${file}: scrypt log_n must be an integer in ${MIN_LOG_N}..${MAX_LOG_N}`, { file });
  }
}

function withFileContext<T>(fn: () => T, file: string): T {
  try {
    return fn();
  } catch (err) {
    if (isMsezError(err, 'KEY_FILE_INVALID')) throw new MsezError('KEY_FILE_INVALID', `key file ${file}: ${err.message}`, { file });
    throw err;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
