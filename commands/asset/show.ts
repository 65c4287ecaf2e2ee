import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, stateFlags } from '../../cli/compliance.js';
import type { SmartAsset } from '../../src/state/index.js';

export default class AssetShow extends MsezCommand<SmartAsset> {
  static override summary = 'Show one smart asset: its genesis document and latest compliance status.';
  static override args = { asset_id: Args.string({ description: 'asset id (64 hex)', required: true, ignoreStdin: true }) };
  static override flags = { db: stateFlags.db, root: stateFlags.root };

  async run(): Promise<SmartAsset> {
    const { args, flags } = await this.parse(AssetShow);
    const { getAsset } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const a = getAsset(db, args.asset_id);
      this.print(`${a.asset_id}\n  ${a.asset_class} ${a.asset_name}\n  issuer ${a.issuer_entity_id} in ${a.jurisdiction_id}, created ${a.created_at}\n  compliance ${a.compliance_status}${a.last_evaluated_at !== undefined ? ` (${a.last_evaluated_at})` : ''}\n`);
      return a;
    } finally {
      db.close();
    }
  }
}
