import { describe, expect, test } from 'vitest';
import { checkpointDigest, parseAttestation, watcherAttestationCredential } from '../corridor/index.js';
import { isMsezError, type JsonObject } from '../core/index.js';
import { signCredential } from '../vc/index.js';
import { expectMsezError } from '../../test/support/vectors.js';
import { corridorFixture } from '../../test/support/corridor-fixture.js';
import { activateCorridor, applyTransition, createCheckpoint, getCorridor, initCorridor, listCheckpoints, listNextRoots, proposeAndAppend, storeAttestation } from './corridor-store.js';
import { corridorFinality } from './corridor-views.js';
import { knownHeadCommitments, listAnchors, recordAnchor } from './corridor-anchors.js';
import { openDatabase } from './db.js';

const T0 = '2026-01-01T00:00:00Z';
const AT = '2026-02-01T00:00:00Z';
const fx = corridorFixture();
const id = fx.config.corridor_id;
const ts = (i: number): string => `2026-01-01T00:01:${String(i).padStart(2, '0')}Z`;
const H = (c: string): string => c.repeat(64);

function corridor(receipts: number) {
  const db = openDatabase(':memory:');
  initCorridor(db, fx.config, T0);
  applyTransition(db, id, 'submit', [fx.definition], T0);
  proposeAndAppend(db, id, { timestamp: ts(0) }, fx.parties);
  activateCorridor(db, id, fx.activation(), T0);
  for (let i = 1; i < receipts; i++) proposeAndAppend(db, id, { timestamp: ts(i) }, fx.parties);
  return db;
}

const anchor = (hc: string, network = 'ethereum', chainId = 1, tx = '1', block = 1000): JsonObject => ({
  head_commitment_digest_sha256: hc,
  chain: { network, chain_id: chainId, tx_hash: `0x${H(tx)}`, block_number: block, block_hash: `0x${H('b')}`, block_timestamp: 1767225600 },
});

function attest(db: ReturnType<typeof corridor>, cp: JsonObject): void {
  const att = signCredential(watcherAttestationCredential(cp, fx.watcher.did, ts(52)), fx.watcher, { suite: 'eddsa-jcs-2022', created: ts(52) });
  const parsed = parseAttestation(att, fx.config.watchers);
  storeAttestation(db, id, parsed.watcher, parsed, att);
}

describe('recordAnchor / listAnchors / corridorFinality l1_anchored (corridors.md §3, §9)', () => {
  test('refuses an anchor of a head commitment the corridor never had', () => {
    const db = corridor(2);
    let rule: unknown;
    try {
      recordAnchor(db, id, anchor(H('f')), 2000, AT);
    } catch (e) {
      if (isMsezError(e)) rule = [e.code, (e.details as JsonObject).rule];
    }
    expect(rule).toEqual(['NOT_FOUND', 'ANCHOR_UNKNOWN_HEAD']);
    expectMsezError(() => recordAnchor(db, 'nope', anchor(H('f')), 2000, AT), 'NOT_FOUND');
    expectMsezError(() => recordAnchor(db, id, { ...anchor(H('f')), extra: 1 }, 2000, AT), 'VALIDATION_FAILED');
    expect(db.prepare('SELECT count(*) AS n FROM corridor_anchor').get()).toEqual({ n: 0 });
  });

  test('changes no root; l1_anchored only with quorum and finality depth, for the current head', () => {
    const db = corridor(3);
    const cp = createCheckpoint(db, id, ts(50), fx.parties);
    const before = { roots: listNextRoots(db, id), mmr: getCorridor(db, id).mmr_root, cps: listCheckpoints(db, id).map(checkpointDigest) };
    const hc = corridorFinality(db, id, AT).head_commitment_digest_sha256;
    expect([...knownHeadCommitments(db, id)]).toEqual([hc]);

    const r = recordAnchor(db, id, anchor(hc), 1010, AT);
    expect(r.finality).toEqual({ network: 'ethereum', observed_block_number: 1010, confirmations: 11, finality_blocks: 64, final: false });
    expect({ roots: listNextRoots(db, id), mmr: getCorridor(db, id).mmr_root, cps: listCheckpoints(db, id).map(checkpointDigest) }).toEqual(before);

    // Not final yet, and no quorum: checkpoint_signed, anchor listed as evidence.
    let f = corridorFinality(db, id, AT);
    expect(f.finality_level).toBe('checkpoint_signed');
    expect(f.evidence.anchors).toEqual([{ anchor: anchor(hc), observed_block_number: 1010, confirmations: 11, finality_blocks: 64, final: false, recorded_at: AT }]);

    // Final at depth, but the quorum is missing: level stays, with a warning (§3 order).
    recordAnchor(db, id, anchor(hc), 1063, AT);
    f = corridorFinality(db, id, AT);
    expect(f.finality_level).toBe('checkpoint_signed');
    expect(f.evidence.anchors[0]).toMatchObject({ confirmations: 64, final: true });
    expect(f.warnings).toHaveLength(1);

    attest(db, cp);
    expect(corridorFinality(db, id, AT).finality_level).toBe('l1_anchored');
    // A lower later observation does not lower the stored one.
    expect(recordAnchor(db, id, anchor(hc), 1020, AT).finality.confirmations).toBe(64);
    // Same tx, different anchor → CONFLICT.
    expectMsezError(() => recordAnchor(db, id, { ...anchor(hc), chain: { ...(anchor(hc).chain as JsonObject), block_number: 999 } }, 1063, AT), 'CONFLICT');
    expect({ roots: listNextRoots(db, id), mmr: getCorridor(db, id).mmr_root, cps: listCheckpoints(db, id).map(checkpointDigest) }).toEqual(before);

    // A new receipt moves the head: the old anchor still lists, but not for the new head.
    proposeAndAppend(db, id, { timestamp: ts(53) }, fx.parties);
    f = corridorFinality(db, id, AT);
    expect(f).toMatchObject({ finality_level: 'receipt_signed', evidence: { anchors: [] } });
    expect(listAnchors(db, id).map((a) => a.anchor.head_commitment_digest_sha256)).toEqual([hc]);
    // The old checkpoint's head commitment is still anchorable (a second chain).
    recordAnchor(db, id, anchor(hc, 'arbitrum', 42161, '3', 5), 5, AT);
    expect(listAnchors(db, id, hc).map((a) => [a.finality.network, a.finality.final])).toEqual([
      ['arbitrum', true],
      ['ethereum', true],
    ]);
  });
});

describe('schemas/corridor.anchor.schema.json agrees with parseAnchor', () => {
  test('accepts valid anchors, refuses what parseAnchor refuses', async () => {
    const { validateAgainst } = await import('../schema/index.js');
    const { parseAnchor } = await import('../corridor/index.js');
    const ok = anchor(H('a'));
    expect(validateAgainst('corridor.anchor', ok)).toEqual([]);
    expect(validateAgainst('corridor.anchor', anchor(H('a'), 'polygon', 137))).toEqual([]);
    const bad: JsonObject[] = [
      { ...ok, extra: 1 },
      anchor(H('a'), 'polygon', 1),
      anchor(H('A')),
      { ...ok, chain: { ...(ok.chain as JsonObject), tx_hash: H('1') } },
      { ...ok, chain: { ...(ok.chain as JsonObject), gas: 1 } },
      { ...ok, chain: { ...(ok.chain as JsonObject), block_number: -1 } },
    ];
    for (const b of bad) {
      expect(validateAgainst('corridor.anchor', b).length).toBeGreaterThan(0);
      expectMsezError(() => parseAnchor(b), 'VALIDATION_FAILED');
    }
  });
});
