import { MsezError, compareCodePoints, isJsonObject, mcf, type JsonObject } from '../core/index.js';
import { fromBase64url, resolveDidKey, toBase64url, verifyEd25519 } from '../crypto/index.js';
import type { SigningKey } from '../vc/index.js';
import { didOf } from './receipts.js';

/** Fork detection and resolution (D8, D16, corridors.md §7). */

export const FORK_ALARM_TYPE = 'MSEZCorridorForkAlarmCredential';
export const FORK_RESOLUTION_TYPE = 'MSEZCorridorForkResolutionCredential';
export const FUTURE_BOUND_SECONDS = 60;
export const TIMESTAMP_WIN_SECONDS = 300;

export interface Fork {
  readonly corridor_id: string;
  readonly sequence: number;
  readonly prev_root: string;
  readonly next_roots: string[];
}

/** Two or more receipts with the same (corridor_id, sequence, prev_root) and different next_root. */
export function detectForks(receipts: readonly JsonObject[]): Fork[] {
  const groups = new Map<string, { c: string; s: number; p: string; roots: Set<string> }>();
  for (const r of receipts) {
    const key = `${String(r.corridor_id)}\u0000${String(r.sequence)}\u0000${String(r.prev_root)}`;
    const g = groups.get(key) ?? { c: String(r.corridor_id), s: Number(r.sequence), p: String(r.prev_root), roots: new Set<string>() };
    g.roots.add(String(r.next_root));
    groups.set(key, g);
  }
  return [...groups.values()]
    .filter((g) => g.roots.size > 1)
    .map((g) => ({ corridor_id: g.c, sequence: g.s, prev_root: g.p, next_roots: [...g.roots].sort(compareCodePoints) }))
    .sort((a, b) => a.sequence - b.sequence);
}

/** A watcher's signed vote for a fork branch (corridors.md §7 step 3). */
export interface BranchAttestation {
  readonly watcher_key: string;
  readonly parent_root: string;
  readonly candidate_root: string;
  readonly height: number;
  readonly timestamp: string;
  /** Unpadded base64url of the 64-byte Ed25519 signature (msez rule). */
  readonly signature: string;
}

function attestationMessage(a: Omit<BranchAttestation, 'signature'>): Uint8Array {
  return mcf({ candidate_root: a.candidate_root, height: a.height, parent_root: a.parent_root, timestamp: a.timestamp, watcher_key: a.watcher_key });
}

export function signBranchAttestation(key: SigningKey, fork: { prev_root: string; sequence: number }, candidateRoot: string, timestamp: string): BranchAttestation {
  const body = { watcher_key: key.did, parent_root: fork.prev_root, candidate_root: candidateRoot, height: fork.sequence, timestamp };
  return { ...body, signature: toBase64url(key.sign(attestationMessage(body))) };
}

/** Does this attestation count for `branch` of `fork`? Registered watcher, right roots and height, valid signature. */
export function attestationCounts(a: unknown, fork: { prev_root: string; sequence: number }, branchRoot: string, registered: readonly string[]): a is BranchAttestation {
  if (!isJsonObject(a)) return false;
  const { watcher_key: wk, parent_root: pr, candidate_root: cr, height, timestamp, signature } = a;
  if (typeof wk !== 'string' || typeof pr !== 'string' || typeof cr !== 'string' || typeof height !== 'number' || typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (!registered.map(didOf).includes(didOf(wk)) || cr !== branchRoot || pr !== fork.prev_root || height !== fork.sequence) return false;
  try {
    const sig = fromBase64url(signature);
    return verifyEd25519(attestationMessage({ watcher_key: wk, parent_root: pr, candidate_root: cr, height, timestamp }), sig, resolveDidKey(wk).publicKey);
  } catch {
    return false;
  }
}

export interface Branch {
  readonly next_root: string;
  readonly timestamp: string;
  readonly attestations: readonly unknown[];
}

export type ResolutionReason = 'only_valid_branch' | 'earlier_timestamp' | 'more_attestations' | 'lexicographic_next_root';

export interface Candidate {
  readonly next_root: string;
  readonly timestamp: string;
  readonly verified_watchers: string[];
  readonly excluded?: 'future_dated' | 'outside_300s_window';
}

export interface ForkResolution {
  readonly corridor_id: string;
  readonly sequence: number;
  readonly prev_root: string;
  readonly chosen_next_root: string;
  readonly resolved_at: string;
  readonly candidates: Candidate[];
  readonly authority_registry_ref: string | null;
  readonly policy_ref: string;
  readonly reason: ResolutionReason;
  readonly equivocating_watchers: string[];
}

const epoch = (t: string): number => {
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) throw new MsezError('VALIDATION_FAILED', `branch timestamp ${JSON.stringify(t)} is not a date-time`);
  return Math.floor(ms / 1000);
};

