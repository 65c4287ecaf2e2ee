import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { findWorkspaceRoot, openStore } from '../../cli/workspace.js';
import type { RegpackBuildResult } from '../../src/pack/index.js';

export default class RegpackBuild extends MsezCommand<RegpackBuildResult> {
  static override summary = 'Build a regpack (sanctions snapshot, calendar, regulators, rate tables) into the CAS.';
  static override description =
    'Reads SRC_DIR/regpack.yaml and the optional regulators.yaml, sanctions.yaml, calendar.yaml and rates.yaml, checks them ' +
    '(regpack.schema.json, unique ids, dated values), stores the regpack as dist/artifacts/regpack/<digest>.json (named by the ' +
    'msez-regpack-v1 digest) and writes SRC_DIR/regpack.lock.json.';
  static override examples = ['<%= config.bin %> regpack build modules/regulatory/jurisdictions/pk/tax'];
  static override args = { src: Args.string({ description: 'regpack source folder', required: true, ignoreStdin: true }) };
  static override flags = { root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }) };

  async run(): Promise<RegpackBuildResult> {
    const { args, flags } = await this.parse(RegpackBuild);
    const { PACK_DIGEST_RULES, buildRegpack } = await import('../../src/pack/index.js');
    const root = findWorkspaceRoot(flags.root);
    const result = buildRegpack(args.src, { root, store: openStore(root, PACK_DIGEST_RULES) });
    this.print(`${result.regpack_digest_sha256}  ${result.artifact_path}\n`);
    const c = result.counts;
    this.note(`${result.regpack_id}: ${c.regulators} regulator(s), ${c.sanctions_entries} sanctions entr(ies), ${c.deadlines} deadline(s), ${c.rates} rate(s)`);
    return result;
  }
}
