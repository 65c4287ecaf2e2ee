import { MsezError, digestCanonical, isJsonObject, isMsezError, mcf, type JsonObject, type JsonValue, type Sha256Hex } from '../core/index.js';
import {
  fromBase58btc,
  fromBase64url,
  resolveDidKey,
  toBase58btc,
  toBase64url,
  verifyEd25519,
  type Ed25519Impl,
  type SigningKey,
} from '../crypto/index.js';
import { jcs, jcsSha256 } from './jcs.js';

/**
 * The two VC proof suites of D6 / crypto.md §4-6: `MsezEd25519Signature2025` (msez-2025, reference
 * compatible) and W3C `DataIntegrityProof` with cryptosuite `eddsa-jcs-2022` (the default).
 * Signing and verifying are pure and offline. Misuse (a credential that is not an object, floats in it)
 * throws; a proof that does not verify is a result with a reason.
 */

export type ProofSuite = 'eddsa-jcs-2022' | 'msez-2025';
export const PROOF_SUITES: readonly ProofSuite[] = ['eddsa-jcs-2022', 'msez-2025'];

export const MSEZ_PROOF_TYPE = 'MsezEd25519Signature2025';
export const DI_PROOF_TYPE = 'DataIntegrityProof';
export const JCS_CRYPTOSUITE = 'eddsa-jcs-2022';
export const ASSERTION_METHOD = 'assertionMethod';

export interface SignOptions {
  suite: ProofSuite;
  /** `YYYY-MM-DDTHH:MM:SSZ`; the command layer resolves it (flag, SOURCE_DATE_EPOCH, clock). */
  created: string;
  /** Default `assertionMethod` (crypto.md §4-5); verifiers expect that purpose unless told otherwise. */
  proofPurpose?: string;
}

export type ProofFailure = 'bad_signature' | 'unknown_key' | 'wrong_purpose' | 'malformed' | 'unsupported_did_method';

export interface ProofResult {
  index: number;
  /** The proof's `type` (with `/cryptosuite` for DataIntegrityProof), or null when absent. */
  type: string | null;
  verificationMethod: string | null;
  /** The signer DID (verification method minus fragment) when it resolved. */
  did?: string;
  suite?: ProofSuite;
  ok: boolean;
  reason?: ProofFailure;
  /** Human explanation of the reason. Never contains key material. */
  detail?: string;
}

export interface VcReport {
  /** True when there is at least one proof and every proof verifies (crypto.md §6). */
  ok: boolean;
  proofs: ProofResult[];
}

export interface VerifyOptions {
  /** When given, a proof whose signer DID is not listed fails with `unknown_key`. */
  trustedDids?: readonly string[];
  /** Default `assertionMethod`. */
  expectedPurpose?: string;
  impl?: Ed25519Impl;
}

const STRICT_CREATED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** XSD dateTime (eddsa-jcs-2022 `created`). */
const XSD_DATETIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

// ## Signing

/**
 * Signs `credential` and returns a new credential with the proof added (co-signing when a proof already
 * exists: `proof` becomes an array and the new proof is appended, crypto.md §6). The input is not mutated.
 * @throws MsezError PROOF_GENERATION_ERROR (bad `created` or purpose), FLOAT_REJECTED and other value errors
 */
export function signCredential(credential: JsonObject, key: SigningKey, options: SignOptions): JsonObject {
  return attachProof(credential, createProof(credential, key, options));
}

