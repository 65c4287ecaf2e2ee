import { Args, Flags } from '@oclif/core';
import { createInterface } from 'node:readline';
import { MsezCommand } from '../cli/base.js';
import {
  MsezError,
  decodeUtf8,
  digestCanonical,
  formatFromPath,
  mcf,
  parseData,
  parseJson,
  readFileBytes,
  type DataFormat,
} from '../src/core/index.js';

interface CanonResult {
  sha256?: string;
  canonical_utf8?: string;
  results?: ({ sha256: string } | { error: { code: string; message: string } })[];
  failed?: number;
}

export default class Canon extends MsezCommand<CanonResult> {
  static override summary = 'Print the canonical bytes (MCF) of a JSON or YAML document.';
  static override description =
    'Reads FILE (or standard input with - or no argument) with the strict readers: floats, duplicate keys, ' +
    'lone surrogates and non-string keys are refused. Prints the canonical bytes exactly, with no trailing newline.';
  static override examples = [
    '<%= config.bin %> canon jurisdictions/_starter/zone.yaml',
    '<%= config.bin %> canon doc.json --digest',
    'cat docs.ndjson | <%= config.bin %> canon --ndjson',
  ];
  static override args = {
    file: Args.string({ description: 'JSON or YAML file, or - for standard input', required: false, ignoreStdin: true }),
  };
  static override flags = {
    digest: Flags.boolean({ summary: 'Print the lowercase SHA-256 hex of the canonical bytes and a newline.' }),
    format: Flags.option({ options: ['json', 'yaml'] as const, summary: 'Input format (default: by extension; stdin is json).' })(),
    ndjson: Flags.boolean({
      summary: 'Read one JSON document per line from stdin; print a digest or `error <CODE> <message>` per line.',
      exclusive: ['digest', 'format'],
    }),
  };

  async run(): Promise<CanonResult> {
    const { args, flags } = await this.parse(Canon);
    if (flags.ndjson) return this.ndjson(args.file);
    const file = args.file === undefined || args.file === '-' ? undefined : args.file;
    const stdin = file === undefined;
    const name = file ?? '<stdin>';
    const format: DataFormat = flags.format ?? (stdin ? 'json' : formatFromPath(name));
    const bytes = file === undefined ? await readStdin() : readFileBytes(file);
    const canonical = mcf(parseData(decodeUtf8(bytes, name), format, name).value);
    const sha256 = digestCanonical(canonical).hex;
    this.print(flags.digest ? `${sha256}\n` : canonical);
    return { sha256, canonical_utf8: Buffer.from(canonical).toString('utf8') };
  }

  private async ndjson(file: string | undefined): Promise<CanonResult> {
    if (file !== undefined && file !== '-') throw new MsezError('USAGE', '--ndjson reads standard input only');
    const results: NonNullable<CanonResult['results']> = [];
    let failed = 0;
    let buffer = '';
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let out: string;
      try {
        const sha256 = digestCanonical(mcf(parseJson(line, { file: `<stdin line ${n}>` }).value)).hex;
        out = sha256;
        if (this.jsonEnabled()) results.push({ sha256 });
      } catch (err) {
        if (!(err instanceof MsezError)) throw err;
        failed++;
        const message = err.message.replace(/\s+/g, ' ');
        out = `error ${err.code} ${message}`;
        if (this.jsonEnabled()) results.push({ error: { code: err.code, message } });
      }
      buffer += `${out}\n`;
      if (buffer.length > 65536) {
        this.print(buffer);
        buffer = '';
      }
    }
    this.print(buffer);
    if (failed > 0) process.exitCode = 2;
    return { results, failed };
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
