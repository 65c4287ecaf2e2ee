import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, stateFlags } from '../../cli/compliance.js';
import type { AssetEvaluation } from '../../src/state/index.js';

export default class AssetEvaluate extends MsezCommand<AssetEvaluation> {
  static override summary = "Evaluate a smart asset's issuer (and holder) against the stored compliance tensor in the domains its class requires.";
  static override description =
    'Each required domain gives the stored cell of every party in the asset jurisdiction with an inclusion proof against the stored tensor commitment (pending without a cell); the domain state and the aggregate are meets. The evaluation is logged. Run msez tensor evaluate first to refresh the tensor.';
  static override args = { asset_id: Args.string({ description: 'asset id (64 hex)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags, holder: Flags.string({ summary: 'Also evaluate this holder entity.' }) };

  async run(): Promise<AssetEvaluation> {
    const { args, flags } = await this.parse(AssetEvaluate);
    const { evaluateAsset } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const ev = evaluateAsset(db, { asset_id: args.asset_id, ...(flags.holder !== undefined ? { holder_entity_id: flags.holder } : {}) }, nowOf(flags));
      for (const d of ev.domains) this.print(`${d.domain.padEnd(20)} ${d.state.padEnd(15)} ${d.cells.map((c) => `${c.role}:${c.state}`).join(' ')}\n`);
      this.print(`aggregate ${ev.aggregate}${ev.passing ? '' : ' (blocking)'}; tensor root ${ev.tensor.root} (${ev.tensor.size} cells)\n`);
      return ev;
    } finally {
      db.close();
    }
  }
}