/** A detached proof over `credential` (the air-gapped flow attaches it later). */
export function createProof(credential: JsonObject, key: SigningKey, options: SignOptions): JsonObject {
  assertCredential(credential);
  const purpose = options.proofPurpose ?? ASSERTION_METHOD;
  if (typeof purpose !== 'string' || purpose === '') throw new MsezError('PROOF_GENERATION_ERROR', 'proofPurpose must be a non-empty string');
  if (!key.verificationMethod.startsWith('did:key:')) {
    throw new MsezError('PROOF_GENERATION_ERROR', 'verificationMethod must be a did:key');
  }
  const { suite, created } = options;
  switch (suite) {
    case 'msez-2025': {
      if (typeof created !== 'string' || !STRICT_CREATED.test(created)) {
        throw new MsezError('PROOF_GENERATION_ERROR', `created must match YYYY-MM-DDTHH:MM:SSZ, got ${JSON.stringify(created)}`);
      }
      const sig = key.sign(msezSigningInput(credential));
      return { type: MSEZ_PROOF_TYPE, created, verificationMethod: key.verificationMethod, proofPurpose: purpose, jws: toBase64url(sig) };
    }
    case 'eddsa-jcs-2022': {
      if (typeof created !== 'string' || !XSD_DATETIME.test(created)) {
        throw new MsezError('PROOF_GENERATION_ERROR', `created must be an XSD dateTime, got ${JSON.stringify(created)}`);
      }
      const config = jcsProofConfig(credential, { created, verificationMethod: key.verificationMethod, proofPurpose: purpose });
      const sig = key.sign(jcsHashData(config, unsecuredDocument(credential)));
      return { ...config, proofValue: `z${toBase58btc(sig)}` };
    }
    default:
      throw new MsezError('USAGE', `unknown proof suite ${JSON.stringify(suite as string)}`);
  }
}

/** The proof options of an eddsa-jcs-2022 proof, in the W3C vector's key order (crypto.md §5 steps 1-2). */
export function jcsProofConfig(credential: JsonObject, opts: { created: string; verificationMethod: string; proofPurpose: string }): JsonObject {
  const config: JsonObject = {
    type: DI_PROOF_TYPE,
    cryptosuite: JCS_CRYPTOSUITE,
    created: opts.created,
    verificationMethod: opts.verificationMethod,
    proofPurpose: opts.proofPurpose,
  };
  const ctx = credential['@context'];
  if (ctx !== undefined) config['@context'] = structuredClone(ctx);
  return config;
}

/** hashData = SHA-256(JCS(proof config)) ‖ SHA-256(JCS(document)): 64 bytes, proof-config hash first. */
export function jcsHashData(proofConfig: JsonObject, document: JsonObject): Uint8Array {
  return combineJcsHashes(proofConfig, jcsSha256(document));
}

function combineJcsHashes(proofConfig: JsonObject, documentHash: Uint8Array): Uint8Array {
  const out = new Uint8Array(64);
  out.set(jcsSha256(proofConfig), 0);
  out.set(documentHash, 32);
  return out;
}

/** MCF(credential minus its top-level `proof`): the bytes a msez-2025 proof signs. */
export function msezSigningInput(credential: JsonObject): Uint8Array {
  return mcf(unsecuredDocument(credential));
}

/** sha256(MCF(credential minus top-level `proof`)): `definition_payload_sha256` and friends. */
export function credentialPayloadDigest(credential: JsonObject): Sha256Hex {
  assertCredential(credential);
  return digestCanonical(mcf(unsecuredDocument(credential))).hex;
}

/**
 * Adds `proof` to a copy of `credential` by the co-signing rule (crypto.md §6): absent → the proof;
 * an object → `[old, new]`; an array → appended; anything else → `[new]`.
 */
export function attachProof(credential: JsonObject, proof: JsonObject): JsonObject {
  const out: JsonObject = { ...credential };
  const existing = credential.proof;
  if (existing === undefined) out.proof = proof;
  else if (Array.isArray(existing)) out.proof = [...existing, proof];
  else if (isJsonObject(existing)) out.proof = [existing, proof];
  else out.proof = [proof];
  return out;
}

/** The credential's proofs as a list (an object is a list of one; absent is empty). */
export function proofsOf(credential: JsonObject): JsonValue[] {
  const p = credential.proof;
  if (p === undefined) return [];
  return Array.isArray(p) ? p : [p];
}

// ## Verifying

/**
 * Verifies every proof of a credential. Pure and offline: only did:key is resolved.
 * @throws MsezError SCHEMA_INVALID when `credential` is not a JSON object; FLOAT_REJECTED and the other
 * value errors when the payload cannot be canonicalised.
 */
