import { Flags } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { corridorFlag, dbFlags, openKeys, openStateDb } from '../../../cli/corridor.js';
import { writeJsonOutput } from '../../../cli/key-input.js';
import { resolveNow } from '../../../cli/workspace.js';
import { MsezError, type JsonObject } from '../../../src/core/index.js';
import { parseAttestation, watcherAttestationCredential } from '../../../src/corridor/index.js';
import { signCredential } from '../../../src/vc/index.js';

export default class CorridorWatcherAttest extends MsezCommand<JsonObject> {
  static override summary = 'Sign a watcher attestation VC over the latest checkpoint and record it.';
  static override examples = ['<%= config.bin %> corridor watcher attest -c org.example.corridor --key watcher.key.json'];
  static override flags = {
    ...dbFlags,
    corridor: corridorFlag,
    key: Flags.string({ summary: 'Watcher key file (a registered watcher).', required: true }),
    at: Flags.string({ summary: 'observed_at (default: SOURCE_DATE_EPOCH or now).' }),
    out: Flags.string({ summary: 'Write the credential here instead of stdout.' }),
  };

  async run(): Promise<JsonObject> {
    const { flags } = await this.parse(CorridorWatcherAttest);
    const [key] = await openKeys([flags.key]);
    const db = await openStateDb(flags);
    const store = await import('../../../src/store/index.js');
    try {
      const rec = store.getCorridor(db, flags.corridor);
      const cp = store.listCheckpoints(db, flags.corridor).pop();
      if (cp === undefined || key === undefined) throw new MsezError('NOT_FOUND', 'no checkpoint to attest: run msez corridor checkpoint first');
      const at = resolveNow(flags.at);
      const vc = signCredential(watcherAttestationCredential(cp, key.did, at), key, { suite: 'eddsa-jcs-2022', created: at });
      const a = parseAttestation(vc, rec.config.watchers);
      store.storeAttestation(db, flags.corridor, a.watcher, a, vc);
      const text = writeJsonOutput(flags.out, vc);
      if (text !== undefined) this.print(text);
      return vc;
    } finally {
      key?.dispose();
      db.close();
    }
  }
}
