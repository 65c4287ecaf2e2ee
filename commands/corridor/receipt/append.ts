import { Args } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { corridorFlag, dbFlags, openStateDb, registryResolver } from '../../../cli/corridor.js';
import { resolveNow } from '../../../cli/workspace.js';
import { readDataFile } from '../../../src/core/index.js';
import type { AppendResult } from '../../../src/store/index.js';

export default class CorridorReceiptAppend extends MsezCommand<AppendResult> {
  static override summary = 'Append a signed receipt (linkage, next_root, signatures and thresholds checked in one transaction).';
  static override description = 'Exit 1 with CHAIN_BROKEN, SIGNATURE_INVALID, THRESHOLD_NOT_MET or FORK_DETECTED (the fork is recorded).';
  static override examples = ['<%= config.bin %> corridor receipt append r.json -c org.example.corridor'];
  static override args = { file: Args.string({ description: 'signed receipt JSON', required: true, ignoreStdin: true }) };
  static override flags = { ...dbFlags, corridor: corridorFlag };

  async run(): Promise<AppendResult> {
    const { args, flags } = await this.parse(CorridorReceiptAppend);
    const receipt = readDataFile(args.file).value;
    const db = await openStateDb(flags);
    const { appendReceipt } = await import('../../../src/store/index.js');
    try {
      const r = appendReceipt(db, flags.corridor, receipt, resolveNow(), { registry: registryResolver(flags) });
      this.print(`appended receipt ${r.sequence}: head ${r.next_root}, mmr_root ${r.mmr_root}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
