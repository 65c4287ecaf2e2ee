import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import type { EvidenceRecord } from '../../src/state/index.js';

export default class DisputeEvidence extends MsezCommand<EvidenceRecord> {
  static override summary = 'Add an evidence package to an open dispute (schema arbitration.evidence); prints its digest.';
  static override args = { file: Args.string({ description: 'evidence package (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<EvidenceRecord> {
    const { args, flags } = await this.parse(DisputeEvidence);
    const { addEvidence } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const e = addEvidence(db, readInput(args.file), nowOf(flags));
      this.print(`${e.evidence_package_id} ${e.dispute_id} ${e.item_count} item(s) sha256=${e.package_sha256}\n`);
      return e;
    } finally {
      db.close();
    }
  }
}
