import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { DisputeRecord } from '../../src/state/index.js';

export default class DisputeFile extends MsezCommand<DisputeRecord> {
  static override summary = 'File a dispute (schema arbitration.dispute-file): state FILED, with its evidence digest.';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<DisputeRecord> {
    const { args, flags } = await this.parse(DisputeFile);
    const { fileDispute } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const d = fileDispute(db, readInput(args.file), nowOf(flags));
      this.print(`${d.dispute_id} ${d.dispute_type} ${d.state}\n`);
      return d;
    } finally {
      db.close();
    }
  }
}
