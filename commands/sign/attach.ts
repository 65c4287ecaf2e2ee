import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { readObjectFile, writeJsonOutput } from '../../cli/key-input.js';
import type { JsonObject } from '../../src/core/index.js';
import { attachDetachedProof, type ProofResult } from '../../src/vc/index.js';

interface AttachResult {
  out: string | null;
  result: ProofResult;
  credential: JsonObject;
}

export default class SignAttach extends MsezCommand<AttachResult> {
  static override summary = 'Attach a detached proof to its credential after verifying it.';
  static override description =
    'Refuses a proof made over different bytes (DIGEST_MISMATCH) or one that does not verify (SIGNATURE_INVALID). ' +
    'An existing proof makes a proof set.';
  static override args = {
    credential: Args.string({ description: 'credential file', required: true, ignoreStdin: true }),
    proof: Args.string({ description: 'detached proof from `msez sign apply`', required: true, ignoreStdin: true }),
  };
  static override flags = { out: Flags.string({ summary: 'Write the signed credential here instead of stdout.' }) };

  async run(): Promise<AttachResult> {
    const { args, flags } = await this.parse(SignAttach);
    const { credential, result } = attachDetachedProof(readObjectFile(args.credential, 'credential'), readObjectFile(args.proof, 'proof'));
    const text = writeJsonOutput(flags.out, credential);
    if (text !== undefined) this.print(text);
    this.note(`attached a verified proof by ${result.verificationMethod ?? '?'}`);
    return { out: flags.out ?? null, result, credential };
  }
}
