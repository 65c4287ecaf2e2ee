import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { EntityRecord } from '../../src/state/index.js';

export default class EntityForm extends MsezCommand<EntityRecord> {
  static override summary = 'Form an entity (state APPLIED) from a JSON/YAML file (schema entity.form).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<EntityRecord> {
    const { args, flags } = await this.parse(EntityForm);
    const { formEntity } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = formEntity(db, readInput(args.file), nowOf(flags));
      this.print(`${r.entity_id} ${r.state} v${r.version}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
