import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, stateFlags } from '../../cli/compliance.js';
import type { Identity } from '../../src/state/index.js';

export default class IdentityShow extends MsezCommand<Identity> {
  static override summary = 'Show a DID identity with its KYC tier and linked identifiers.';
  static override args = { did: Args.string({ description: 'DID', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<Identity> {
    const { args, flags } = await this.parse(IdentityShow);
    const { getIdentity } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = getIdentity(db, args.did);
      this.print(`${r.did} ${r.kyc_tier}${r.entity_id !== undefined ? ` entity ${r.entity_id}` : ''} ${r.identifiers.map((i) => `${i.id_type}:${i.value}`).join(' ')}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
