import { describe, expect, test } from 'vitest';
import { signCredential } from '../vc/index.js';
import { expectMsezError } from '../../test/support/vectors.js';
import { corridorFixture } from '../../test/support/corridor-fixture.js';
import { signingKeyFromSeed } from '../vc/index.js';
import { seedOf } from '../../test/support/corridor-fixture.js';
import { detectForks, resolveFork, signBranchAttestation, type Fork } from './forks.js';
import { evaluateQuorum, finalityStatus, headCommitment, parseAttestation, watcherAttestationCredential } from './watchers.js';
import { claimFinal, createBond, reputation, slash } from './economy.js';

const fx = corridorFixture();
const w2 = signingKeyFromSeed(seedOf('w2'));
const w3 = signingKeyFromSeed(seedOf('w3'));
const registered = [fx.watcher.did, w2.did, w3.did];
const P = 'a'.repeat(64);
const A = '1'.repeat(64);
const B = '2'.repeat(64);
const fork: Fork = { corridor_id: 'c', sequence: 4, prev_root: P, next_roots: [A, B] };
const NOW = '2026-01-01T00:10:00Z';

describe('forks (D8, D16)', () => {
  test('detect: same corridor, sequence, prev_root with different next_root', () => {
    const r = (s: number, p: string, n: string) => ({ corridor_id: 'c', sequence: s, prev_root: p, next_root: n });
    expect(detectForks([r(4, P, A), r(4, P, B), r(5, A, B), r(4, B, A)])).toEqual([fork]);
  });
  test('future bound: a branch later than now+60 s is dropped', () => {
    const res = resolveFork(fork, [{ next_root: A, timestamp: '2026-01-01T00:11:01Z', attestations: [] }, { next_root: B, timestamp: '2026-01-01T00:09:00Z', attestations: [] }], { now: NOW, registered });
    expect([res.chosen_next_root, res.reason]).toEqual([B, 'only_valid_branch']);
    expect(res.candidates[0]!.excluded).toBe('future_dated');
  });
  test('300 s rule: strictly more than 300 s earlier wins; exactly 300 s falls through', () => {
    const att = [signBranchAttestation(fx.watcher, fork, B, NOW), signBranchAttestation(w2, fork, B, NOW)];
    const early = resolveFork(fork, [{ next_root: B, timestamp: '2026-01-01T00:05:01Z', attestations: att }, { next_root: A, timestamp: '2026-01-01T00:00:00Z', attestations: [] }], { now: NOW, registered });
    expect([early.chosen_next_root, early.reason]).toEqual([A, 'earlier_timestamp']);
    const exact = resolveFork(fork, [{ next_root: B, timestamp: '2026-01-01T00:05:00Z', attestations: att }, { next_root: A, timestamp: '2026-01-01T00:00:00Z', attestations: [] }], { now: NOW, registered });
    expect([exact.chosen_next_root, exact.reason]).toEqual([B, 'more_attestations']);
  });
  test('only verified, registered, distinct watchers count; forged first entries do not cancel valid ones', () => {
    const good = signBranchAttestation(fx.watcher, fork, B, NOW);
    const forged = { ...good, signature: signBranchAttestation(fx.watcher, fork, A, NOW).signature };
    const outsider = signBranchAttestation(fx.outsider, fork, A, NOW);
    const dupes = [signBranchAttestation(w2, fork, A, NOW), signBranchAttestation(w2, fork, A, '2026-01-01T00:00:01Z')];
    const res = resolveFork(
      fork,
      [
        { next_root: A, timestamp: NOW, attestations: [...dupes, outsider, outsider] },
        { next_root: B, timestamp: NOW, attestations: [forged, good, signBranchAttestation(w3, fork, B, NOW)] },
      ],
      { now: NOW, registered },
    );
    expect(res.candidates.map((c) => c.verified_watchers.length)).toEqual([1, 2]);
    expect(res.chosen_next_root).toBe(B);
  });
  test('tie → lexicographically smaller next_root; equivocation reported', () => {
    const res = resolveFork(
      fork,
      [
        { next_root: B, timestamp: NOW, attestations: [signBranchAttestation(fx.watcher, fork, B, NOW)] },
        { next_root: A, timestamp: NOW, attestations: [signBranchAttestation(fx.watcher, fork, A, NOW)] },
      ],
      { now: NOW, registered },
    );
    expect([res.chosen_next_root, res.reason]).toEqual([A, 'lexicographic_next_root']);
    expect(res.equivocating_watchers).toEqual([fx.watcher.did]);
  });
  test('all branches in the future is refused', () => {
    expectMsezError(() => resolveFork(fork, [{ next_root: A, timestamp: '2027-01-01T00:00:00Z', attestations: [] }], { now: NOW, registered }), 'VALIDATION_FAILED');
  });
});

