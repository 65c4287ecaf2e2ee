import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { BeneficialOwner } from '../../src/state/index.js';

export default class EntityOwner extends MsezCommand<BeneficialOwner> {
  static override summary = 'Record a beneficial owner (schema entity.beneficial-owner).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<BeneficialOwner> {
    const { args, flags } = await this.parse(EntityOwner);
    const { addBeneficialOwner } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = addBeneficialOwner(db, readInput(args.file), nowOf(flags));
      this.print(`${r.entity_id} ${r.owner_id} ${r.ownership_bps} bps\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
