import { MsezError, parseJson, type JsonObject } from '../core/index.js';
import {
  buildReceiptInclusionProof,
  evaluateQuorum,
  finalityStatus,
  headCommitment,
  majority,
  parseAttestation,
  verifyReceiptInclusionProof,
  type CorridorState,
  type FinalityLevel,
  type FinalityStatus,
} from '../corridor/index.js';
import { listAnchors } from './corridor-anchors.js';
import type { Database } from './db.js';
import { getCorridor, listAttestations, listCheckpoints, listForks, transitionLog, type ForkRecord, type TransitionLogEntry } from './corridor-store.js';

/**
 * Read-side compositions shared by `msez corridor prove|status` and the HTTP API, so both answer with the
 * same function (spec/corridors.md §5-6). Reads only; no clock: the caller passes the time.
 */

/**
 * `MSEZCorridorReceiptInclusionProof` of receipt `sequence` against the latest checkpoint covering it
 * (receipt_count > sequence), built from the stored next_roots it covers and checked against that
 * checkpoint's MMR before it is returned.
 * @throws MsezError VALIDATION_FAILED (sequence not a non-negative integer), NOT_FOUND (corridor, receipt or
 *   covering checkpoint), CHAIN_BROKEN (the stored receipts no longer match the checkpoint)
 */
export function receiptInclusionProof(db: Database, corridorId: string, sequence: number, generatedAt: string): JsonObject {
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new MsezError('VALIDATION_FAILED', `sequence must be a non-negative integer, got ${String(sequence)}`, { sequence });
  const rec = getCorridor(db, corridorId);
  if (sequence >= rec.receipt_count) throw new MsezError('NOT_FOUND', `corridor ${corridorId} has no receipt ${sequence}`, { corridor_id: corridorId, sequence });
  const row = db.prepare('SELECT body FROM corridor_checkpoint WHERE corridor_id = ? AND receipt_count > ? ORDER BY receipt_count DESC LIMIT 1').get(corridorId, sequence) as { body: string } | undefined;
  if (row === undefined) throw new MsezError('NOT_FOUND', `no checkpoint covers receipt ${sequence}: run msez corridor checkpoint first`, { corridor_id: corridorId, sequence });
  const checkpoint = parseJson(row.body, { file: 'state.db' }).value as JsonObject;
  const count = Number(checkpoint.receipt_count);
  const roots = (db.prepare('SELECT next_root FROM corridor_receipt WHERE corridor_id = ? AND sequence < ? ORDER BY sequence').all(corridorId, count) as { next_root: string }[]).map((r) => r.next_root);
  const proof = buildReceiptInclusionProof(corridorId, roots, sequence, { checkpoint, generated_at: generatedAt });
  const check = verifyReceiptInclusionProof(proof, checkpoint);
  if (!check.ok) throw new MsezError('CHAIN_BROKEN', `stored receipts do not match the checkpoint at ${count}: ${check.reason ?? ''}`, { corridor_id: corridorId, sequence, checkpoint_receipt_count: count });
  return proof;
}

/** One anchor in `evidence.anchors`: the anchor, its confirmations at the observed block, and whether it is final. */
export interface AnchorEvidence {
  readonly anchor: JsonObject;
  readonly observed_block_number: number;
  readonly confirmations: number;
  readonly finality_blocks: number;
  readonly final: boolean;
  readonly recorded_at: string;
}

/** The §3 finality status object with anchors as evidence (FinalityStatus before anchoring is considered). */
export type CorridorFinalityStatus = Omit<FinalityStatus, 'finality_level' | 'evidence'> & {
  readonly finality_level: FinalityLevel;
  readonly evidence: Omit<FinalityStatus['evidence'], 'anchors'> & { anchors: AnchorEvidence[] };
};

/**
 * The finality status object (corridors.md §3) of the corridor head: the latest checkpoint, the K-of-N watcher
 * quorum over the stored attestations (K = `watcher_quorum.required`, default a strict majority), and the recorded
 * anchors of the head commitment. l1_anchored = watcher_quorum reached and one such anchor at its chain's finality
 * depth (levels are cumulative, §3 order).
 * @throws MsezError NOT_FOUND
 */
export function corridorFinality(db: Database, corridorId: string, asOf: string): CorridorFinalityStatus {
  const rec = getCorridor(db, corridorId);
  const head = { corridor_id: corridorId, genesis_root: rec.genesis_root, receipt_count: rec.receipt_count, final_state_root: rec.head, mmr_root: rec.mmr_root };
  const atts = listAttestations(db, corridorId).map((vc) => parseAttestation(vc, rec.config.watchers));
  const required = rec.config.watcher_quorum?.required ?? majority(rec.config.watchers.length);
  const quorum = rec.config.watchers.length > 0 ? evaluateQuorum(atts, headCommitment(head), { required }) : undefined;
  const cp = listCheckpoints(db, corridorId).at(-1);
  const base = finalityStatus({ head, as_of: asOf, ...(cp !== undefined ? { checkpoint: cp } : {}), ...(quorum !== undefined ? { quorum } : {}) });
  const anchors: AnchorEvidence[] = listAnchors(db, corridorId, base.head_commitment_digest_sha256).map((r) => ({
    anchor: r.anchor,
    observed_block_number: r.finality.observed_block_number,
    confirmations: r.finality.confirmations,
    finality_blocks: r.finality.finality_blocks,
    final: r.finality.final,
    recorded_at: r.recorded_at,
  }));
  const anchoredFinal = anchors.some((a) => a.final);
  const warnings = [...base.warnings];
  let level: FinalityLevel = base.finality_level;
  if (anchoredFinal && level === 'watcher_quorum') level = 'l1_anchored';
  else if (anchoredFinal) warnings.push(`head is anchored at finality depth but finality is only ${level}: l1_anchored needs watcher_quorum first`);
  return { ...base, finality_level: level, evidence: { ...base.evidence, anchors }, warnings };
}

export interface CorridorStatus {
  readonly corridor_id: string;
  readonly state: CorridorState;
  readonly since: string;
  readonly genesis_root: string;
  readonly history: TransitionLogEntry[];
  readonly forks: ForkRecord[];
  readonly finality: CorridorFinalityStatus;
}

/** Lifecycle state, transition log, recorded forks and finality (`msez corridor status`). @throws MsezError NOT_FOUND */
export function corridorStatus(db: Database, corridorId: string, asOf: string): CorridorStatus {
  const rec = getCorridor(db, corridorId);
  return {
    corridor_id: corridorId,
    state: rec.state,
    since: rec.state_since,
    genesis_root: rec.genesis_root,
    history: transitionLog(db, corridorId),
    forks: listForks(db, corridorId),
    finality: corridorFinality(db, corridorId, asOf),
  };
}
