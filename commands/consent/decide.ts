import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { ConsentRequest } from '../../src/state/index.js';

export default class ConsentDecide extends MsezCommand<ConsentRequest> {
  static override summary = 'Record one party\'s approve/reject decision (schema consent.decision).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<ConsentRequest> {
    const { args, flags } = await this.parse(ConsentDecide);
    const { decideConsent } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = decideConsent(db, readInput(args.file), nowOf(flags));
      this.print(`${r.request_id} ${r.status}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
