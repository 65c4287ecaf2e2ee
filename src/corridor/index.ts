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
