export { openDatabase, migrate, inTransaction } from './db.js';
export type { Database, OpenOptions } from './db.js';
export { ALL_MIGRATIONS } from './migrations/index.js';
export type { Migration } from './migrations/index.js';
export {
  getCorridor,
  listCorridors,
  initCorridor,
  applyTransition,
  activateCorridor,
  transitionLog,
  appendReceipt,
  appendReceipts,
  proposeAndAppend,
  listReceipts,
  listNextRoots,
  createCheckpoint,
  listCheckpoints,
  listForks,
  storeAttestation,
  listAttestations,
  exportChain,
} from './corridor-store.js';
export type { CorridorRecord, TransitionLogEntry, AppendResult, ForkRecord, ActivationOutcome, BatchAppendResult, ReceiptVerifyOptions } from './corridor-store.js';
export { adoptBranch } from './corridor-store.js';
export { simulateCorridor } from './corridor-simulate.js';
export type { SimulationOptions, SimulationEvent, SimulationReport, ForkReport } from './corridor-simulate.js';
export { receiptInclusionProof, corridorFinality, corridorStatus } from './corridor-views.js';
export type { CorridorStatus } from './corridor-views.js';
export { recordAnchor, listAnchors, knownHeadCommitments } from './corridor-anchors.js';
export type { AnchorRecord } from './corridor-anchors.js';
export type { AnchorEvidence, CorridorFinalityStatus } from './corridor-views.js';
