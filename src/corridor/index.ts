export {
  Mmr,
  mmrLeafHash,
  mmrNodeHash,
  mmrSummary,
  peakPlan,
  bagPeaks,
  parseNextRoot,
  parseNextRoots,
  buildInclusionProof,
  verifyInclusionProof,
  buildConsistencyProof,
  verifyConsistencyProof,
} from './mmr.js';
export type { MmrPeak, MmrSummary, MmrPathStep, MmrInclusionProof, MmrConsistencyProof, ProofCheck, PathSide } from './mmr.js';
export { currencyPrecision, parseAmount, formatAmount } from './money.js';
export { net, legId, parseObligations } from './netting.js';
export type { Obligation, NettingLeg, NetPosition, CurrencySummary, NettingResult } from './netting.js';
export {
  buildSettlementPlan,
  parseSettlementCorridors,
  parsePartyDirectory,
  toPacs008,
  deriveUetr,
  PACS008_NAMESPACE,
} from './settlement.js';
export type { SettlementPlan, SettlementLeg, SettlementCorridor, PartyDirectoryEntry } from './settlement.js';
export { findRoute, parseCorridorGraph } from './routing.js';
export type { CorridorEdge, Route } from './routing.js';
export {
  CORRIDOR_STATES,
  FINALITY_LEVELS,
  TRANSITIONS,
  finalityRank,
  parseCorridorState,
  parseFinalityLevel,
  ruleFor,
  acceptsReceipts,
} from './lifecycle.js';
export type { CorridorState, FinalityLevel, Gate, Transition, TransitionKind, TransitionRule, LifecycleVerb } from './lifecycle.js';
export {
  GENESIS_TAG,
  RECEIPT_TYPE,
  DEFAULT_TRANSITION_RULESET,
  sortedSet,
  didOf,
  parseCorridorConfig,
  configToJson,
  genesisRoot,
  computeNextRoot,
  transitionEnvelope,
  proposeReceipt,
  checkSignatures,
  verifyReceipt,
} from './receipts.js';
export type { CorridorConfig, Participant, Threshold, ReceiptCheck, ReceiptFailure } from './receipts.js';
export {
  CHECKPOINT_TYPE,
  INCLUSION_PROOF_TYPE,
  CHAIN_EXPORT_TYPE,
  checkpointDigest,
  buildCheckpoint,
  verifyCheckpoint,
  buildReceiptInclusionProof,
  verifyReceiptInclusionProof,
  makeChainExport,
  verifyChain,
} from './checkpoints.js';
export type { CheckpointCheck, ChainExport, ChainBad, ChainReport } from './checkpoints.js';
export { checkTransitionEvidence, lifecycleTransitionCredential, LIFECYCLE_TRANSITION_TYPE } from './evidence.js';
export type { EvidenceRecord } from './evidence.js';
export {
  WATCHER_ATTESTATION_TYPE,
  headCommitment,
  watcherAttestationCredential,
  parseAttestation,
  evaluateQuorum,
  majority,
  finalityStatus,
} from './watchers.js';
export type { HeadInput, Attestation, QuorumResult, FinalityStatus } from './watchers.js';
export {
  FORK_ALARM_TYPE,
  FORK_RESOLUTION_TYPE,
  FUTURE_BOUND_SECONDS,
  TIMESTAMP_WIN_SECONDS,
  detectForks,
  signBranchAttestation,
  attestationCounts,
  resolveFork,
  forkAlarmCredential,
  forkResolutionCredential,
} from './forks.js';
export type { Fork, Branch, BranchAttestation, Candidate, ForkResolution, ResolutionReason } from './forks.js';
export { slashRateBps, createBond, slash, claimFinal, tenurePoints, reputation, CHALLENGE_WINDOW_SECONDS } from './economy.js';
export type { SlashCondition, Bond, SlashClaim, ReputationTier } from './economy.js';
export { SeededRandom, SimClock, deriveSeed } from './simulate.js';
export { checkCorridorActivation, activationRefusal } from './activation.js';
export type { BindingCheck, BindingIssue, CorridorActivationReport } from './activation.js';
export { CHAINS, CHAIN_NETWORKS, DEFAULT_CHAIN, parseAnchor, anchorToJson, anchorFinality } from './anchors.js';
export type { CorridorAnchor, AnchorChain, ChainNetwork, AnchorRule, AnchorFinality } from './anchors.js';
export { buildSettlementAnchor, settlementAnchorDigest, verifySettlementAnchor, checkpointRef, settlementSide } from './settlement-anchor.js';
export type { ArtifactRef, SettlementSide, SettlementAnchorInput, SettlementAnchorCheck, SettlementAnchorCheckCode, SettlementAnchorReport, SettlementAnchorContext } from './settlement-anchor.js';
export {
  REGISTRY_SNAPSHOT_TAG,
  REGISTRY_ARTIFACT_TYPE,
  buildRegistrySnapshot,
  parseRegistrySnapshot,
  snapshotToJson,
  registrySnapshotDigest,
  buildRegistryLock,
  lockToJson,
  checkEnvelopeAgainstRegistry,
} from './transition-registry.js';
export type { RegistrySnapshot, RegistryLock, RegistryCheck, RegistryFailure, RegistryResolver, TransitionTypeEntry } from './transition-registry.js';