export function verifyCredential(credential: unknown, options: VerifyOptions = {}): VcReport {
  if (!isJsonObject(credential)) throw new MsezError('SCHEMA_INVALID', 'a credential must be a JSON object');
  const ctx = verifyContext(credential, options);
  const results = proofsOf(credential).map((p, index) => verifyOne(p, index, ctx));
  return { ok: results.length > 0 && results.every((r) => r.ok), proofs: results };
}

/** Verifies one detached proof against a credential (whatever proofs it already holds). */
export function verifyDetachedProof(credential: JsonObject, proof: JsonValue, options: VerifyOptions = {}): ProofResult {
  assertCredential(credential);
  return verifyOne(proof, 0, verifyContext(credential, options));
}

/**
 * What every proof of one credential shares. The payload bytes are computed at most once per credential,
 * whatever the number of proofs: MCF for msez-2025, and SHA-256(JCS(document)) for eddsa-jcs-2022 proofs
 * whose `@context` leaves the document unchanged (absent, or equal to the document's).
 */
interface VerifyContext {
  doc: JsonObject;
  options: VerifyOptions;
  msezInput: () => Uint8Array;
  jcsDocumentHash: () => Uint8Array;
}

function verifyContext(credential: JsonObject, options: VerifyOptions): VerifyContext {
  const doc = unsecuredDocument(credential);
  let msezInput: Uint8Array | undefined;
  let jcsDocumentHash: Uint8Array | undefined;
  return {
    doc,
    options,
    msezInput: () => (msezInput ??= mcf(doc)),
    jcsDocumentHash: () => (jcsDocumentHash ??= jcsSha256(doc)),
  };
}

function verifyOne(proof: JsonValue, index: number, ctx: VerifyContext): ProofResult {
  const result: ProofResult = { index, type: null, verificationMethod: null, ok: false };
  const failWith = (reason: ProofFailure, detail: string): ProofResult => ({ ...result, reason, detail });
  if (!isJsonObject(proof)) return failWith('malformed', 'proof entry is not an object');
  const type = proof.type;
  if (typeof type === 'string') result.type = type;
  const vm = proof.verificationMethod;
  if (typeof vm === 'string') result.verificationMethod = vm;

  let suite: ProofSuite;
  if (type === MSEZ_PROOF_TYPE) suite = 'msez-2025';
  else if (type === DI_PROOF_TYPE) {
    result.type = `${DI_PROOF_TYPE}/${typeof proof.cryptosuite === 'string' ? proof.cryptosuite : '?'}`;
    if (proof.cryptosuite !== JCS_CRYPTOSUITE) return failWith('malformed', 'unsupported cryptosuite (only eddsa-jcs-2022)');
    suite = 'eddsa-jcs-2022';
  } else return failWith('malformed', 'unsupported proof type');
  result.suite = suite;

  if (typeof vm !== 'string' || vm === '') return failWith('malformed', 'verificationMethod is missing');
  let publicKey: Uint8Array;
  try {
    const resolved = resolveDidKey(vm);
    publicKey = resolved.publicKey;
    result.did = resolved.did;
  } catch (err) {
    if (isMsezError(err, 'UNSUPPORTED_DID_METHOD')) return failWith('unsupported_did_method', err.message);
    return failWith('malformed', 'verificationMethod is not a valid did:key');
  }
  const expected = ctx.options.expectedPurpose ?? ASSERTION_METHOD;
  if (proof.proofPurpose !== expected) return failWith('wrong_purpose', `proofPurpose must be ${expected}`);
  if (ctx.options.trustedDids !== undefined && !ctx.options.trustedDids.includes(result.did)) {
    return failWith('unknown_key', 'signer DID is not among the trusted DIDs');
  }

  switch (suite) {
    case 'msez-2025': {
      if (typeof proof.created !== 'string' || !STRICT_CREATED.test(proof.created)) {
        return failWith('malformed', 'created must match YYYY-MM-DDTHH:MM:SSZ');
      }
      const sig = decodeJws(proof.jws);
      if (sig === undefined) return failWith('malformed', 'jws must be the unpadded base64url of 64 bytes');
      const ok = verifyEd25519(ctx.msezInput(), sig, publicKey, ctx.options.impl ?? 'node');
      return ok ? { ...result, ok: true } : failWith('bad_signature', 'signature does not verify over the credential');
    }
    case 'eddsa-jcs-2022': {
      if (proof.created !== undefined && (typeof proof.created !== 'string' || !XSD_DATETIME.test(proof.created))) {
        return failWith('malformed', 'created must be an XSD dateTime');
      }
      const sig = decodeProofValue(proof.proofValue);
      if (sig === undefined) return failWith('malformed', 'proofValue must be z + base58btc of 64 bytes');
      const { proofValue: _proofValue, ...config } = proof;
      let docHash: Uint8Array;
      const proofCtx = config['@context'];
      if (proofCtx === undefined) docHash = ctx.jcsDocumentHash();
      else {
        // crypto.md §5 verify steps 2-3: the document's @context must start with the proof's, then becomes it.
        const docCtx = ctx.doc['@context'];
        if (!contextStartsWith(docCtx, proofCtx)) {
          return failWith('bad_signature', 'document @context does not start with the proof @context');
        }
        docHash = sameJson(docCtx, proofCtx) ? ctx.jcsDocumentHash() : jcsSha256({ ...ctx.doc, '@context': proofCtx });
      }
      const ok = verifyEd25519(combineJcsHashes(config, docHash), sig, publicKey, ctx.options.impl ?? 'node');
      return ok ? { ...result, ok: true } : failWith('bad_signature', 'signature does not verify over the proof options and credential');
    }
    default:
      throw new MsezError('INTERNAL', `unhandled suite ${String(suite)}`);
  }
}