/**
 * Resolves a fork by D16: drop branches dated after now+60 s; if the earliest remaining is more than
 * 300 s earlier than every other it wins; else, among branches within 300 s of the earliest, the one with
 * most verified distinct registered watchers wins; then the smallest next_root. A watcher with verified
 * attestations on two branches is reported as equivocating.
 * @throws MsezError VALIDATION_FAILED when fewer than one branch survives
 */
export function resolveFork(fork: Fork, branches: readonly Branch[], opts: { now: string; registered: readonly string[]; policy_ref?: string; authority_registry_ref?: string }): ForkResolution {
  const now = epoch(opts.now);
  const cands = branches.map((b) => {
    const watchers = new Set<string>();
    for (const a of b.attestations) if (attestationCounts(a, fork, b.next_root, opts.registered)) watchers.add(didOf((a as BranchAttestation).watcher_key));
    return { next_root: b.next_root, timestamp: b.timestamp, t: epoch(b.timestamp), verified_watchers: [...watchers].sort(compareCodePoints) };
  });
  const live = cands.filter((c) => c.t <= now + FUTURE_BOUND_SECONDS);
  if (live.length === 0) throw new MsezError('VALIDATION_FAILED', 'every fork branch is dated in the future (now + 60 s)', { sequence: fork.sequence });
  const earliest = Math.min(...live.map((c) => c.t));
  const window = live.filter((c) => c.t - earliest <= TIMESTAMP_WIN_SECONDS);
  let chosen: (typeof cands)[number];
  let reason: ResolutionReason;
  const byRoot = (a: { next_root: string }, b: { next_root: string }): number => compareCodePoints(a.next_root, b.next_root);
  if (live.length === 1) [chosen, reason] = [live[0] as (typeof cands)[number], 'only_valid_branch'];
  else if (window.length === 1) [chosen, reason] = [window[0] as (typeof cands)[number], 'earlier_timestamp'];
  else {
    const most = Math.max(...window.map((c) => c.verified_watchers.length));
    const top = window.filter((c) => c.verified_watchers.length === most).sort(byRoot);
    [chosen, reason] = [top[0] as (typeof cands)[number], top.length === 1 ? 'more_attestations' : 'lexicographic_next_root'];
  }
  const seen = new Map<string, number>();
  for (const c of cands) for (const w of c.verified_watchers) seen.set(w, (seen.get(w) ?? 0) + 1);
  return {
    corridor_id: fork.corridor_id,
    sequence: fork.sequence,
    prev_root: fork.prev_root,
    chosen_next_root: chosen.next_root,
    resolved_at: opts.now,
    candidates: cands.map((c) => ({
      next_root: c.next_root,
      timestamp: c.timestamp,
      verified_watchers: c.verified_watchers,
      ...(c.t > now + FUTURE_BOUND_SECONDS ? { excluded: 'future_dated' as const } : !window.includes(c) ? { excluded: 'outside_300s_window' as const } : {}),
    })),
    authority_registry_ref: opts.authority_registry_ref ?? null,
    policy_ref: opts.policy_ref ?? 'msez.corridor.fork-resolution.d16.v1',
    reason,
    equivocating_watchers: [...seen].filter(([, n]) => n > 1).map(([w]) => w).sort(compareCodePoints),
  };
}

function vcShell(type: string, issuer: string, at: string, subject: JsonObject): JsonObject {
  return { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', type], issuer, validFrom: at, credentialSubject: subject };
}

/** Unsigned `MSEZCorridorForkAlarmCredential`. */
export function forkAlarmCredential(fork: Fork, issuer: string, at: string): JsonObject {
  return vcShell(FORK_ALARM_TYPE, issuer, at, { corridor_id: fork.corridor_id, sequence: fork.sequence, prev_root: fork.prev_root, next_roots: [...fork.next_roots], detected_at: at });
}

/** Unsigned `MSEZCorridorForkResolutionCredential` wrapping the resolution artifact. */
export function forkResolutionCredential(r: ForkResolution, issuer: string): JsonObject {
  const subject: JsonObject = {
    corridor_id: r.corridor_id,
    sequence: r.sequence,
    prev_root: r.prev_root,
    chosen_next_root: r.chosen_next_root,
    resolved_at: r.resolved_at,
    candidates: r.candidates.map((c) => ({ ...c, verified_watchers: [...c.verified_watchers] })),
    authority_registry_ref: r.authority_registry_ref,
    policy_ref: r.policy_ref,
    reason: r.reason,
  };
  return vcShell(FORK_RESOLUTION_TYPE, issuer, r.resolved_at, subject);
}
