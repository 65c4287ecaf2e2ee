import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { ConsentRequest } from '../../src/state/index.js';

export default class ConsentRequestCreate extends MsezCommand<ConsentRequest> {
  static override summary = 'Create a consent request: unanimity, quorum (K of N) or dual control (schema consent.request).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<ConsentRequest> {
    const { args, flags } = await this.parse(ConsentRequestCreate);
    const { createConsentRequest } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = createConsentRequest(db, readInput(args.file), nowOf(flags));
      this.print(`${r.request_id} ${r.kind} ${r.status}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
