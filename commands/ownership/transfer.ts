import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { LedgerEntry } from '../../src/state/index.js';

export default class OwnershipTransfer extends MsezCommand<LedgerEntry> {
  static override summary = 'Transfer shares and compute the capital gain (schema ownership.transfer).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<LedgerEntry> {
    const { args, flags } = await this.parse(OwnershipTransfer);
    const { transferShares } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = transferShares(db, readInput(args.file), nowOf(flags));
      this.print(`${r.from_holder ?? ''} -> ${r.to_holder} ${r.quantity} ${r.class_id}; gain ${r.capital_gain}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
