import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { MsezError, readDataFile } from '../../src/core/index.js';
import { verifyChain, type ChainReport } from '../../src/corridor/index.js';

export default class CorridorVerifyChain extends MsezCommand<ChainReport> {
  static override summary = 'Verify an exported chain: config, genesis, every receipt (linkage, signatures, thresholds), MMR, checkpoints.';
  static override description = 'Exit 1 (CHAIN_BROKEN, SIGNATURE_INVALID or THRESHOLD_NOT_MET) naming the first bad receipt or checkpoint.';
  static override examples = ['<%= config.bin %> corridor verify-chain chain.json'];
  static override args = { file: Args.string({ description: 'chain export (msez corridor export)', required: true, ignoreStdin: true }) };
  static override flags = { 'config-sha256': Flags.string({ summary: 'Require this corridor config digest (trusted out of band).' }) };

  async run(): Promise<ChainReport> {
    const { args, flags } = await this.parse(CorridorVerifyChain);
    const report = verifyChain(readDataFile(args.file, 'json').value, flags['config-sha256']);
    const bad = report.first_bad;
    if (bad !== undefined) {
      const where = bad.kind === 'receipt' ? `receipt ${bad.index}` : bad.kind === 'checkpoint' ? `checkpoint ${bad.index}` : 'export';
      this.print(`FAIL ${where}: ${bad.reason}\n`);
      throw new MsezError(bad.code, `chain verification failed at ${where}: ${bad.reason}`, { ...report });
    }
    this.print(`ok: ${report.receipt_count} receipt(s), ${report.checkpoints_verified} checkpoint(s); head ${report.head ?? ''}, mmr_root ${report.mmr_root ?? ''}\n`);
    return report;
  }
}
