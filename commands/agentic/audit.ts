import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, pageFlags, stateFlags } from '../../cli/compliance.js';
import type { AuditEntry } from '../../src/agentic/index.js';
import type { Page } from '../../src/state/index.js';

export default class AgenticAudit extends MsezCommand<Page<AuditEntry>> {
  static override summary = 'Print the append-only agentic audit trail (paged).';
  static override flags = { ...stateFlags, ...pageFlags, asset: Flags.string({ summary: 'Only entries about this asset.' }) };

  async run(): Promise<Page<AuditEntry>> {
    const { flags } = await this.parse(AgenticAudit);
    const { listAudit } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const page = listAudit(db, { limit: flags.limit, offset: flags.offset, ...(flags.asset !== undefined ? { asset_id: flags.asset } : {}) });
      for (const e of page.items) this.print(`${e.entry_id}\t${e.timestamp}\t${e.entry_type}\t${e.asset_id ?? ''}\t${e.correlation_id ?? ''}\n`);
      return page;
    } finally {
      db.close();
    }
  }
}
