import { Args, Flags } from '@oclif/core';
import { createInterface } from 'node:readline/promises';
import { MsezCommand } from '../../cli/base.js';
import { openKeyFile, readObjectFile, writeJsonOutput } from '../../cli/key-input.js';
import { MsezError, type JsonObject } from '../../src/core/index.js';
import { applySigningRequest, parseSigningRequest, previewSigningRequest, type SigningPreview } from '../../src/vc/index.js';

interface ApplyResult {
  out: string | null;
  preview: SigningPreview;
  detached: JsonObject;
}

export default class SignApply extends MsezCommand<ApplyResult> {
  static override summary = 'On the offline machine: show a signing request exactly and produce a detached proof.';
  static override description =
    'Recomputes the canonical bytes from the readable credential in the request (refusing a request whose ' +
    'digests do not match), prints exactly what will be signed to stderr, asks for confirmation on a terminal ' +
    '(or needs --yes), and writes the detached proof.';
  static override examples = ['<%= config.bin %> sign apply cred.request.json --key custodian.jwk.json --out cred.proof.json'];
  static override args = { request: Args.string({ description: 'signing request file', required: true, ignoreStdin: true }) };
  static override flags = {
    key: Flags.string({ summary: 'Key file.', required: true }),
    out: Flags.string({ summary: 'Write the detached proof here instead of stdout.' }),
    yes: Flags.boolean({ summary: 'Sign without asking (required without a terminal).' }),
  };

  async run(): Promise<ApplyResult> {
    const { args, flags } = await this.parse(SignApply);
    const request = parseSigningRequest(readObjectFile(args.request, 'signing request'));
    const key = await openKeyFile(flags.key);
    try {
      const preview = previewSigningRequest(request, key);
      process.stderr.write(
        `You are signing with ${preview.signer}\nsuite: ${preview.suite}\n` +
          (preview.proof_options_text ? `proof options (signed, JCS):\n${preview.proof_options_text}\n` : '') +
          `document (signed, ${request.canonicalization.toUpperCase()}), sha256 ${preview.document_sha256}:\n${preview.document_text}\n`,
      );
      if (!flags.yes) await confirm();
      const detached = applySigningRequest(request, key);
      const text = writeJsonOutput(flags.out, detached);
      if (text !== undefined) this.print(text);
      return { out: flags.out ?? null, preview, detached };
    } finally {
      key.dispose();
    }
  }
}

async function confirm(): Promise<void> {
  if (!process.stdin.isTTY) throw new MsezError('USAGE', 'no terminal to confirm on: review the output above and pass --yes');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('Sign exactly this? [y/N] ');
    if (!/^y(es)?$/i.test(answer.trim())) throw new MsezError('USAGE', 'not signed: the custodian declined');
  } finally {
    rl.close();
  }
}
