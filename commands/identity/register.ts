import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { Identity } from '../../src/state/index.js';

export default class IdentityRegister extends MsezCommand<Identity> {
  static override summary = 'Register a DID identity with a KYC tier (schema identity.register).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<Identity> {
    const { args, flags } = await this.parse(IdentityRegister);
    const { registerIdentity } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = registerIdentity(db, readInput(args.file), nowOf(flags));
      this.print(`${r.did} ${r.kyc_tier}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