// ## Helpers

function assertCredential(credential: unknown): asserts credential is JsonObject {
  if (!isJsonObject(credential)) throw new MsezError('SCHEMA_INVALID', 'a credential must be a JSON object');
}

/** The credential with only its top-level `proof` member removed. */
export function unsecuredDocument(credential: JsonObject): JsonObject {
  // Rest, not spread + delete: same members and order, and the copy keeps a fast (non-dictionary) shape.
  const { proof: _proof, ...doc } = credential;
  return doc;
}

function decodeJws(jws: JsonValue | undefined): Uint8Array | undefined {
  if (typeof jws !== 'string' || jws.length !== 86 || !B64URL.test(jws)) return undefined;
  try {
    const sig = fromBase64url(jws);
    // Canonical encoding only: the last character's spare bits must be zero.
    return sig.length === 64 && toBase64url(sig) === jws ? sig : undefined;
  } catch {
    return undefined;
  }
}

function decodeProofValue(pv: JsonValue | undefined): Uint8Array | undefined {
  if (typeof pv !== 'string' || !pv.startsWith('z')) return undefined;
  try {
    const sig = fromBase58btc(pv.slice(1));
    return sig.length === 64 ? sig : undefined;
  } catch {
    return undefined;
  }
}

function contextStartsWith(docCtx: JsonValue | undefined, proofCtx: JsonValue): boolean {
  const d = docCtx === undefined ? [] : Array.isArray(docCtx) ? docCtx : [docCtx];
  const p = Array.isArray(proofCtx) ? proofCtx : [proofCtx];
  if (p.length > d.length) return false;
  return p.every((item, i) => sameJson(item, d[i]));
}

/** Equal JCS bytes (false when either side cannot be canonicalised). */
function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  // JCS(array) is its items' JCS texts joined by commas, so arrays are equal item by item (a hole or an
  // undefined item cannot be canonicalised: unequal; nor can an array with another prototype).
  if (Array.isArray(a) && Array.isArray(b) && Object.getPrototypeOf(a) === Array.prototype && Object.getPrototypeOf(b) === Array.prototype) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x === undefined || y === undefined || !sameJcsItem(x, y)) return false;
    }
    return true;
  }
  return sameJcsItem(a, b);
}

function sameJcsItem(a: JsonValue, b: JsonValue): boolean {
  // Two strings have equal JCS text exactly when they are equal and well-formed (the common @context case).
  if (typeof a === 'string' && typeof b === 'string') return a === b && a.isWellFormed();
  try {
    return Buffer.from(jcs(a)).equals(Buffer.from(jcs(b)));
  } catch {
    return false;
  }
}
