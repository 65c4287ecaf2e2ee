import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { corridorFlag, dbFlags, openStateDb } from '../../cli/corridor.js';
import { writeFileAtomic, mcf } from '../../src/core/index.js';
import type { ChainExport } from '../../src/corridor/index.js';

export default class CorridorExport extends MsezCommand<ChainExport> {
  static override summary = 'Export the whole chain (config, receipts, checkpoints) as canonical JSON for verify-chain.';
  static override examples = ['<%= config.bin %> corridor export -c org.example.corridor --out chain.json'];
  static override flags = { ...dbFlags, corridor: corridorFlag, out: Flags.string({ summary: 'Write here instead of stdout.' }) };

  async run(): Promise<ChainExport> {
    const { flags } = await this.parse(CorridorExport);
    const db = await openStateDb(flags);
    const { exportChain } = await import('../../src/store/index.js');
    try {
      const exp = exportChain(db, flags.corridor);
      const bytes = mcf(exp);
      if (flags.out !== undefined) writeFileAtomic(flags.out, bytes);
      else this.print(bytes);
      this.note(`${exp.receipts.length} receipt(s), ${exp.checkpoints.length} checkpoint(s)`);
      return exp;
    } finally {
      db.close();
    }
  }
}
