import { MsezError, digestCanonical, digestRaw, isJsonObject, mcf, type JsonObject, type Sha256Hex } from '../core/index.js';
import type { SigningKey } from '../crypto/index.js';
import { jcs } from './jcs.js';
import {
  ASSERTION_METHOD,
  PROOF_SUITES,
  attachProof,
  createProof,
  credentialPayloadDigest,
  jcsProofConfig,
  unsecuredDocument,
  verifyDetachedProof,
  type ProofResult,
  type ProofSuite,
  type VerifyOptions,
} from './proof.js';

/**
 * The air-gapped signing flow (spec/keys-and-vcs.md §5): a request carries the credential in readable form
 * plus the digests of its canonical bytes; the offline machine recomputes everything from the readable
 * credential (it never signs a digest it was handed), shows it, and returns a detached proof that the online
 * machine attaches after checking it covers the same payload.
 */

export const SIGNING_REQUEST_TYPE = 'MsezSigningRequest';
export const DETACHED_PROOF_TYPE = 'MsezDetachedProof';

export interface SigningRequest {
  type: typeof SIGNING_REQUEST_TYPE;
  version: 1;
  suite: ProofSuite;
  proof_options: { created: string; proofPurpose: string };
  /** How the signed document bytes are made: MCF (msez-2025) or JCS (eddsa-jcs-2022). */
  canonicalization: 'mcf' | 'jcs';
  /** sha256 of the canonical document bytes the signature covers (directly or through hashData). */
  document_sha256: Sha256Hex;
  /** sha256(MCF(credential minus proof)): the payload digest the detached proof is bound to. */
  payload_sha256: Sha256Hex;
  credential: JsonObject;
}

export interface SigningPreview {
  suite: ProofSuite;
  signer: string;
  /** The exact canonical texts whose bytes are signed: the document, and for JCS the proof options too. */
  document_text: string;
  proof_options_text?: string;
  document_sha256: Sha256Hex;
  payload_sha256: Sha256Hex;
}

export function buildSigningRequest(credential: JsonObject, options: { suite: ProofSuite; created: string; proofPurpose?: string }): SigningRequest {
  const doc = unsecuredDocument(credential);
  const canonicalization = options.suite === 'msez-2025' ? 'mcf' : 'jcs';
  return {
    type: SIGNING_REQUEST_TYPE,
    version: 1,
    suite: options.suite,
    proof_options: { created: options.created, proofPurpose: options.proofPurpose ?? ASSERTION_METHOD },
    canonicalization,
    document_sha256: documentDigest(doc, canonicalization),
    payload_sha256: credentialPayloadDigest(doc),
    credential: doc,
  };
}

/**
 * Validates a request read from a file and recomputes both digests from its credential.
 * @throws MsezError SCHEMA_INVALID (shape), DIGEST_MISMATCH (digests do not match the credential)
 */
export function parseSigningRequest(value: unknown): SigningRequest {
  const bad = (msg: string): never => {
    throw new MsezError('SCHEMA_INVALID', `signing request: ${msg}`);
  };
  if (!isJsonObject(value)) return bad('must be a JSON object');
  if (value.type !== SIGNING_REQUEST_TYPE || value.version !== 1) bad(`type must be ${SIGNING_REQUEST_TYPE} version 1`);
  const suite = value.suite;
  if (typeof suite !== 'string' || !PROOF_SUITES.includes(suite as ProofSuite)) bad('unknown suite');
  const po = value.proof_options;
  if (!isJsonObject(po) || typeof po.created !== 'string' || typeof po.proofPurpose !== 'string') bad('proof_options{created, proofPurpose} required');
  const credential = value.credential;
  if (!isJsonObject(credential) || credential.proof !== undefined) bad('credential must be an object without proof');
  const request = buildSigningRequest(credential as JsonObject, {
    suite: suite as ProofSuite,
    created: (po as JsonObject).created as string,
    proofPurpose: (po as JsonObject).proofPurpose as string,
  });
  if (value.canonicalization !== request.canonicalization) bad(`canonicalization must be ${request.canonicalization} for ${suite as string}`);
  for (const field of ['document_sha256', 'payload_sha256'] as const) {
    if (value[field] !== request[field]) {
      throw new MsezError('DIGEST_MISMATCH', `signing request: ${field} does not match the credential it carries`, {
        field,
        expected: request[field],
        found: value[field],
      });
    }
  }
  return request;
}

/** What the custodian is shown before signing: the exact canonical texts whose bytes are signed. */
export function previewSigningRequest(request: SigningRequest, key: Pick<SigningKey, 'verificationMethod'>): SigningPreview {
  const doc = request.credential;
  const preview: SigningPreview = {
    suite: request.suite,
    signer: key.verificationMethod,
    document_text: new TextDecoder().decode(request.canonicalization === 'mcf' ? mcf(doc) : jcs(doc)),
    document_sha256: request.document_sha256,
    payload_sha256: request.payload_sha256,
  };
  if (request.suite === 'eddsa-jcs-2022') {
    const config = jcsProofConfig(doc, { ...request.proof_options, verificationMethod: key.verificationMethod });
    preview.proof_options_text = new TextDecoder().decode(jcs(config));
  }
  return preview;
}

/** Signs a parsed request: returns the detached proof envelope. */
export function applySigningRequest(request: SigningRequest, key: SigningKey): JsonObject {
  const proof = createProof(request.credential, key, { suite: request.suite, ...request.proof_options });
  return { type: DETACHED_PROOF_TYPE, version: 1, payload_sha256: request.payload_sha256, proof };
}

/**
 * Attaches a detached proof (the envelope, or a bare proof object) to `credential` after checking that it
 * was made over this credential's payload and that it verifies.
 * @throws MsezError DIGEST_MISMATCH (different bytes), SIGNATURE_INVALID (proof does not verify)
 */
export function attachDetachedProof(credential: JsonObject, detached: JsonObject, options: VerifyOptions = {}): { credential: JsonObject; result: ProofResult } {
  let proof: JsonObject = detached;
  const payload = credentialPayloadDigest(credential);
  if (detached.type === DETACHED_PROOF_TYPE) {
    if (!isJsonObject(detached.proof)) throw new MsezError('SCHEMA_INVALID', 'detached proof: "proof" must be an object');
    if (detached.payload_sha256 !== payload) {
      throw new MsezError('DIGEST_MISMATCH', 'the detached proof was made over a different credential payload', {
        expected: payload,
        found: detached.payload_sha256,
      });
    }
    proof = detached.proof;
  }
  const result = verifyDetachedProof(credential, proof, options);
  if (!result.ok) {
    throw new MsezError('SIGNATURE_INVALID', `the proof does not verify over this credential: ${result.reason ?? 'failed'}`, { result });
  }
  return { credential: attachProof(credential, proof), result };
}

function documentDigest(doc: JsonObject, canonicalization: 'mcf' | 'jcs'): Sha256Hex {
  // JCS output is not MCF, so it takes the raw-bytes digest path (D3).
  return canonicalization === 'mcf' ? digestCanonical(mcf(doc)).hex : digestRaw(jcs(doc)).hex;
}
