import { Flags } from '@oclif/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MsezCommand } from '../../cli/base.js';
import { progressMode, progressReporter } from '../../cli/simulate-progress.js';
import { MsezError } from '../../src/core/index.js';
import type { SimulationReport } from '../../src/store/index.js';

export default class CorridorSimulate extends MsezCommand<SimulationReport> {
  static override summary = 'Deterministic multi-party corridor run on SQLite: receipts, checkpoints, watchers, injected forks, netting.';
  static override description = 'Keys, time and choices derive from --seed: the same flags give the same final roots. Progress goes to stderr: a redrawn bar on a terminal, plain lines (no control characters) without one or under NO_COLOR, nothing under --json.';
  static override examples = ['<%= config.bin %> corridor simulate --parties 3 --receipts 100 --seed demo --fork-at 40 --json'];
  static override flags = {
    parties: Flags.integer({ summary: 'Number of parties (2..64).', required: true, min: 2, max: 64 }),
    receipts: Flags.integer({ summary: 'Number of receipts.', required: true, min: 1 }),
    seed: Flags.string({ summary: 'Run seed.', required: true }),
    watchers: Flags.integer({ summary: 'Number of watchers (default 3).', min: 1, default: 3 }),
    'checkpoint-every': Flags.integer({ summary: 'Checkpoint every C receipts (default 10).', min: 1, default: 10 }),
    'fork-at': Flags.integer({ summary: 'Inject a signed rival receipt at this sequence.', min: 1 }),
    'offline-watcher': Flags.integer({ summary: 'Index of a watcher that never attests.', min: 0 }),
    'clock-skew': Flags.integer({ summary: 'Seconds the rival branch timestamp is skewed from the honest one.', default: 0 }),
    db: Flags.string({ summary: 'SQLite file to run on (default: a temporary file, removed afterwards).' }),
  };

  async run(): Promise<SimulationReport> {
    const { flags } = await this.parse(CorridorSimulate);
    const { openDatabase, simulateCorridor } = await import('../../src/store/index.js');
    const tmp = flags.db === undefined ? mkdtempSync(join(tmpdir(), 'msez-sim-')) : undefined;
    const path = flags.db !== undefined ? resolve(flags.db) : join(tmp as string, 'state.db');
    const db = openDatabase(path);
    const progress = progressReporter(progressMode({ json: this.jsonEnabled(), isTTY: process.stderr.isTTY === true, env: process.env }), flags.receipts, (t) => process.stderr.write(t));
    try {
      if ((db.prepare('SELECT COUNT(*) AS n FROM corridor').get() as { n: number }).n > 0) throw new MsezError('CONFLICT', `${path} already holds corridors: simulate needs a fresh database`);
      const report = simulateCorridor(
        db,
        {
          parties: flags.parties,
          receipts: flags.receipts,
          seed: flags.seed,
          watchers: flags.watchers,
          checkpointEvery: flags['checkpoint-every'],
          clockSkewSeconds: flags['clock-skew'],
          ...(flags['fork-at'] !== undefined ? { forkAt: flags['fork-at'] } : {}),
          ...(flags['offline-watcher'] !== undefined ? { offlineWatcher: flags['offline-watcher'] } : {}),
        },
        progress,
      );
      this.print(summary(report));
      return report;
    } finally {
      db.close();
      if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
    }
  }
}

function summary(r: SimulationReport): string {
  const lines = [
    `corridor ${r.corridor_id} (seed ${r.seed}): ${r.state}, ${r.receipt_count} receipts, ${r.checkpoints} checkpoint(s)`,
    `  genesis_root     ${r.genesis_root}`,
    `  final_state_root ${r.final_state_root}`,
    `  mmr_root         ${r.mmr_root}`,
    `  finality         ${r.finality_level}${r.quorum !== null ? ` (watchers ${r.quorum.confirmed}/${r.quorum.required} required, offline: ${r.watchers.offline.join(',') || 'none'})` : ''}`,
    ...r.forks.map((f) => `  fork at ${f.sequence}: ${f.detected ? 'detected' : 'MISSED'}, chose ${f.chosen_next_root === f.honest_next_root ? 'honest' : 'rival'} branch (${f.reason})`),
    ...r.netting.currencies.map((c) => `  netting ${c.currency}: gross ${c.gross} -> net ${c.net} (${c.reduction_bps} bps saved, ${c.leg_count} legs)`),
    `  lifecycle        ${r.transitions.join(' -> ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
