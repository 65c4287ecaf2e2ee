/**
 * Verifiable credentials (D6, crypto.md §4-6): the two proof suites, co-signing, offline verification,
 * and the key-file API re-exported for callers above this layer.
 */
export {
  signCredential,
  createProof,
  attachProof,
  proofsOf,
  verifyCredential,
  verifyDetachedProof,
  credentialPayloadDigest,
  unsecuredDocument,
  msezSigningInput,
  jcsProofConfig,
  jcsHashData,
  PROOF_SUITES,
  MSEZ_PROOF_TYPE,
  DI_PROOF_TYPE,
  JCS_CRYPTOSUITE,
  ASSERTION_METHOD,
} from './proof.js';
export type { ProofSuite, SignOptions, ProofFailure, ProofResult, VcReport, VerifyOptions } from './proof.js';
export { jcs } from './jcs.js';
export { loadKeyFile, signingKeyFromSeed } from '../crypto/index.js';
export type { SigningKey } from '../crypto/index.js';
export {
  buildSigningRequest,
  parseSigningRequest,
  previewSigningRequest,
  applySigningRequest,
  attachDetachedProof,
  SIGNING_REQUEST_TYPE,
  DETACHED_PROOF_TYPE,
} from './signing-request.js';
export type { SigningRequest, SigningPreview } from './signing-request.js';
export { parseTrustAnchors, allowedDids, stripFragment, ATTESTATIONS } from './trust.js';
export type { TrustAnchor, Attestation } from './trust.js';
export {
  checkActivation,
  buildDefinitionCredential,
  buildAgreementCredential,
  agreementSetDigest,
  underlyingDigest,
  DEFINITION_TYPE,
  AGREEMENT_TYPE,
  AUTHORITY_REGISTRY_TYPE,
  MAX_REGISTRY_DEPTH,
} from './corridor-agreement.js';
export type {
  ActivationInput,
  ActivationReport,
  ActivationIssue,
  ActivationCheck,
  ThresholdStatus,
  NamedVc,
  DefinitionSubject,
  AgreementSubject,
} from './corridor-agreement.js';
export { readCorridorPackage } from './corridor-files.js';
