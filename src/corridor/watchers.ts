import { MsezError, digestValue, isJsonObject, type JsonObject, type JsonValue } from '../core/index.js';
import { verifyCredential } from '../vc/index.js';
import { didOf } from './receipts.js';
import { checkpointDigest } from './checkpoints.js';
import type { FinalityLevel } from './lifecycle.js';

/** Watchers (corridors.md §6): head commitments, attestation VCs, K-of-N quorum, fork alarms, finality. */

export const WATCHER_ATTESTATION_TYPE = 'MSEZCorridorWatcherAttestationCredential';

export interface HeadInput {
  readonly corridor_id: string;
  readonly genesis_root: string;
  readonly receipt_count: number;
  readonly final_state_root: string;
  readonly mmr_root: string;
}

const norm = (h: string): string => h.trim().toLowerCase();

/** sha256(MCF({corridor_id, genesis_root, receipt_count, final_state_root, mmr_root})), hex trimmed and lowercased. */
export function headCommitment(h: HeadInput): string {
  return digestValue({ corridor_id: h.corridor_id, genesis_root: norm(h.genesis_root), receipt_count: h.receipt_count, final_state_root: norm(h.final_state_root), mmr_root: norm(h.mmr_root) }).hex;
}

/** An unsigned watcher attestation VC over a checkpoint. */
export function watcherAttestationCredential(checkpoint: JsonObject, watcherDid: string, observedAt: string): JsonObject {
  const mmr = checkpoint.mmr as JsonObject;
  const head: HeadInput = {
    corridor_id: String(checkpoint.corridor_id),
    genesis_root: String(checkpoint.genesis_root),
    receipt_count: Number(checkpoint.receipt_count),
    final_state_root: String(checkpoint.final_state_root),
    mmr_root: String(mmr.root),
  };
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', WATCHER_ATTESTATION_TYPE],
    issuer: watcherDid,
    validFrom: observedAt,
    credentialSubject: {
      corridor_id: head.corridor_id,
      observed_at: observedAt,
      genesis_root: head.genesis_root,
      receipt_count: head.receipt_count,
      final_state_root: head.final_state_root,
      mmr_root: head.mmr_root,
      head_commitment_digest_sha256: headCommitment(head),
      checkpoint_digest_sha256: checkpointDigest(checkpoint),
      finality_level: 'checkpoint_signed',
      no_fork_observed: true,
    },
  };
}

export interface Attestation {
  readonly watcher: string;
  readonly corridor_id: string;
  readonly observed_at: string;
  readonly receipt_count: number;
  readonly final_state_root: string;
  readonly head_commitment_digest_sha256: string;
  readonly checkpoint_digest_sha256: string;
}

/**
 * Reads an attestation VC: its proof verifies, its single signer is a registered watcher (D16), the
 * subject has the required fields, and a given head commitment is recomputed.
 * @throws MsezError SIGNATURE_INVALID or SCHEMA_INVALID
 */
export function parseAttestation(vc: JsonValue, registered: readonly string[]): Attestation {
  if (!isJsonObject(vc)) throw new MsezError('SCHEMA_INVALID', 'attestation must be a credential object');
  const types = Array.isArray(vc.type) ? vc.type : [vc.type];
  if (!types.includes(WATCHER_ATTESTATION_TYPE)) throw new MsezError('SCHEMA_INVALID', `attestation type must include ${WATCHER_ATTESTATION_TYPE}`);
  const report = verifyCredential(vc);
  if (!report.ok) throw new MsezError('SIGNATURE_INVALID', 'attestation proof does not verify', { proofs: report.proofs });
  const watcher = report.proofs[0]?.did ?? '';
  if (!registered.map(didOf).includes(watcher)) throw new MsezError('SIGNATURE_INVALID', `attestation signer ${watcher} is not a registered watcher`, { watcher });
  const s = vc.credentialSubject;
  const str = (k: string): string => (isJsonObject(s) && typeof s[k] === 'string' ? (s[k] as string) : '');
  const count = isJsonObject(s) ? s.receipt_count : undefined;
  if (!isJsonObject(s) || typeof count !== 'number' || count < 1 || str('corridor_id') === '' || str('final_state_root') === '' || str('checkpoint_digest_sha256') === '' || str('observed_at') === '') {
    throw new MsezError('SCHEMA_INVALID', 'attestation subject needs corridor_id, observed_at, receipt_count ≥ 1, final_state_root, checkpoint_digest_sha256');
  }
  let head = str('head_commitment_digest_sha256');
  if (typeof s.genesis_root === 'string' && typeof s.mmr_root === 'string') {
    const recomputed = headCommitment({ corridor_id: str('corridor_id'), genesis_root: s.genesis_root, receipt_count: count, final_state_root: str('final_state_root'), mmr_root: s.mmr_root });
    if (head !== '' && head !== recomputed) throw new MsezError('SCHEMA_INVALID', 'head_commitment_digest_sha256 does not match the subject');
    head = recomputed;
  }
  return { watcher, corridor_id: str('corridor_id'), observed_at: str('observed_at'), receipt_count: count, final_state_root: str('final_state_root'), head_commitment_digest_sha256: head, checkpoint_digest_sha256: str('checkpoint_digest_sha256') };
}

