import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { writeJsonOutput } from '../../cli/key-input.js';
import { readKeyFileBytes, readPublicKeyInfo } from '../../src/crypto/index.js';

interface PublicExport {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  verificationMethod: string;
}

export default class KeysExportPublic extends MsezCommand<PublicExport> {
  static override summary = 'Print the public JWK of a key file (the private JWK without d) and its verification method.';
  static override args = { file: Args.string({ description: 'key file', required: true, ignoreStdin: true }) };
  static override flags = { out: Flags.string({ summary: 'Write to this file instead of stdout.' }) };

  async run(): Promise<PublicExport> {
    const { args, flags } = await this.parse(KeysExportPublic);
    const bytes = readKeyFileBytes(args.file);
    try {
      const info = readPublicKeyInfo(bytes, args.file);
      const result: PublicExport = { ...info.publicJwk, verificationMethod: info.verificationMethod };
      const text = writeJsonOutput(flags.out, result);
      if (text !== undefined) this.print(text);
      return result;
    } finally {
      bytes.fill(0);
    }
  }
}
