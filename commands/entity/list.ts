import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, pageFlags, stateFlags } from '../../cli/compliance.js';
import type { EntityRecord, Page } from '../../src/state/index.js';

export default class EntityList extends MsezCommand<Page<EntityRecord>> {
  static override summary = 'List entities (paged).';
  static override flags = { ...stateFlags, ...pageFlags, jurisdiction: Flags.string({ summary: 'Only this jurisdiction.' }) };

  async run(): Promise<Page<EntityRecord>> {
    const { flags } = await this.parse(EntityList);
    const { listEntities } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const page = listEntities(db, { limit: flags.limit, offset: flags.offset, ...(flags.jurisdiction !== undefined ? { jurisdiction_id: flags.jurisdiction } : {}) });
      for (const e of page.items) this.print(`${e.entity_id}\t${e.jurisdiction_id}\t${e.state}${e.halted ? '\tHALTED' : ''}\t${e.legal_name}\n`);
      return page;
    } finally {
      db.close();
    }
  }
}
