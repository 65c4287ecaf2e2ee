import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { Identity } from '../../src/state/index.js';

export default class IdentityLink extends MsezCommand<Identity> {
  static override summary = 'Validate and link a CNIC, NTN or passport to a DID (schema identity.link).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<Identity> {
    const { args, flags } = await this.parse(IdentityLink);
    const { linkIdentifier } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = linkIdentifier(db, readInput(args.file), nowOf(flags));
      this.print(`${r.did} ${r.identifiers.map((i) => `${i.id_type}:${i.value}`).join(' ')}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
