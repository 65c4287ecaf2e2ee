import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, pageFlags, stateFlags } from '../../cli/compliance.js';
import type { DisputeRecord, Page } from '../../src/state/index.js';

const STATES = ['FILED', 'UNDER_REVIEW', 'EVIDENCE_COLLECTION', 'HEARING', 'DECIDED', 'ENFORCED', 'CLOSED', 'SETTLED', 'DISMISSED'] as const;

export default class DisputeList extends MsezCommand<Page<DisputeRecord>> {
  static override summary = 'List disputes by id (paged).';
  static override flags = { ...stateFlags, ...pageFlags, state: Flags.string({ summary: 'Only disputes in this state.', options: [...STATES] }) };

  async run(): Promise<Page<DisputeRecord>> {
    const { flags } = await this.parse(DisputeList);
    const { listDisputes } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const state = STATES.find((s) => s === flags.state);
      const page = listDisputes(db, { limit: flags.limit, offset: flags.offset, ...(state !== undefined ? { state } : {}) });
      for (const d of page.items) this.print(`${d.dispute_id}\t${d.state}\t${d.dispute_type}\t${d.claimant} v ${d.respondent}\n`);
      return page;
    } finally {
      db.close();
    }
  }
}
