import { Flags } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { corridorFlag, dbFlags, openStateDb } from '../../../cli/corridor.js';
import { resolveNow } from '../../../cli/workspace.js';
import { readDataFile } from '../../../src/core/index.js';
import type { AnchorRecord } from '../../../src/store/index.js';

export default class CorridorAnchorRecord extends MsezCommand<AnchorRecord> {
  static override summary = 'Record an operator-supplied L1 anchor of a corridor head commitment (no network: checked, never fetched).';
  static override description =
    'The anchor must name the head commitment of a stored checkpoint or the current head (else NOT_FOUND, exit 2). --observed-block is the chain height the operator observed; confirmations are counted against it.';
  static override examples = ['<%= config.bin %> corridor anchor record -c org.example.corridor --file anchor.json --observed-block 19000064'];
  static override flags = {
    ...dbFlags,
    corridor: corridorFlag,
    file: Flags.string({ summary: 'CorridorAnchor JSON/YAML file.', required: true }),
    'observed-block': Flags.integer({ summary: 'Block number observed on the anchor chain.', required: true, min: 0 }),
    at: Flags.string({ summary: 'recorded_at (default: SOURCE_DATE_EPOCH or now).' }),
  };

  async run(): Promise<AnchorRecord> {
    const { flags } = await this.parse(CorridorAnchorRecord);
    const anchor = readDataFile(flags.file).value;
    const db = await openStateDb(flags);
    const { recordAnchor } = await import('../../../src/store/index.js');
    try {
      const r = recordAnchor(db, flags.corridor, anchor, flags['observed-block'], resolveNow(flags.at));
      const f = r.finality;
      this.print(`recorded ${f.network} anchor of ${String(r.anchor.head_commitment_digest_sha256)}: ${f.confirmations}/${f.finality_blocks} confirmations${f.final ? ' (final)' : ''}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
