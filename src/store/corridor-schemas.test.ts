import { describe, expect, test } from 'vitest';
import { validateAgainst } from '../schema/index.js';
import type { JsonValue } from '../core/index.js';
import { openDatabase, simulateCorridor, listReceipts, listCheckpoints } from './index.js';
import { forkResolutionCredential, resolveFork } from '../corridor/index.js';
import { signCredential } from '../vc/index.js';
import { corridorFixture } from '../../test/support/corridor-fixture.js';

const plain = (v: unknown): JsonValue => JSON.parse(JSON.stringify(v));

describe('corridor schemas accept what msez writes and refuse extra fields', () => {
  const db = openDatabase(':memory:');
  const report = simulateCorridor(db, { parties: 2, receipts: 3, seed: 'schema', checkpointEvery: 3 });
  const receipt = listReceipts(db, report.corridor_id)[1]!;
  const checkpoint = listCheckpoints(db, report.corridor_id)[0]!;
  test('receipt', () => {
    expect(validateAgainst('corridor.receipt', plain(receipt))).toEqual([]);
    expect(validateAgainst('corridor.receipt', plain({ ...receipt, extra: 1 })).length).toBeGreaterThan(0);
  });
  test('checkpoint', () => {
    expect(validateAgainst('corridor.checkpoint', plain(checkpoint))).toEqual([]);
    expect(validateAgainst('corridor.checkpoint', plain({ ...checkpoint, receipt_count: 0 })).length).toBeGreaterThan(0);
  });
  test('fork resolution credential', () => {
    const fx = corridorFixture();
    const P = 'a'.repeat(64);
    const res = resolveFork({ corridor_id: 'c', sequence: 1, prev_root: P, next_roots: ['1'.repeat(64), '2'.repeat(64)] }, [
      { next_root: '1'.repeat(64), timestamp: '2026-01-01T00:00:00Z', attestations: [] },
      { next_root: '2'.repeat(64), timestamp: '2026-01-01T00:00:00Z', attestations: [] },
    ], { now: '2026-01-01T00:01:00Z', registered: [] });
    const vc = signCredential(forkResolutionCredential(res, fx.parties[0]!.did), fx.parties[0]!, { suite: 'eddsa-jcs-2022', created: '2026-01-01T00:01:00Z' });
    expect(validateAgainst('corridor.fork-resolution', plain(vc))).toEqual([]);
  });
});
