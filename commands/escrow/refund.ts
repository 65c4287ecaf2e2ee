import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { EscrowRecord } from '../../src/state/index.js';

export default class EscrowRefund extends MsezCommand<EscrowRecord> {
  static override summary = 'Refund what an escrow still holds to its depositor (schema arbitration.escrow-refund).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<EscrowRecord> {
    const { args, flags } = await this.parse(EscrowRefund);
    const { refundEscrow } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const e = refundEscrow(db, readInput(args.file), nowOf(flags));
      this.print(`${e.escrow_id} ${e.status} ${e.released}/${e.amount} ${e.currency} released, ${e.remaining} held\n`);
      return e;
    } finally {
      db.close();
    }
  }
}
