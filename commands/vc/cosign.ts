import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { MsezError } from '../../src/core/index.js';
import { proofsOf, verifyCredential } from '../../src/vc/index.js';
import { signFile, signFlags, type VcSignResult } from './sign.js';

export default class VcCosign extends MsezCommand<VcSignResult> {
  static override summary = 'Add a co-signature to an already signed credential (appends to the proof array).';
  static override description = 'The existing proofs must all verify first; the payload is left unchanged (crypto.md §6).';
  static override args = { credential: Args.string({ description: 'signed credential file', required: true, ignoreStdin: true }) };
  static override flags = signFlags;

  async run(): Promise<VcSignResult> {
    const { args, flags } = await this.parse(VcCosign);
    const result = await signFile((t) => this.print(t), args.credential, flags, (cred) => {
      if (proofsOf(cred).length === 0) throw new MsezError('USAGE', 'the credential has no proof yet: use `msez vc sign`');
      const report = verifyCredential(cred);
      if (!report.ok) throw new MsezError('SIGNATURE_INVALID', 'refusing to co-sign: an existing proof does not verify', { report });
    });
    this.note(`co-signed with ${result.verificationMethod}: ${result.proofs} proofs`);
    return result;
  }
}
