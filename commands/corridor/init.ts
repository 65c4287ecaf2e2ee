import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { dbFlags, openStateDb } from '../../cli/corridor.js';
import { resolveNow } from '../../cli/workspace.js';
import { readDataFile } from '../../src/core/index.js';
import { parseCorridorConfig } from '../../src/corridor/index.js';
import type { CorridorRecord } from '../../src/store/index.js';

export default class CorridorInit extends MsezCommand<CorridorRecord> {
  static override summary = 'Record a corridor in the state database (state DRAFT) from its config.';
  static override description =
    'CONFIG: {corridor_id, definition_payload_sha256, agreement_set_sha256, lawpack_digest_set, ruleset_digest_set, ' +
    'participants[{id, role}], receipt_signing{thresholds[{role, required}]}, watchers[], watcher_quorum?{required}}.';
  static override examples = ['<%= config.bin %> corridor init corridor-state.yaml'];
  static override args = { config: Args.string({ description: 'corridor config (JSON or YAML)', required: true, ignoreStdin: true }) };
  static override flags = { ...dbFlags, at: Flags.string({ summary: 'Creation time (default: SOURCE_DATE_EPOCH or now).' }) };

  async run(): Promise<CorridorRecord> {
    const { args, flags } = await this.parse(CorridorInit);
    const config = parseCorridorConfig(readDataFile(args.config).value);
    const db = await openStateDb(flags);
    const { initCorridor } = await import('../../src/store/index.js');
    try {
      const rec = initCorridor(db, config, resolveNow(flags.at));
      this.print(`${config.corridor_id}: DRAFT, genesis_root ${rec.genesis_root}\n`);
      return rec;
    } finally {
      db.close();
    }
  }
}
