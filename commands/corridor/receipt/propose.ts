import { Flags } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { corridorFlag, dbFlags, openKeys, openStateDb } from '../../../cli/corridor.js';
import { writeJsonOutput } from '../../../cli/key-input.js';
import { resolveNow } from '../../../cli/workspace.js';
import { isJsonObject, readDataFile, type JsonObject } from '../../../src/core/index.js';
import { proposeReceipt, transitionEnvelope } from '../../../src/corridor/index.js';
import { signCredential } from '../../../src/vc/index.js';

export default class CorridorReceiptPropose extends MsezCommand<JsonObject> {
  static override summary = 'Build the next receipt at the corridor head (optionally signed) without appending it.';
  static override examples = ['<%= config.bin %> corridor receipt propose -c org.example.corridor --kind transfer --payload t.json --key a.key.json --key b.key.json > r.json'];
  static override flags = {
    ...dbFlags,
    corridor: corridorFlag,
    kind: Flags.string({ summary: 'Transition kind for an MSEZTransitionEnvelope.', dependsOn: ['payload'] }),
    payload: Flags.string({ summary: 'Transition payload file (JSON/YAML).', dependsOn: ['kind'] }),
    key: Flags.string({ summary: 'Key file to sign with (repeatable; co-signs).', multiple: true }),
    at: Flags.string({ summary: 'Receipt timestamp (default: SOURCE_DATE_EPOCH or now).' }),
    out: Flags.string({ summary: 'Write the receipt here instead of stdout.' }),
  };

  async run(): Promise<JsonObject> {
    const { flags } = await this.parse(CorridorReceiptPropose);
    const at = resolveNow(flags.at);
    const keys = await openKeys(flags.key);
    const db = await openStateDb(flags);
    const { getCorridor } = await import('../../../src/store/index.js');
    try {
      const rec = getCorridor(db, flags.corridor);
      const payload = flags.payload !== undefined ? readDataFile(flags.payload).value : undefined;
      let receipt = proposeReceipt(rec.config, {
        sequence: rec.receipt_count,
        prev_root: rec.head,
        timestamp: at,
        ...(flags.kind !== undefined && payload !== undefined ? { transition: transitionEnvelope(flags.kind, payload) } : {}),
      });
      for (const k of keys) receipt = signCredential(receipt, k, { suite: 'eddsa-jcs-2022', created: at });
      const text = writeJsonOutput(flags.out, receipt);
      if (text !== undefined) this.print(text);
      this.note(`receipt ${String(receipt.sequence)} next_root ${String(receipt.next_root)} (${isJsonObject(receipt) && receipt.proof !== undefined ? keys.length : 0} signature(s))`);
      return receipt;
    } finally {
      for (const k of keys) k.dispose();
      db.close();
    }
  }
}
