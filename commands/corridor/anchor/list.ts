import { MsezCommand } from '../../../cli/base.js';
import { corridorFlag, dbFlags, openStateDb } from '../../../cli/corridor.js';
import type { AnchorRecord } from '../../../src/store/index.js';

export default class CorridorAnchorList extends MsezCommand<AnchorRecord[]> {
  static override summary = 'List the recorded anchors of a corridor with their confirmations and finality.';
  static override examples = ['<%= config.bin %> corridor anchor list -c org.example.corridor --json'];
  static override flags = { ...dbFlags, corridor: corridorFlag };

  async run(): Promise<AnchorRecord[]> {
    const { flags } = await this.parse(CorridorAnchorList);
    const db = await openStateDb(flags);
    const { listAnchors } = await import('../../../src/store/index.js');
    try {
      const list = listAnchors(db, flags.corridor);
      for (const r of list) {
        const f = r.finality;
        this.print(`${f.network} block ${String((r.anchor.chain as { block_number: number }).block_number)}  ${String(r.anchor.head_commitment_digest_sha256)}  ${f.confirmations}/${f.finality_blocks}${f.final ? ' final' : ''}\n`);
      }
      if (list.length === 0) this.print('no anchors recorded\n');
      return list;
    } finally {
      db.close();
    }
  }
}
