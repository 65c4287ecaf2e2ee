import { Flags } from '@oclif/core';
import { resolve } from 'node:path';
import { MsezCommand } from '../../cli/base.js';
import { readPassphrase } from '../../cli/key-input.js';
import { createKeyFile, publicKeyInfo, randomSeed, signingKeyFromSeed, wipe, writeNewKeyFile, type PublicKeyInfo } from '../../src/crypto/index.js';

type GenerateResult = PublicKeyInfo & { file: string };

export default class KeysGenerate extends MsezCommand<GenerateResult> {
  static override summary = 'Generate an Ed25519 key file (mode 0600, never overwriting).';
  static override description =
    'Writes a private OKP JWK (crypto.md §2). With --encrypt the seed is sealed with scrypt and ' +
    'XChaCha20-Poly1305 under a passphrase read from MSEZ_KEY_PASSPHRASE or a no-echo prompt.';
  static override examples = ['<%= config.bin %> keys generate --out custodian.jwk.json --encrypt'];
  static override flags = {
    out: Flags.string({ summary: 'Key file to create (must not exist).', required: true }),
    encrypt: Flags.boolean({ summary: 'Seal the seed under a passphrase.' }),
    kid: Flags.string({ summary: 'Key id (the verification-method fragment).', default: 'key-1' }),
  };

  async run(): Promise<GenerateResult> {
    const { flags } = await this.parse(KeysGenerate);
    const passphrase = flags.encrypt ? await readPassphrase('New passphrase: ', true) : undefined;
    const seed = randomSeed();
    let bytes: Uint8Array | undefined;
    try {
      bytes = createKeyFile(seed, passphrase === undefined ? { kid: flags.kid } : { kid: flags.kid, passphrase });
      writeNewKeyFile(flags.out, bytes);
      const key = signingKeyFromSeed(seed, flags.kid);
      key.dispose();
      const info = { file: resolve(flags.out), ...publicKeyInfo(key, flags.encrypt) };
      this.print(`${info.did}\n`);
      this.note(`wrote ${flags.out}${flags.encrypt ? ' (encrypted)' : ''}`);
      return info;
    } finally {
      wipe(seed);
      bytes?.fill(0);
    }
  }
}
