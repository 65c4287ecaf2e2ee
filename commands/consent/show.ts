import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, stateFlags } from '../../cli/compliance.js';
import type { ConsentAuditEntry, ConsentRequest } from '../../src/state/index.js';

type Shown = { request: ConsentRequest; audit: ConsentAuditEntry[] };

export default class ConsentShow extends MsezCommand<Shown> {
  static override summary = 'Show a consent request, its decisions and its immutable audit trail.';
  static override args = { request: Args.string({ description: 'request id', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<Shown> {
    const { args, flags } = await this.parse(ConsentShow);
    const { consentAudit, getConsent } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = { request: getConsent(db, args.request), audit: consentAudit(db, args.request) };
      this.print(`${r.request.request_id} ${r.request.kind} ${r.request.status} (${r.request.decisions.length}/${r.request.parties.length} decided)\n`);
      for (const a of r.audit) this.print(`  ${a.at} ${a.entry}${a.actor !== undefined ? ` ${a.actor}` : ''}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
