import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { corridorFlag, dbFlags, openKeys, openStateDb } from '../../cli/corridor.js';
import { writeJsonOutput } from '../../cli/key-input.js';
import { openStore, findWorkspaceRoot, resolveNow } from '../../cli/workspace.js';
import type { JsonObject } from '../../src/core/index.js';
import { checkpointDigest } from '../../src/corridor/index.js';

export default class CorridorCheckpoint extends MsezCommand<JsonObject> {
  static override summary = 'Sign a checkpoint at the corridor head (D8), store it in the state db and the CAS (type checkpoint).';
  static override examples = ['<%= config.bin %> corridor checkpoint -c org.example.corridor --key a.key.json --key b.key.json'];
  static override flags = {
    ...dbFlags,
    corridor: corridorFlag,
    key: Flags.string({ summary: 'Key file to sign with (repeatable).', multiple: true, required: true }),
    at: Flags.string({ summary: 'Checkpoint timestamp (default: SOURCE_DATE_EPOCH or now).' }),
    out: Flags.string({ summary: 'Also write the checkpoint JSON here.' }),
  };

  async run(): Promise<JsonObject> {
    const { flags } = await this.parse(CorridorCheckpoint);
    const keys = await openKeys(flags.key);
    const db = await openStateDb(flags);
    const { createCheckpoint } = await import('../../src/store/index.js');
    try {
      const cp = createCheckpoint(db, flags.corridor, resolveNow(flags.at), keys);
      const stored = openStore(findWorkspaceRoot(flags.root)).storeJson('checkpoint', cp);
      writeJsonOutput(flags.out, cp);
      this.print(`checkpoint ${checkpointDigest(cp)} at ${String(cp.receipt_count)} receipt(s) -> ${stored.path}\n`);
      return cp;
    } finally {
      for (const k of keys) k.dispose();
      db.close();
    }
  }
}
