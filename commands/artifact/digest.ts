import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { digestRaw, readFileBytes } from '../../src/core/index.js';

interface DigestResult {
  algorithm: 'sha256';
  digest_sha256: string;
  byte_length: number;
}

export default class ArtifactDigest extends MsezCommand<DigestResult> {
  static override summary = 'Print the raw-bytes SHA-256 of a file (the digest used for blobs and *_sha256 file pins).';
  static override args = { file: Args.string({ description: 'file', required: true, ignoreStdin: true }) };

  async run(): Promise<DigestResult> {
    const { args } = await this.parse(ArtifactDigest);
    const bytes = readFileBytes(args.file);
    const d = digestRaw(bytes);
    this.print(`${d.hex}\n`);
    return { algorithm: d.algorithm, digest_sha256: d.hex, byte_length: bytes.byteLength };
  }
}
