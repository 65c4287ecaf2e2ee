import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, readInput, stateFlags } from '../../cli/compliance.js';
import { findWorkspaceRoot, openStore } from '../../cli/workspace.js';
import type { SmartAsset } from '../../src/state/index.js';

export default class AssetGenesis extends MsezCommand<SmartAsset> {
  static override summary = 'Create a smart asset from a JSON/YAML file (schema smart-asset.genesis); its id is the digest of the genesis document.';
  static override description = 'The genesis document is stored in the CAS as dist/artifacts/smart-asset-genesis/<asset_id>.json and registered in the state database. created_at defaults to --at.';
  static override args = { file: Args.string({ description: 'input file (.json or .yaml)', required: true, ignoreStdin: true }) };
  static override flags = { ...stateFlags };

  async run(): Promise<SmartAsset> {
    const { args, flags } = await this.parse(AssetGenesis);
    const { genesisAsset } = await import('../../src/state/index.js');
    const db = await openState(flags);
    try {
      const a = genesisAsset(db, openStore(findWorkspaceRoot(flags.root)), readInput(args.file), nowOf(flags));
      this.print(`${a.asset_id} ${a.asset_class} ${a.asset_name}\n`);
      return a;
    } finally {
      db.close();
    }
  }
}
