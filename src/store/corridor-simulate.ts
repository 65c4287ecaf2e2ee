import { MsezError, digestValue, mcf, digestRaw, isMsezError, sha256, toHex, type JsonObject } from '../core/index.js';
import {
  SeededRandom,
  SimClock,
  checkpointDigest,
  deriveSeed,
  detectForks,
  evaluateQuorum,
  finalityStatus,
  forkAlarmCredential,
  forkResolutionCredential,
  formatAmount,
  headCommitment,
  majority,
  net,
  parseAttestation,
  parseCorridorConfig,
  proposeReceipt,
  resolveFork,
  signBranchAttestation,
  transitionEnvelope,
  watcherAttestationCredential,
  type Attestation,
  type FinalityLevel,
  type NettingResult,
  type Obligation,
  type ResolutionReason,
} from '../corridor/index.js';
import {
  buildAgreementCredential,
  buildDefinitionCredential,
  checkActivation,
  credentialPayloadDigest,
  signCredential,
  signingKeyFromSeed,
  type ActivationInput,
  type ActivationReport,
  type SigningKey,
} from '../vc/index.js';
import type { Database } from './db.js';
import {
  activateCorridor,
  adoptBranch,
  appendReceipt,
  applyTransition,
  createCheckpoint,
  exportChain,
  getCorridor,
  initCorridor,
  listForks,
  proposeAndAppend,
  storeAttestation,
} from './corridor-store.js';

/** `msez corridor simulate` (issue 6 item 7): a deterministic multi-party corridor run on SQLite. */

export interface SimulationOptions {
  readonly parties: number;
  readonly receipts: number;
  readonly seed: string;
  readonly watchers?: number;
  readonly checkpointEvery?: number;
  readonly forkAt?: number;
  readonly offlineWatcher?: number;
  readonly clockSkewSeconds?: number;
}

export type SimulationEvent =
  | { readonly kind: 'receipt'; readonly sequence: number }
  | { readonly kind: 'checkpoint'; readonly receipt_count: number }
  | { readonly kind: 'fork'; readonly sequence: number }
  | { readonly kind: 'netting' };

export interface ForkReport {
  readonly sequence: number;
  readonly detected: boolean;
  readonly honest_next_root: string;
  readonly rival_next_root: string;
  readonly chosen_next_root: string;
  readonly reason: ResolutionReason;
  readonly rival_skew_seconds: number;
}

export interface SimulationReport {
  readonly seed: string;
  readonly corridor_id: string;
  readonly parties: number;
  readonly watchers: { total: number; offline: number[] };
  readonly receipt_count: number;
  readonly genesis_root: string;
  readonly final_state_root: string;
  readonly mmr_root: string;
  readonly checkpoints: number;
  readonly last_checkpoint_digest_sha256: string | null;
  readonly finality_level: FinalityLevel;
  readonly quorum: { required: number; confirmed: number; met: boolean } | null;
  readonly forks_injected: number;
  readonly forks: ForkReport[];
  readonly state: string;
  readonly transitions: string[];
  readonly chain_sha256: string;
  readonly netting: Pick<NettingResult, 'currencies' | 'legs'>;
  readonly simulated_end: string;
}

const START_EPOCH = 1_767_225_600; // 2026-01-01T00:00:00Z: fixed, so runs never read the wall clock

function check(cond: boolean, message: string): void {
  if (!cond) throw new MsezError('USAGE', message);
}

/**
 * Runs the simulation into `db` (a fresh database). Same options ⇒ same roots and report: keys come from
 * the seed, time from a simulated clock, choices from a seeded PRNG.
 */
