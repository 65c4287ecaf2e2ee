import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { readObjectFile } from '../../cli/key-input.js';
import { MsezError, readDataFile } from '../../src/core/index.js';
import { allowedDids, parseTrustAnchors, verifyCredential, type VcReport } from '../../src/vc/index.js';

export default class VcVerify extends MsezCommand<VcReport> {
  static override summary = 'Verify every proof of a credential, offline (did:key only).';
  static override description =
    'Exit 0 only when there is at least one proof and every proof verifies; otherwise exit 1 (SIGNATURE_INVALID) ' +
    'with the reason per proof: bad_signature, unknown_key, wrong_purpose, malformed, unsupported_did_method.';
  static override examples = ['<%= config.bin %> vc verify cred.json', '<%= config.bin %> vc verify cred.json --trust trust-anchors.yaml'];
  static override args = { credential: Args.string({ description: 'credential JSON/YAML file', required: true, ignoreStdin: true }) };
  static override flags = {
    trust: Flags.string({
      multiple: true,
      summary: 'Only accept these signers: a DID, or a trust-anchors file (its did anchors). Repeatable.',
    }),
    purpose: Flags.string({ summary: 'Expected proofPurpose.', default: 'assertionMethod' }),
    impl: Flags.option({ options: ['node', 'noble'] as const, default: 'node' as const, summary: 'Ed25519 implementation.' })(),
  };

  async run(): Promise<VcReport> {
    const { args, flags } = await this.parse(VcVerify);
    const cred = readObjectFile(args.credential, 'credential');
    const trustedDids = flags.trust?.flatMap((t) => (t.startsWith('did:') ? [t.split('#', 1)[0] ?? t] : allowedDids(parseTrustAnchors(readDataFile(t).value, t))));
    const report = verifyCredential(cred, { expectedPurpose: flags.purpose, impl: flags.impl, ...(trustedDids ? { trustedDids } : {}) });
    for (const p of report.proofs) {
      const status = p.ok ? this.out.green('ok') : this.out.red(`FAIL ${p.reason ?? ''}`);
      this.print(`proof ${p.index}  ${p.type ?? '?'}  ${p.verificationMethod ?? '?'}  ${status}${p.detail ? `: ${p.detail}` : ''}\n`);
    }
    if (report.proofs.length === 0) this.print(`${this.out.red('FAIL')} the credential has no proof\n`);
    if (!report.ok) {
      const failed = report.proofs.filter((p) => !p.ok).length;
      throw new MsezError('SIGNATURE_INVALID', report.proofs.length === 0 ? 'no proof to verify' : `${failed} of ${report.proofs.length} proofs failed`, { ...report });
    }
    this.note(`verified ${report.proofs.length} proof(s)`);
    return report;
  }
}
