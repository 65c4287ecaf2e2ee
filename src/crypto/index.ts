export { signEd25519, verifyEd25519, publicKeyFromSeed, randomSeed, wipe, ed25519Signer } from './ed25519.js';
export type { Ed25519Impl, Ed25519Signer } from './ed25519.js';
export { toBase58btc, fromBase58btc, toBase64url, fromBase64url } from './encoding.js';
export {
  publicKeyMultibase,
  secretKeyMultibase,
  publicKeyFromMultibase,
  secretSeedFromMultibase,
  didKeyFromPublicKey,
  resolveDidKey,
  parseDidKey,
} from './did-key.js';
export type { DidKey } from './did-key.js';
export {
  signingKeyFromSeed,
  loadKeyFile,
  readKeyFileBytes,
  parseKeyFile,
  isEncryptedKeyFile,
  publicKeyInfo,
  readPublicKeyInfo,
  createKeyFile,
  writeNewKeyFile,
  DEFAULT_SCRYPT_LOG_N,
} from './key-file.js';
export type { SigningKey, SigningKeyOptions, LoadKeyOptions, ParseKeyOptions, PublicKeyInfo, CreateKeyFileOptions } from './key-file.js';
