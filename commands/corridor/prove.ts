import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { corridorFlag, dbFlags, openStateDb } from '../../cli/corridor.js';
import { writeJsonOutput } from '../../cli/key-input.js';
import { resolveNow } from '../../cli/workspace.js';
import type { JsonObject } from '../../src/core/index.js';

export default class CorridorProve extends MsezCommand<JsonObject> {
  static override summary = 'Inclusion proof (MSEZCorridorReceiptInclusionProof) of one receipt against the latest checkpoint covering it.';
  static override examples = ['<%= config.bin %> corridor prove -c org.example.corridor --sequence 9'];
  static override flags = {
    ...dbFlags,
    corridor: corridorFlag,
    sequence: Flags.integer({ summary: 'Receipt sequence.', required: true, min: 0 }),
    out: Flags.string({ summary: 'Write here instead of stdout.' }),
  };

  async run(): Promise<JsonObject> {
    const { flags } = await this.parse(CorridorProve);
    const db = await openStateDb(flags);
    const { receiptInclusionProof } = await import('../../src/store/index.js');
    try {
      const proof = receiptInclusionProof(db, flags.corridor, flags.sequence, resolveNow());
      const text = writeJsonOutput(flags.out, proof);
      if (text !== undefined) this.print(text);
      return proof;
    } finally {
      db.close();
    }
  }
}
