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
