import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, stateFlags } from '../../cli/compliance.js';
import type { DisputeDetail } from '../../src/state/index.js';

export default class DisputeShow extends MsezCommand<DisputeDetail> {
  static override summary = 'Show a dispute, its transition log, evidence packages, escrows and enforcement receipts.';
  static override args = { dispute: Args.string({ description: 'dispute id (disp-YYYY-n)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<DisputeDetail> {
    const { args, flags } = await this.parse(DisputeShow);
    const { disputeDetail } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const r = disputeDetail(db, args.dispute);
      const d = r.dispute;
      this.print(`${d.dispute_id} ${d.dispute_type} ${d.state} (${d.claimant} v ${d.respondent}, filed ${d.filed_at})\n`);
      for (const h of d.history) this.print(`  ${h.at} ${h.from} -> ${h.to} evidence=${h.evidence_digest}\n`);
      for (const e of r.evidence) this.print(`  evidence ${e.evidence_package_id} by ${e.submitting_party} sha256=${e.package_sha256}\n`);
      for (const e of r.escrows) this.print(`  escrow ${e.escrow_id} ${e.escrow_type} ${e.status} ${e.amount} ${e.currency} (released ${e.released})\n`);
      for (const e of r.enforcement) this.print(`  enforcement ${e.enforcement_id} ${e.enforcement_method} ${e.success ? 'ok' : 'failed'}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
