import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, stateFlags } from '../../cli/compliance.js';
import type { CapTable } from '../../src/state/index.js';

export default class OwnershipCaptable extends MsezCommand<CapTable> {
  static override summary = 'Show the cap table of an entity (share classes, holders, bps of the class).';
  static override args = { entity: Args.string({ description: 'entity id', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<CapTable> {
    const { args, flags } = await this.parse(OwnershipCaptable);
    const { capTable } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const t = capTable(db, args.entity);
      for (const c of t.classes) {
        this.print(`${c.class_id} ${c.name}: ${c.issued}/${c.authorized} issued\n`);
        for (const h of c.holders) this.print(`  ${h.holder_id}\t${h.quantity}\t${(h.class_bps / 100).toFixed(2)}%\tbasis ${h.cost_basis}\n`);
      }
      return t;
    } finally {
      db.close();
    }
  }
}
