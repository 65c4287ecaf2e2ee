import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { readObjectFile, writeJsonOutput } from '../../cli/key-input.js';
import { resolveNow } from '../../cli/workspace.js';
import { PROOF_SUITES, buildSigningRequest, type ProofSuite, type SigningRequest } from '../../src/vc/index.js';

export default class SignRequest extends MsezCommand<SigningRequest> {
  static override summary = 'Write a signing request for an offline key custodian.';
  static override description =
    'The request holds the credential (without proofs) in readable form, the suite, the proof options and the ' +
    'digests of the canonical bytes. Carry it to the offline machine and run `msez sign apply`.';
  static override examples = ['<%= config.bin %> sign request cred.json --out cred.request.json'];
  static override args = { credential: Args.string({ description: 'credential JSON/YAML file', required: true, ignoreStdin: true }) };
  static override flags = {
    suite: Flags.option({ options: PROOF_SUITES, default: 'eddsa-jcs-2022' as ProofSuite, summary: 'Proof suite.' })(),
    created: Flags.string({ summary: 'Proof time YYYY-MM-DDTHH:MM:SSZ (default: SOURCE_DATE_EPOCH, else now).' }),
    out: Flags.string({ summary: 'Write the request here instead of stdout.' }),
  };

  async run(): Promise<SigningRequest> {
    const { args, flags } = await this.parse(SignRequest);
    const request = buildSigningRequest(readObjectFile(args.credential, 'credential'), { suite: flags.suite, created: resolveNow(flags.created) });
    const text = writeJsonOutput(flags.out, request);
    if (text !== undefined) this.print(text);
    this.note(`signing request for payload ${request.payload_sha256} (${request.suite})`);
    return request;
  }
}
