/**
 * Compliance tensor (compliance.md §1–4, design README D10–D11).
 *
 * - {@link COMPLIANCE_DOMAINS} / {@link ComplianceDomain}: the one definition of the 20 domains.
 * - {@link COMPLIANCE_STATES}, {@link meet}, {@link join}: the state lattice, worst to best.
 * - {@link evaluateTensor}: pure default evaluation of domain facts at an instant into cells.
 * - {@link commitTensor}, {@link proveCell}, {@link verifyCellProof}: the RFC 9162 commitment (D11).
 * - {@link findPath}: manifold path planning (Dijkstra with constraints and max hops).
 * Persistence lives in `src/state` (this layer has no SQL).
 */
export { COMPLIANCE_DOMAINS, ATTESTATION_GATED_DOMAINS, isComplianceDomain, domainIndex, parseComplianceDomain } from './domain.js';
export type { ComplianceDomain } from './domain.js';
export { COMPLIANCE_STATES, isComplianceState, stateRank, meet, join, meetAll, isPassing, parseComplianceState } from './state.js';
export type { ComplianceState } from './state.js';
export { makeCell, compareCellKeys, cellToJson, cellBytes, cellKeyString } from './cell.js';
export type { TensorCell, CellKey } from './cell.js';
export { commitTensor, commitOrderedCells, orderCells, proveCell, verifyCellProof } from './commitment.js';
export type { TensorCommitment, CellInclusionProof } from './commitment.js';
export { LeafHashes, leafHash, nodeHash, splitPoint, rootFromLeafHashes, merkleTreeHash, auditPath, verifyAuditPath } from './merkle.js';
export { evaluateSubject, evaluateTensor } from './evaluate.js';
export type { DomainFact, FactAttestation, TensorSubject } from './evaluate.js';
export { findPath, edgeCost, pathId, DEFAULT_MAX_HOPS } from './manifold.js';
export type { ManifoldGraph, ManifoldJurisdiction, ManifoldCorridor, PathConstraint, PathAsset, PathHop, MigrationPath } from './manifold.js';