export function simulateCorridor(db: Database, o: SimulationOptions, onEvent: (e: SimulationEvent) => void = () => {}): SimulationReport {
  const nWatchers = o.watchers ?? 3;
  const every = o.checkpointEvery ?? 10;
  check(Number.isSafeInteger(o.parties) && o.parties >= 2 && o.parties <= 64, '--parties must be 2..64');
  check(Number.isSafeInteger(o.receipts) && o.receipts >= 1, '--receipts must be ≥ 1');
  check(nWatchers >= 1 && every >= 1, 'watchers and checkpoint interval must be ≥ 1');
  check(o.forkAt === undefined || (o.forkAt >= 1 && o.forkAt < o.receipts), '--fork-at must be in 1..receipts-1');
  check(o.offlineWatcher === undefined || (o.offlineWatcher >= 0 && o.offlineWatcher < nWatchers), `--offline-watcher must be in 0..${nWatchers - 1}`);
  const rng = new SeededRandom(o.seed);
  const clock = new SimClock(START_EPOCH);
  const parties = Array.from({ length: o.parties }, (_, i) => signingKeyFromSeed(deriveSeed(o.seed, 'party', i)));
  const watchers = Array.from({ length: nWatchers }, (_, i) => signingKeyFromSeed(deriveSeed(o.seed, 'watcher', i)));
  const online = watchers.filter((_, i) => i !== o.offlineWatcher);
  const quorumRequired = majority(nWatchers);
  const hex = (s: string): string => toHex(sha256(new TextEncoder().encode(`${o.seed}:${s}`)));
  const corridorId = `org.momentum.msez.corridor.sim.${hex('id').slice(0, 12)}`;
  const signers = parties.slice(0, majority(o.parties));
  const pkg = simulatedPackage(corridorId, parties, clock.now());
  const config = parseCorridorConfig({
    corridor_id: corridorId,
    definition_payload_sha256: pkg.report.definition_payload_sha256,
    agreement_set_sha256: pkg.report.agreement_set_sha256,
    lawpack_digest_set: [hex('lawpack')],
    ruleset_digest_set: [hex('ruleset.transition'), hex('ruleset.verification')],
    participants: parties.map((k) => ({ id: k.did, role: 'zone_authority' })),
    receipt_signing: { thresholds: [{ role: 'zone_authority', required: majority(o.parties) }] },
    watchers: watchers.map((w) => w.did),
    watcher_quorum: { required: quorumRequired },
  });
  const sign = (doc: JsonObject, keys: readonly SigningKey[], at: string): JsonObject => keys.reduce((d, k) => signCredential(d, k, { suite: 'eddsa-jcs-2022', created: at }), doc);

  initCorridor(db, config, clock.now());
  applyTransition(db, corridorId, 'submit', [pkg.input.definition.vc], clock.now());

  const obligations: Obligation[] = [];
  const seenObligations = new Set<string>();
  const currencies = ['USD', 'EUR', 'PKR', 'AED'];
  const transfer = (): JsonObject => {
    for (;;) {
      const from = rng.int(0, o.parties - 1);
      let to = rng.int(0, o.parties - 2);
      if (to >= from) to++;
      const currency = rng.pick(currencies);
      const amount = formatAmount(BigInt(rng.int(1, 10_000_000)), currency);
      const ob: Obligation = { debtor_party_id: `party-${from}`, creditor_party_id: `party-${to}`, amount, currency };
      const key = `${ob.debtor_party_id}|${ob.creditor_party_id}|${amount}|${currency}`;
      if (seenObligations.has(key)) continue; // duplicates are refused by netting (D9)
      seenObligations.add(key);
      obligations.push(ob);
      return { from: ob.debtor_party_id, to: ob.creditor_party_id, amount, currency };
    }
  };

  let checkpoints = 0;
  let lastCheckpoint: JsonObject | undefined;
  let attestations: Attestation[] = [];
  const forks: ForkReport[] = [];
  for (let seq = 0; seq < o.receipts; seq++) {
    const ts = clock.advance(rng.int(1, 30));
    const payload = transfer();
    proposeAndAppend(db, corridorId, { timestamp: ts, transition: transitionEnvelope('transfer', payload) }, signers);
    onEvent({ kind: 'receipt', sequence: seq });
    if (seq === 0) activateCorridor(db, corridorId, pkg.input, ts);
    if (seq === o.forkAt) forks.push(injectFork(seq, ts));
    const count = seq + 1;
    if (count % every === 0 || count === o.receipts) {
      const cpAt = clock.advance(1);
      lastCheckpoint = createCheckpoint(db, corridorId, cpAt, signers);
      checkpoints++;
      attestations = online.map((w) => {
        const att = signCredential(watcherAttestationCredential(lastCheckpoint as JsonObject, w.did, cpAt), w, { suite: 'eddsa-jcs-2022', created: cpAt });
        const parsed = parseAttestation(att, config.watchers);
        storeAttestation(db, corridorId, parsed.watcher, parsed, att);
        return parsed;
      });
      onEvent({ kind: 'checkpoint', receipt_count: count });
    }
  }

  function injectFork(seq: number, honestTs: string): ForkReport {
    const rec = getCorridor(db, corridorId);
    const prevRoot = String(exportChain(db, corridorId).receipts[seq]?.prev_root);
    const honest = rec.head;
    const skew = o.clockSkewSeconds ?? 0;
    const rivalTs = new SimClock(Date.parse(honestTs) / 1000).at(skew);
    const rival = sign(proposeReceipt(config, { sequence: seq, prev_root: prevRoot, timestamp: rivalTs, transition: transitionEnvelope('transfer', { from: 'party-0', to: 'party-1', amount: '0.01', currency: 'USD', rival: true }) }), signers.slice().reverse(), rivalTs);
    let detected = false;
    try {
      appendReceipt(db, corridorId, rival, honestTs);
    } catch (err) {
      if (!isMsezError(err, 'FORK_DETECTED')) throw err;
      detected = true;
    }
    const fork = listForks(db, corridorId).find((f) => f.sequence === seq);
    detected = detected && fork !== undefined && detectForks([exportChain(db, corridorId).receipts[seq] as JsonObject, rival]).length === 1;
    const now = clock.advance(1);
    const alarmer = online[0] as SigningKey;
    const alarm = sign(forkAlarmCredential({ corridor_id: corridorId, sequence: seq, prev_root: prevRoot, next_roots: [honest, String(rival.next_root)] }, alarmer.did, now), [alarmer], now);
    applyTransition(db, corridorId, 'halt', [alarm], now);
    // Online watchers saw the honest receipt first and attest to it.
    const branchAtts = online.map((w) => signBranchAttestation(w, { prev_root: prevRoot, sequence: seq }, honest, now));
    const resolution = resolveFork(
      { corridor_id: corridorId, sequence: seq, prev_root: prevRoot, next_roots: [honest, String(rival.next_root)] },
      [
        { next_root: honest, timestamp: honestTs, attestations: branchAtts },
        { next_root: String(rival.next_root), timestamp: rivalTs, attestations: [] },
      ],
      { now, registered: config.watchers },
    );
    if (resolution.chosen_next_root !== honest) adoptBranch(db, corridorId, rival);
    const resolutionVc = sign(forkResolutionCredential(resolution, signers[0]?.did ?? ''), signers, now);
    applyTransition(db, corridorId, 'resume', [resolutionVc], now);
    onEvent({ kind: 'fork', sequence: seq });
    return { sequence: seq, detected, honest_next_root: honest, rival_next_root: String(rival.next_root), chosen_next_root: resolution.chosen_next_root, reason: resolution.reason, rival_skew_seconds: skew };
  }

  onEvent({ kind: 'netting' });
  const netting = net(obligations);
  const rec = getCorridor(db, corridorId);
  const head = { corridor_id: corridorId, genesis_root: rec.genesis_root, receipt_count: rec.receipt_count, final_state_root: rec.head, mmr_root: rec.mmr_root };
  const quorum = lastCheckpoint !== undefined ? evaluateQuorum(attestations, headCommitment(head), { required: quorumRequired }) : undefined;
  const finality = finalityStatus({ head, as_of: clock.now(), ...(lastCheckpoint !== undefined ? { checkpoint: lastCheckpoint } : {}), ...(quorum !== undefined ? { quorum } : {}) });
  const chain = exportChain(db, corridorId);
  for (const k of [...parties, ...watchers]) k.dispose();
  return {
    seed: o.seed,
    corridor_id: corridorId,
    parties: o.parties,
    watchers: { total: nWatchers, offline: o.offlineWatcher !== undefined ? [o.offlineWatcher] : [] },
    receipt_count: rec.receipt_count,
    genesis_root: rec.genesis_root,
    final_state_root: rec.head,
    mmr_root: rec.mmr_root,
    checkpoints,
    last_checkpoint_digest_sha256: lastCheckpoint !== undefined ? checkpointDigest(lastCheckpoint) : null,
    finality_level: finality.finality_level,
    quorum: quorum !== undefined ? { required: quorum.required_count, confirmed: quorum.confirmed_count, met: quorum.quorum_met } : null,
    forks_injected: o.forkAt !== undefined ? 1 : 0,
    forks,
    state: rec.state,
    transitions: db.prepare('SELECT kind FROM corridor_transition WHERE corridor_id = ? ORDER BY seq').all(corridorId).map((r) => (r as { kind: string }).kind),
    chain_sha256: digestValue(chain).hex,
    netting: { currencies: netting.currencies, legs: netting.legs },
    simulated_end: clock.now(),
  };
}

