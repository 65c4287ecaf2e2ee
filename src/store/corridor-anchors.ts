import { MsezError, parseJson, type JsonObject, type JsonValue } from '../core/index.js';
import { anchorFinality, anchorToJson, headCommitment, parseAnchor, type AnchorFinality, type CorridorAnchor } from '../corridor/index.js';
import type { Database } from './db.js';
import { getCorridor, listCheckpoints, toJsonText } from './corridor-store.js';

/**
 * Recorded corridor anchors (corridors.md §9, spec/corridors.md §14). An anchor is operator-supplied evidence; it
 * changes no root. Recording checks that it names a head commitment this corridor actually had (its current head
 * or a stored checkpoint) and stores the observed block height the operator reports.
 */

export interface AnchorRecord {
  readonly anchor: JsonObject;
  readonly recorded_at: string;
  readonly finality: AnchorFinality;
}

/** Head commitments this corridor has had: every stored checkpoint's, then the current head's. */
export function knownHeadCommitments(db: Database, corridorId: string): Set<string> {
  const rec = getCorridor(db, corridorId);
  const out = new Set<string>();
  for (const cp of listCheckpoints(db, corridorId)) {
    const mmr = cp.mmr as JsonObject;
    out.add(
      headCommitment({
        corridor_id: corridorId,
        genesis_root: String(cp.genesis_root),
        receipt_count: Number(cp.receipt_count),
        final_state_root: String(cp.final_state_root),
        mmr_root: String(mmr.root),
      }),
    );
  }
  out.add(headCommitment({ corridor_id: corridorId, genesis_root: rec.genesis_root, receipt_count: rec.receipt_count, final_state_root: rec.head, mmr_root: rec.mmr_root }));
  return out;
}

/**
 * Validates and records an anchor at the operator-observed block height. Recording the same (network, tx_hash)
 * again with the same anchor updates the observation (never lowering it).
 * @throws MsezError VALIDATION_FAILED (anchor fields, observed block), NOT_FOUND (corridor; or
 *   `details.rule = ANCHOR_UNKNOWN_HEAD`: the head commitment is not one of this corridor's stored heads),
 *   CONFLICT (a different anchor was recorded for that transaction)
 */
export function recordAnchor(db: Database, corridorId: string, anchor: JsonValue, observedBlockNumber: number, at: string): AnchorRecord {
  const a: CorridorAnchor = parseAnchor(anchor);
  const finality = anchorFinality(a, observedBlockNumber);
  if (!knownHeadCommitments(db, corridorId).has(a.head_commitment_digest_sha256)) {
    throw new MsezError('NOT_FOUND', `head commitment ${a.head_commitment_digest_sha256} is not a stored checkpoint or head of corridor ${corridorId}`, {
      rule: 'ANCHOR_UNKNOWN_HEAD',
      corridor_id: corridorId,
      head_commitment_digest_sha256: a.head_commitment_digest_sha256,
    });
  }
  const body = toJsonText(anchorToJson(a));
  const prior = db.prepare('SELECT body, observed_block_number FROM corridor_anchor WHERE corridor_id = ? AND network = ? AND tx_hash = ?').get(corridorId, a.chain.network, a.chain.tx_hash) as
    | { body: string; observed_block_number: number }
    | undefined;
  if (prior !== undefined && prior.body !== body) {
    throw new MsezError('CONFLICT', `a different anchor is already recorded for ${a.chain.network} transaction ${a.chain.tx_hash}`, { corridor_id: corridorId, tx_hash: a.chain.tx_hash });
  }
  if (prior === undefined) {
    db.prepare('INSERT INTO corridor_anchor (corridor_id, head_commitment, network, tx_hash, block_number, observed_block_number, recorded_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      corridorId,
      a.head_commitment_digest_sha256,
      a.chain.network,
      a.chain.tx_hash,
      a.chain.block_number,
      observedBlockNumber,
      at,
      body,
    );
    return { anchor: anchorToJson(a), recorded_at: at, finality };
  }
  const observed = Math.max(prior.observed_block_number, observedBlockNumber);
  db.prepare('UPDATE corridor_anchor SET observed_block_number = ?, recorded_at = ? WHERE corridor_id = ? AND network = ? AND tx_hash = ?').run(observed, at, corridorId, a.chain.network, a.chain.tx_hash);
  return { anchor: anchorToJson(a), recorded_at: at, finality: anchorFinality(a, observed) };
}

/** Recorded anchors of a corridor (optionally only those of one head commitment), by block then tx hash. @throws MsezError NOT_FOUND */
export function listAnchors(db: Database, corridorId: string, headCommitmentHex?: string): AnchorRecord[] {
  getCorridor(db, corridorId);
  const rows = db
    .prepare('SELECT body, observed_block_number, recorded_at, head_commitment FROM corridor_anchor WHERE corridor_id = ? ORDER BY network, block_number, tx_hash')
    .all(corridorId) as { body: string; observed_block_number: number; recorded_at: string; head_commitment: string }[];
  return rows
    .filter((r) => headCommitmentHex === undefined || r.head_commitment === headCommitmentHex)
    .map((r) => {
      const a = parseAnchor(parseJson(r.body, { file: 'state.db' }).value);
      return { anchor: anchorToJson(a), recorded_at: r.recorded_at, finality: anchorFinality(a, r.observed_block_number) };
    });
}
