import { Args, Flags } from '@oclif/core';
import { resolve } from 'node:path';
import { MsezCommand } from '../../cli/base.js';
import { openStore, findWorkspaceRoot } from '../../cli/workspace.js';
import type { VerifyReport } from '../../src/cas/index.js';
import { MsezError } from '../../src/core/index.js';

export default class ArtifactVerify extends MsezCommand<VerifyReport> {
  static override summary = 'Re-hash every stored artifact; exit 1 on any mismatch.';
  static override args = {
    dir: Args.string({ description: 'artifact directory (default: <root>/dist/artifacts)', required: false, ignoreStdin: true }),
  };
  static override flags = { root: Flags.directory({ summary: 'Workspace root.' }) };

  async run(): Promise<VerifyReport> {
    const { args, flags } = await this.parse(ArtifactVerify);
    const store = openStore(findWorkspaceRoot(flags.root));
    const report = store.verifyAll(args.dir === undefined ? undefined : resolve(args.dir));
    for (const e of report.entries.filter((x) => !x.ok)) {
      this.print(`${this.out.red('MISMATCH')} ${e.path} ${e.problem ?? `hashes to ${e.actual ?? '?'}`}\n`);
    }
    if (report.failed > 0) {
      throw new MsezError('DIGEST_MISMATCH', `${report.failed} of ${report.checked} artifacts failed verification`, { ...report });
    }
    this.note(`verified ${report.checked} artifacts`);
    return report;
  }
}