/**
 * The simulated corridor package: a definition VC signed by party 0 pinning the digests of the simulated
 * corridor manifest, trust anchors and key-rotation policy (MCF bytes of those objects), and one
 * party-specific agreement per party (all parties must agree; receipts need a majority). Every party is a
 * trust anchor allowed corridor_definition and corridor_agreement.
 */
function simulatedPackage(corridorId: string, parties: readonly SigningKey[], at: string): { input: ActivationInput; report: ActivationReport } {
  const participants: JsonObject[] = parties.map((k) => ({ id: k.did, role: 'zone_authority' }));
  const corridor: JsonObject = { corridor_id: corridorId, participants: parties.map((k) => k.did) };
  const trustAnchors = parties.map((k, i) => ({ anchor_id: `party-${i}`, type: 'did' as const, identifier: k.did, allowed_attestations: ['corridor_definition', 'corridor_agreement'] }));
  const keyRotation: JsonObject = { policy: { rotation_days: 90, grace_days: 7, max_key_age_days: 365, revocation: { method: 'manual', uri: 'none' } } };
  const artifactDigests = {
    corridor_manifest: digestRaw(mcf(corridor)).hex,
    trust_anchors: digestRaw(mcf({ version: 1, trust_anchors: trustAnchors })).hex,
    key_rotation: digestRaw(mcf(keyRotation)).hex,
  };
  const pin = (d: string): JsonObject => ({ artifact_type: 'blob', digest_sha256: d });
  const owner = parties[0] as SigningKey;
  const definition = signCredential(
    buildDefinitionCredential({
      id: `urn:msez:${corridorId}:definition`,
      issuer: owner.did,
      issuanceDate: at,
      subject: {
        corridor_id: corridorId,
        ruleset: 'msez.corridor.state-transition.v2',
        artifacts: { corridor_manifest: pin(artifactDigests.corridor_manifest), trust_anchors: pin(artifactDigests.trust_anchors), key_rotation: pin(artifactDigests.key_rotation) },
      },
    }),
    owner,
    { suite: 'eddsa-jcs-2022', created: at },
  );
  const defPayload = credentialPayloadDigest(definition);
  const agreements = parties.map((k, i) =>
    signCredential(
      buildAgreementCredential({
        id: `urn:msez:${corridorId}:agreement:${i}`,
        issuer: k.did,
        issuanceDate: at,
        subject: {
          corridor_id: corridorId,
          definition_payload_sha256: defPayload,
          participants,
          activation: { thresholds: [{ role: 'zone_authority', required: parties.length, of: parties.length }], accept_commitments: ['agree'] },
          state_channel: { receipt_signing: { thresholds: [{ role: 'zone_authority', required: majority(parties.length) }] } },
          party: { id: k.did, role: 'zone_authority' },
          commitment: 'agree',
        },
      }),
      k,
      { suite: 'eddsa-jcs-2022', created: at },
    ),
  );
  const input: ActivationInput = {
    corridor,
    definition: { name: 'simulated definition', vc: definition },
    agreements: agreements.map((vc, i) => ({ name: `simulated agreement ${i}`, vc })),
    trustAnchors,
    artifactDigests,
  };
  return { input, report: checkActivation(input) };
}