export interface QuorumResult {
  readonly head_commitment_digest_sha256: string;
  readonly required_count: number;
  readonly confirmed_count: number;
  readonly quorum_met: boolean;
  readonly watcher_ids: string[];
  readonly fork_alarms: { receipt_count: number; final_state_roots: string[] }[];
  readonly lagging: string[];
  readonly stale_dropped: number;
}

/** Default K for N watchers: a strict majority. */
export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}

/**
 * K-of-N quorum on `head` (corridors.md §6). Stale attestations (older than `maxStalenessSeconds`
 * before `nowEpoch`) are dropped; the same receipt_count with another final_state_root is a fork alarm,
 * which overrides quorum; a lower count is lag. Each watcher counts once.
 */
export function evaluateQuorum(attestations: readonly Attestation[], head: string, opts: { required: number; nowEpoch?: number; maxStalenessSeconds?: number }): QuorumResult {
  const fresh = attestations.filter((a) => opts.maxStalenessSeconds === undefined || opts.nowEpoch === undefined || opts.nowEpoch - Date.parse(a.observed_at) / 1000 <= opts.maxStalenessSeconds);
  const byCount = new Map<number, Set<string>>();
  for (const a of fresh) byCount.set(a.receipt_count, (byCount.get(a.receipt_count) ?? new Set()).add(a.final_state_root));
  const fork_alarms = [...byCount].filter(([, roots]) => roots.size > 1).map(([receipt_count, roots]) => ({ receipt_count, final_state_roots: [...roots].sort() }));
  const confirming = [...new Set(fresh.filter((a) => a.head_commitment_digest_sha256 === head).map((a) => a.watcher))].sort();
  const target = fresh.find((a) => a.head_commitment_digest_sha256 === head)?.receipt_count;
  const lagging = [...new Set(fresh.filter((a) => target !== undefined && a.receipt_count < target && !confirming.includes(a.watcher)).map((a) => a.watcher))].sort();
  return {
    head_commitment_digest_sha256: head,
    required_count: opts.required,
    confirmed_count: confirming.length,
    quorum_met: fork_alarms.length === 0 && confirming.length >= opts.required,
    watcher_ids: confirming,
    fork_alarms,
    lagging,
    stale_dropped: attestations.length - fresh.length,
  };
}

export interface FinalityStatus {
  readonly corridor_id: string;
  readonly as_of: string;
  readonly finality_level: FinalityLevel;
  readonly receipt_count: number;
  readonly final_state_root: string;
  readonly mmr_root?: string;
  readonly head_commitment_digest_sha256: string;
  readonly evidence: {
    checkpoint: { digest_sha256: string; receipt_count: number } | null;
    watcher_quorum: { required_count: number; confirmed_count: number; quorum_met: boolean; watcher_ids: string[] } | null;
    anchors: never[];
    disputes: never[];
  };
  readonly warnings: string[];
}

/**
 * The finality status object (corridors.md §3). Levels reached here: proposed, receipt_signed,
 * checkpoint_signed (a signed checkpoint covers the head), watcher_quorum (quorum on that head).
 * Anchoring and legal recognition are not tracked locally.
 */
export function finalityStatus(input: { head: HeadInput; as_of: string; checkpoint?: JsonObject; quorum?: QuorumResult }): FinalityStatus {
  const { head } = input;
  const hc = headCommitment(head);
  const cpCount = input.checkpoint !== undefined ? Number(input.checkpoint.receipt_count) : 0;
  const warnings: string[] = [];
  let level: FinalityLevel = head.receipt_count > 0 ? 'receipt_signed' : 'proposed';
  if (input.checkpoint !== undefined && cpCount === head.receipt_count) level = 'checkpoint_signed';
  else if (input.checkpoint !== undefined) warnings.push(`latest checkpoint covers ${cpCount} of ${head.receipt_count} receipts`);
  if (level === 'checkpoint_signed' && input.quorum?.quorum_met === true && input.quorum.head_commitment_digest_sha256 === hc) level = 'watcher_quorum';
  for (const f of input.quorum?.fork_alarms ?? []) warnings.push(`fork alarm at receipt_count ${f.receipt_count}`);
  return {
    corridor_id: head.corridor_id,
    as_of: input.as_of,
    finality_level: level,
    receipt_count: head.receipt_count,
    final_state_root: head.final_state_root,
    ...(head.receipt_count > 0 ? { mmr_root: head.mmr_root } : {}),
    head_commitment_digest_sha256: hc,
    evidence: {
      checkpoint: input.checkpoint !== undefined ? { digest_sha256: checkpointDigest(input.checkpoint), receipt_count: cpCount } : null,
      watcher_quorum:
        input.quorum !== undefined
          ? { required_count: input.quorum.required_count, confirmed_count: input.quorum.confirmed_count, quorum_met: input.quorum.quorum_met, watcher_ids: input.quorum.watcher_ids }
          : null,
      anchors: [],
      disputes: [],
    },
    warnings,
  };
}
