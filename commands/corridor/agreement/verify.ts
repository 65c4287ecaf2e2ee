import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { MsezError } from '../../../src/core/index.js';
import { checkActivation, readCorridorPackage, type ActivationReport } from '../../../src/vc/index.js';

export default class CorridorAgreementVerify extends MsezCommand<ActivationReport> {
  static override summary = 'Check corridor activation: agreement VCs, thresholds per role, commitments, allow-lists.';
  static override description =
    'Implements the activation check of corridors.md §2 over a corridor package directory (corridor.yaml, the ' +
    'definition and agreement VCs, trust-anchors.yaml, the authority-registry chain). Exit 0 when activation ' +
    'holds; exit 1 with THRESHOLD_NOT_MET or ACTIVATION_BLOCKED otherwise.';
  static override examples = ['<%= config.bin %> corridor agreement verify modules/corridors/pk-ae'];
  static override args = { dir: Args.string({ description: 'corridor package directory', required: true, ignoreStdin: true }) };
  static override flags = {
    agreement: Flags.string({ multiple: true, summary: 'Agreement VC files (default: agreement_vc_path of corridor.yaml).' }),
  };

  async run(): Promise<ActivationReport> {
    const { args, flags } = await this.parse(CorridorAgreementVerify);
    const report = checkActivation(readCorridorPackage(args.dir, flags.agreement ? { agreements: flags.agreement } : {}));
    for (const t of report.thresholds) {
      const mark = t.met ? this.out.green('met') : this.out.red('NOT MET');
      this.print(`threshold ${t.role}: ${t.parties.length}/${t.required}${t.of === undefined ? '' : ` of ${t.of}`} ${mark}${t.parties.length ? ` (${t.parties.join(', ')})` : ''}\n`);
    }
    for (const b of report.blockers) this.print(`${this.out.red('blocked')} ${b}\n`);
    for (const e of report.errors) this.print(`${this.out.red('error')} [${e.check}] ${e.file ? `${e.file}: ` : ''}${e.message}\n`);
    if (!report.activated) {
      const onlyThresholds = report.errors.length === 0 && report.blockers.length === 0;
      throw new MsezError(
        onlyThresholds ? 'THRESHOLD_NOT_MET' : 'ACTIVATION_BLOCKED',
        onlyThresholds ? 'activation thresholds are not met' : `activation blocked: ${report.errors.length} error(s), ${report.blockers.length} non-affirmative commitment(s)`,
        { ...report },
      );
    }
    this.print(`${this.out.green('activation holds')} for ${report.corridor_id ?? '?'} (agreement_set_sha256 ${report.agreement_set_sha256})\n`);
    return report;
  }
}
