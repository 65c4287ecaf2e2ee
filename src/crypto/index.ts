export { signEd25519, verifyEd25519, publicKeyFromSeed, randomSeed, wipe } from './ed25519.js';
export type { Ed25519Impl } from './ed25519.js';
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
