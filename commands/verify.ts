import { Args, Flags } from '@oclif/core';
import { join, resolve } from 'node:path';
import { MsezCommand } from '../cli/base.js';
import { findWorkspaceRoot, openStore } from '../cli/workspace.js';
import { verifyDist, type DistVerifyReport } from '../src/builder/index.js';
import { MsezError } from '../src/core/index.js';

export default class Verify extends MsezCommand<DistVerifyReport> {
  static override summary = 'Re-hash everything under dist/: CAS artifacts and every output of each zone build manifest.';
  static override description = 'Exit 0 when every file matches its digest, 1 (DIGEST_MISMATCH) listing each mismatch otherwise.';
  static override examples = ['<%= config.bin %> verify', '<%= config.bin %> verify dist --json'];
  static override args = {
    dir: Args.string({ description: 'dist folder (default: <root>/dist)', required: false, ignoreStdin: true }),
  };
  static override flags = { root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }) };

  async run(): Promise<DistVerifyReport> {
    const { args, flags } = await this.parse(Verify);
    const root = findWorkspaceRoot(flags.root);
    const dist = args.dir === undefined ? join(root, 'dist') : resolve(args.dir);
    const report = verifyDist(openStore(root), dist);
    for (const e of report.artifacts.failures) this.print(`${this.out.red('MISMATCH')} ${e.path} ${e.problem ?? `hashes to ${e.actual ?? '?'}`}\n`);
    for (const z of report.zones) for (const f of z.failures) this.print(`${this.out.red('MISMATCH')} ${f.path} ${f.problem ?? ''}\n`);
    if (report.failed > 0) {
      throw new MsezError('DIGEST_MISMATCH', `${report.failed} of ${report.checked} files failed verification`, { ...report });
    }
    this.note(`verified ${report.checked} files (${report.artifacts.checked} artifacts, ${report.zones.length} zone builds)`);
    return report;
  }
}
