import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, stateFlags } from '../../cli/compliance.js';
import type { BeneficialOwner, EntityRecord, dissolutionStatus } from '../../src/state/index.js';

type Shown = { entity: EntityRecord; beneficial_owners: BeneficialOwner[]; dissolution: ReturnType<typeof dissolutionStatus> };

export default class EntityShow extends MsezCommand<Shown> {
  static override summary = 'Show an entity, its beneficial owners and its dissolution status.';
  static override args = { entity: Args.string({ description: 'entity id', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<Shown> {
    const { args, flags } = await this.parse(EntityShow);
    const s = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r: Shown = { entity: s.getEntity(db, args.entity), beneficial_owners: s.listBeneficialOwners(db, args.entity), dissolution: s.dissolutionStatus(db, args.entity) };
      this.print(`${r.entity.entity_id} ${r.entity.legal_name} [${r.entity.jurisdiction_id}] ${r.entity.state}${r.entity.halted ? ' HALTED' : ''} v${r.entity.version}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
