import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { LedgerEntry } from '../../src/state/index.js';

export default class OwnershipIssue extends MsezCommand<LedgerEntry> {
  static override summary = 'Issue shares (schema ownership.issue).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<LedgerEntry> {
    const { args, flags } = await this.parse(OwnershipIssue);
    const { issueShares } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = issueShares(db, readInput(args.file), nowOf(flags));
      this.print(`issued ${r.quantity} ${r.class_id} to ${r.to_holder} for ${r.consideration}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
