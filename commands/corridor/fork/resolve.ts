import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { corridorFlag, dbFlags, openKeys, openStateDb } from '../../../cli/corridor.js';
import { writeJsonOutput } from '../../../cli/key-input.js';
import { resolveNow } from '../../../cli/workspace.js';
import { MsezError, isJsonObject, readDataFile, type JsonObject } from '../../../src/core/index.js';
import { forkResolutionCredential, resolveFork, type Branch } from '../../../src/corridor/index.js';
import { signCredential } from '../../../src/vc/index.js';

export default class CorridorForkResolve extends MsezCommand<JsonObject> {
  static override summary = 'Resolve a recorded fork by the D16 rules and emit the signed MSEZCorridorForkResolutionCredential.';
  static override description = 'BRANCHES: [{next_root, timestamp, attestations[{watcher_key, parent_root, candidate_root, height, timestamp, signature}]}].';
  static override examples = ['<%= config.bin %> corridor fork resolve branches.json -c org.example.corridor --sequence 4 --key a.key.json'];
  static override args = { branches: Args.string({ description: 'branch list with watcher attestations', required: true, ignoreStdin: true }) };
  static override flags = {
    ...dbFlags,
    corridor: corridorFlag,
    sequence: Flags.integer({ summary: 'Fork sequence.', required: true, min: 0 }),
    key: Flags.string({ summary: 'Key file of the resolving participant (repeatable).', multiple: true, required: true }),
    at: Flags.string({ summary: 'Resolution time, the "now" of the rules (default: SOURCE_DATE_EPOCH or now).' }),
    out: Flags.string({ summary: 'Write the credential here instead of stdout.' }),
  };

  async run(): Promise<JsonObject> {
    const { args, flags } = await this.parse(CorridorForkResolve);
    const raw = readDataFile(args.branches).value;
    if (!Array.isArray(raw) || !raw.every((b) => isJsonObject(b) && typeof b.next_root === 'string' && typeof b.timestamp === 'string')) {
      throw new MsezError('SCHEMA_INVALID', 'branches must be a list of {next_root, timestamp, attestations[]}');
    }
    const branches: Branch[] = raw.map((b) => ({ next_root: String((b as JsonObject).next_root), timestamp: String((b as JsonObject).timestamp), attestations: Array.isArray((b as JsonObject).attestations) ? ((b as JsonObject).attestations as unknown[]) : [] }));
    const keys = await openKeys(flags.key);
    const db = await openStateDb(flags);
    const { getCorridor, listForks } = await import('../../../src/store/index.js');
    try {
      const rec = getCorridor(db, flags.corridor);
      const fork = listForks(db, flags.corridor).find((f) => f.sequence === flags.sequence);
      if (fork === undefined) throw new MsezError('NOT_FOUND', `no fork recorded at sequence ${flags.sequence}`, { sequence: flags.sequence });
      const now = resolveNow(flags.at);
      const resolution = resolveFork({ corridor_id: flags.corridor, sequence: fork.sequence, prev_root: fork.prev_root, next_roots: fork.next_roots }, branches, { now, registered: rec.config.watchers });
      let vc = forkResolutionCredential(resolution, keys[0]?.did ?? '');
      for (const k of keys) vc = signCredential(vc, k, { suite: 'eddsa-jcs-2022', created: now });
      const text = writeJsonOutput(flags.out, vc);
      if (text !== undefined) this.print(text);
      this.note(`fork ${fork.sequence}: chose ${resolution.chosen_next_root} (${resolution.reason})`);
      return vc;
    } finally {
      for (const k of keys) k.dispose();
      db.close();
    }
  }
}
