import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { MsezError } from '../../src/core/index.js';
import type { LawpackVerifyReport } from '../../src/pack/index.js';

export default class LawVerify extends MsezCommand<LawpackVerifyReport> {
  static override summary = 'Recompute the digest of a received lawpack (zip or unpacked folder); exit 1 on mismatch.';
  static override description =
    'Checks the recomputed digest against digest.sha256, a <digest>.lawpack.zip file name and --expect. ' +
    'Needs no network and no source module.';
  static override args = { lawpack: Args.string({ description: 'a .lawpack.zip or a folder with lawpack.yaml, index.json, akn/', required: true, ignoreStdin: true }) };
  static override flags = { expect: Flags.string({ summary: 'The lawpack digest you expect (64 hex).' }) };

  async run(): Promise<LawpackVerifyReport> {
    const { args, flags } = await this.parse(LawVerify);
    const { verifyLawpack } = await import('../../src/pack/index.js');
    const report = verifyLawpack(args.lawpack, flags.expect);
    for (const c of report.claims) {
      this.print(`${c.ok ? this.out.green('OK') : this.out.red('MISMATCH')} ${c.source} ${c.claimed}\n`);
    }
    if (!report.ok) {
      throw new MsezError('DIGEST_MISMATCH', `${args.lawpack}: lawpack digest is ${report.lawpack_digest_sha256}`, { ...report });
    }
    this.print(`${report.lawpack_digest_sha256}  ${args.lawpack}\n`);
    return report;
  }
}
