import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { corridorFlag, dbFlags, openStateDb } from '../../cli/corridor.js';
import { resolveNow } from '../../cli/workspace.js';
import type { CorridorStatus } from '../../src/store/index.js';

export default class CorridorStatusCommand extends MsezCommand<CorridorStatus> {
  static override summary = 'Lifecycle state, transition log, open forks and the finality status object of a corridor.';
  static override examples = ['<%= config.bin %> corridor status -c org.example.corridor --json'];
  static override flags = { ...dbFlags, corridor: corridorFlag, at: Flags.string({ summary: 'as_of time (default: SOURCE_DATE_EPOCH or now).' }) };

  async run(): Promise<CorridorStatus> {
    const { flags } = await this.parse(CorridorStatusCommand);
    const db = await openStateDb(flags);
    const { corridorStatus } = await import('../../src/store/index.js');
    try {
      const s = corridorStatus(db, flags.corridor, resolveNow(flags.at));
      this.print(`${flags.corridor}: ${s.state} since ${s.since}; ${s.finality.receipt_count} receipt(s), finality ${s.finality.finality_level}, ${s.forks.length} fork(s)\n`);
      return s;
    } finally {
      db.close();
    }
  }
}
