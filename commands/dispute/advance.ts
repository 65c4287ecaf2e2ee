import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, stateFlags } from '../../cli/compliance.js';
import type { DisputeRecord } from '../../src/state/index.js';

export default class DisputeAdvance extends MsezCommand<DisputeRecord> {
  static override summary = 'Move a dispute one step (FILED → UNDER_REVIEW → … → CLOSED, SETTLED, DISMISSED); every step carries an evidence digest.';
  static override args = {
    dispute: Args.string({ description: 'dispute id (disp-YYYY-n)', required: true, ignoreStdin: true }),
    to: Args.string({ description: 'next state', required: true, ignoreStdin: true }),
  };
  static override flags = { ...stateFlags, evidence: Flags.string({ summary: 'Evidence digest of this step (64 hex).', required: true }) };

  async run(): Promise<DisputeRecord> {
    const { args, flags } = await this.parse(DisputeAdvance);
    const { advanceDispute } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const d = advanceDispute(db, { dispute_id: args.dispute, to: args.to, evidence_digest: flags.evidence }, nowOf(flags));
      this.print(`${d.dispute_id} ${d.history.at(-1)?.from ?? ''} -> ${d.state}\n`);
      return d;
    } finally {
      db.close();
    }
  }
}
