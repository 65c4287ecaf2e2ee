import { describe, expect, test } from 'vitest';
import { openDatabase } from './db.js';
import { simulateCorridor, type SimulationReport } from './corridor-simulate.js';
import { exportChain } from './corridor-store.js';
import { verifyChain } from '../corridor/index.js';
import { parseAmount } from '../corridor/index.js';

const run = (o: Parameters<typeof simulateCorridor>[1]): { report: SimulationReport; chainOk: boolean } => {
  const db = openDatabase(':memory:');
  const report = simulateCorridor(db, o);
  const chainOk = verifyChain(JSON.parse(JSON.stringify(exportChain(db, report.corridor_id)))).ok;
  db.close();
  return { report, chainOk };
};

describe('simulate', () => {
  test('same seed ⇒ same final roots; another seed differs', () => {
    const a = run({ parties: 3, receipts: 12, seed: 's1', checkpointEvery: 5 });
    const b = run({ parties: 3, receipts: 12, seed: 's1', checkpointEvery: 5 });
    const c = run({ parties: 3, receipts: 12, seed: 's2', checkpointEvery: 5 });
    expect(a.report).toEqual(b.report);
    expect(c.report.final_state_root).not.toBe(a.report.final_state_root);
    expect(a.chainOk).toBe(true);
    expect(a.report).toMatchObject({ receipt_count: 12, checkpoints: 3, finality_level: 'watcher_quorum', state: 'ACTIVE', forks_injected: 0 });
    for (const cur of a.report.netting.currencies) expect(parseAmount(cur.net, cur.currency) <= parseAmount(cur.gross, cur.currency)).toBe(true);
  });
  test('an injected fork is detected and resolved by the rules (attestations, 300 s rule, future bound)', () => {
    const within = run({ parties: 3, receipts: 8, seed: 'f', forkAt: 3, checkpointEvery: 4 });
    expect(within.report.forks).toHaveLength(1);
    expect(within.report.forks[0]).toMatchObject({ detected: true, reason: 'more_attestations' });
    expect(within.report.forks[0]!.chosen_next_root).toBe(within.report.forks[0]!.honest_next_root);
    expect(within.report.transitions).toEqual(['submit', 'activate', 'halt', 'resume_from_halt']);
    expect(within.chainOk).toBe(true);
    const earlier = run({ parties: 3, receipts: 8, seed: 'f', forkAt: 3, checkpointEvery: 4, clockSkewSeconds: -301 });
    expect(earlier.report.forks[0]).toMatchObject({ detected: true, reason: 'earlier_timestamp' });
    expect(earlier.report.forks[0]!.chosen_next_root).toBe(earlier.report.forks[0]!.rival_next_root);
    expect(earlier.chainOk).toBe(true);
    const future = run({ parties: 3, receipts: 8, seed: 'f', forkAt: 3, checkpointEvery: 4, clockSkewSeconds: 3600 });
    expect(future.report.forks[0]).toMatchObject({ detected: true, reason: 'only_valid_branch' });
  });
  test('an offline watcher lowers the confirmed count', () => {
    const r = run({ parties: 2, receipts: 4, seed: 'w', offlineWatcher: 1, checkpointEvery: 4 });
    expect(r.report.quorum).toEqual({ required: 2, confirmed: 2, met: true });
    const two = run({ parties: 2, receipts: 4, seed: 'w', offlineWatcher: 1, checkpointEvery: 4, watchers: 2 });
    expect(two.report.quorum).toEqual({ required: 2, confirmed: 1, met: false });
    expect(two.report.finality_level).toBe('checkpoint_signed');
  });
});
