import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openState, pageFlags, stateFlags } from '../../cli/compliance.js';
import { ASSET_CLASSES, type Page, type SmartAsset } from '../../src/state/index.js';

export default class AssetList extends MsezCommand<Page<SmartAsset>> {
  static override summary = 'List smart assets (paged), optionally by issuer, jurisdiction and class.';
  static override flags = {
    db: stateFlags.db,
    root: stateFlags.root,
    ...pageFlags,
    issuer: Flags.string({ summary: 'Only assets of this issuer entity.' }),
    jurisdiction: Flags.string({ summary: 'Only assets in this jurisdiction.' }),
    class: Flags.string({ summary: 'Only this asset class.', options: [...ASSET_CLASSES] }),
  };

  async run(): Promise<Page<SmartAsset>> {
    const { flags } = await this.parse(AssetList);
    const { listAssets } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const page = listAssets(db, {
        limit: flags.limit,
        offset: flags.offset,
        ...(flags.issuer !== undefined ? { issuer_entity_id: flags.issuer } : {}),
        ...(flags.jurisdiction !== undefined ? { jurisdiction_id: flags.jurisdiction } : {}),
        ...(flags.class !== undefined ? { asset_class: flags.class as (typeof ASSET_CLASSES)[number] } : {}),
      });
      for (const a of page.items) this.print(`${a.asset_id}\t${a.asset_class}\t${a.issuer_entity_id}\t${a.jurisdiction_id}\t${a.compliance_status}\t${a.asset_name}\n`);
      return page;
    } finally {
      db.close();
    }
  }
}
