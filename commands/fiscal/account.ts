import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { FiscalAccount } from '../../src/state/index.js';

export default class FiscalAccountOpen extends MsezCommand<FiscalAccount> {
  static override summary = 'Open a fiscal account with an optional NTN (schema fiscal.account).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<FiscalAccount> {
    const { args, flags } = await this.parse(FiscalAccountOpen);
    const { openAccount } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = openAccount(db, readInput(args.file), nowOf(flags));
      this.print(`${r.account_id} ${r.entity_id} ${r.filer_status}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