describe('watchers', () => {
  const cp = {
    type: 'MSEZCorridorStateCheckpoint',
    corridor_id: fx.config.corridor_id,
    timestamp: NOW,
    genesis_root: P,
    final_state_root: A,
    receipt_count: 3,
    lawpack_digest_set: [],
    ruleset_digest_set: [],
    mmr: { type: 'MSEZReceiptMMR', algorithm: 'sha256', size: 3, root: B, peaks: [] },
  };
  const att = (k: typeof w2, c = cp) => parseAttestation(signCredential(watcherAttestationCredential(c, k.did, NOW), k, { suite: 'eddsa-jcs-2022', created: NOW }), registered);
  const head = headCommitment({ corridor_id: fx.config.corridor_id, genesis_root: P, receipt_count: 3, final_state_root: A, mmr_root: B });
  test('head commitment normalises hex', () => {
    expect(headCommitment({ corridor_id: fx.config.corridor_id, genesis_root: ` ${P.toUpperCase()} `, receipt_count: 3, final_state_root: A, mmr_root: B })).toBe(head);
  });
  test('K-of-N quorum, unregistered signer refused, fork alarm overrides quorum', () => {
    const q = evaluateQuorum([att(fx.watcher), att(w2), att(w2)], head, { required: 2 });
    expect(q).toMatchObject({ quorum_met: true, confirmed_count: 2, fork_alarms: [] });
    expectMsezError(() => parseAttestation(signCredential(watcherAttestationCredential(cp, fx.outsider.did, NOW), fx.outsider, { suite: 'eddsa-jcs-2022', created: NOW }), registered), 'SIGNATURE_INVALID');
    const rival = att(w3, { ...cp, final_state_root: B });
    const alarmed = evaluateQuorum([att(fx.watcher), att(w2), rival], head, { required: 2 });
    expect(alarmed.quorum_met).toBe(false);
    expect(alarmed.fork_alarms).toEqual([{ receipt_count: 3, final_state_roots: [A, B] }]);
    const lag = evaluateQuorum([att(fx.watcher), att(w3, { ...cp, receipt_count: 2, final_state_root: P })], head, { required: 1 });
    expect(lag.lagging).toEqual([w3.did]);
    const stale = evaluateQuorum([att(fx.watcher)], head, { required: 1, nowEpoch: Date.parse(NOW) / 1000 + 100, maxStalenessSeconds: 60 });
    expect(stale).toMatchObject({ stale_dropped: 1, quorum_met: false });
  });
  test('finality levels', () => {
    const h = { corridor_id: fx.config.corridor_id, genesis_root: P, receipt_count: 3, final_state_root: A, mmr_root: B };
    expect(finalityStatus({ head: { ...h, receipt_count: 0 }, as_of: NOW }).finality_level).toBe('proposed');
    expect(finalityStatus({ head: h, as_of: NOW }).finality_level).toBe('receipt_signed');
    expect(finalityStatus({ head: h, as_of: NOW, checkpoint: cp }).finality_level).toBe('checkpoint_signed');
    const q = evaluateQuorum([att(fx.watcher), att(w2)], head, { required: 2 });
    expect(finalityStatus({ head: h, as_of: NOW, checkpoint: cp, quorum: q }).finality_level).toBe('watcher_quorum');
  });
});

describe('watcher economy (§8)', () => {
  test('bond cap, slashing rates capped at available collateral, challenge window', () => {
    const bond = createBond('did:key:w', '1000.00', 'USD', 0);
    expect(bond.attestation_cap).toBe('10000.00');
    const a = slash(bond, 'availability_failure', 100);
    expect(a.claim.amount).toBe('10.00');
    const b = slash(a.bond, 'safety_violation', 100);
    expect(b.claim.amount).toBe('750.00');
    const c = slash(b.bond, 'equivocation', 100);
    expect([c.claim.amount, c.bond.available]).toEqual(['240.00', '0.00']);
    expect(slash(bond, 'unknown_thing', 0).claim.rate_bps).toBe(1000);
    expect(slash(bond, 'collusion', 0).bond.banned).toBe(true);
    expect(claimFinal(a.claim, 100 + 7 * 86400 - 1)).toBe(false);
    expect(claimFinal(a.claim, 100 + 7 * 86400)).toBe(true);
  });
  test('reputation and tiers', () => {
    expect(reputation({ availability_pct: 100, accuracy_pct: 100, tenure_days: 1000, slashes: 0 })).toEqual({ score: '92.0', tier: 'trusted' });
    expect(reputation({ availability_pct: 100, accuracy_pct: 100, tenure_days: 1000, slashes: 0 }).tier).toBe('trusted');
    expect(reputation({ availability_pct: 99, accuracy_pct: 99, tenure_days: 10, slashes: 5 })).toEqual({ score: '59.1', tier: 'novice' });
    expect(reputation({ availability_pct: 90, accuracy_pct: 80, tenure_days: 400, slashes: 0 })).toEqual({ score: '77.5', tier: 'standard' });
  });
});
