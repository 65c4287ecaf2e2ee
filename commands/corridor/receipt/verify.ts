import { Args } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { corridorFlag, dbFlags, openStateDb, registryResolver } from '../../../cli/corridor.js';
import { MsezError, isJsonObject, readDataFile } from '../../../src/core/index.js';
import { verifyReceipt, type ReceiptCheck } from '../../../src/corridor/index.js';

export default class CorridorReceiptVerify extends MsezCommand<ReceiptCheck> {
  static override summary = 'Verify one receipt against the corridor: at its sequence (stored chain) or as the next receipt.';
  static override examples = ['<%= config.bin %> corridor receipt verify r.json -c org.example.corridor'];
  static override args = { file: Args.string({ description: 'receipt JSON', required: true, ignoreStdin: true }) };
  static override flags = { ...dbFlags, corridor: corridorFlag };

  async run(): Promise<ReceiptCheck> {
    const { args, flags } = await this.parse(CorridorReceiptVerify);
    const receipt = readDataFile(args.file).value;
    const db = await openStateDb(flags);
    const { getCorridor, listReceipts } = await import('../../../src/store/index.js');
    try {
      const rec = getCorridor(db, flags.corridor);
      const seq = isJsonObject(receipt) && typeof receipt.sequence === 'number' ? receipt.sequence : rec.receipt_count;
      const prev = seq === 0 ? rec.genesis_root : seq <= rec.receipt_count ? String(listReceipts(db, flags.corridor, seq - 1, seq)[0]?.next_root ?? '') : rec.head;
      const check = verifyReceipt(receipt, rec.config, { sequence: Math.min(seq, rec.receipt_count), prev_root: prev }, { registry: registryResolver(flags) });
      if (!check.ok) throw new MsezError(check.code ?? 'CHAIN_BROKEN', `receipt invalid: ${check.reason ?? ''}`, { reason: check.reason });
      this.print(`ok: receipt ${seq} verifies (${check.signers?.length ?? 0} signer(s))\n`);
      return check;
    } finally {
      db.close();
    }
  }
}
