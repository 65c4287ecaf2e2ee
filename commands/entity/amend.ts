import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { EntityRecord } from '../../src/state/index.js';

export default class EntityAmend extends MsezCommand<EntityRecord> {
  static override summary = 'Amend an entity (schema entity.amend); the previous version stays in its history.';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<EntityRecord> {
    const { args, flags } = await this.parse(EntityAmend);
    const { amendEntity } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = amendEntity(db, readInput(args.file), nowOf(flags));
      this.print(`${r.entity_id} v${r.version}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
