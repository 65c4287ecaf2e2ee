import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { ShareClass } from '../../src/state/index.js';

export default class OwnershipClass extends MsezCommand<ShareClass> {
  static override summary = 'Create a share class (schema ownership.share-class).';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<ShareClass> {
    const { args, flags } = await this.parse(OwnershipClass);
    const { createShareClass } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = createShareClass(db, readInput(args.file));
      this.print(`${r.entity_id}/${r.class_id} authorized ${r.authorized}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
