import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { readKeyFileBytes, readPublicKeyInfo, type PublicKeyInfo } from '../../src/crypto/index.js';

export default class KeysShow extends MsezCommand<PublicKeyInfo> {
  static override summary = 'Show the did:key, Multikey and verification method of a key file (never the secret).';
  static override args = { file: Args.string({ description: 'key file', required: true, ignoreStdin: true }) };

  async run(): Promise<PublicKeyInfo> {
    const { args } = await this.parse(KeysShow);
    const bytes = readKeyFileBytes(args.file);
    try {
      const info = readPublicKeyInfo(bytes, args.file);
      this.print(
        `did:                ${info.did}\nverificationMethod: ${info.verificationMethod}\n` +
          `publicKeyMultibase: ${info.publicKeyMultibase}\nkid:                ${info.kid}\nencrypted:          ${info.encrypted}\n`,
      );
      return info;
    } finally {
      bytes.fill(0);
    }
  }
}
