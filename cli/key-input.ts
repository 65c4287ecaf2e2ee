import { MsezError, writeFileAtomic, readDataFile, isJsonObject, type JsonObject } from '../src/core/index.js';
import { isEncryptedKeyFile, parseKeyFile, readKeyFileBytes, type SigningKey } from '../src/crypto/index.js';
import { toOutputJson } from './json-output.js';

/**
 * Key and credential input for the keys/vc/sign commands. The passphrase comes from MSEZ_KEY_PASSPHRASE or
 * from a no-echo prompt on the terminal; it is never a flag (flags end up in shell history and `ps`).
 */
export const PASSPHRASE_ENV = 'MSEZ_KEY_PASSPHRASE';

export async function readPassphrase(prompt: string, confirm = false): Promise<string> {
  const env = process.env[PASSPHRASE_ENV];
  if (env !== undefined && env !== '') return env;
  if (!process.stdin.isTTY) {
    throw new MsezError('PASSPHRASE_INVALID', `a passphrase is needed: set ${PASSPHRASE_ENV} or run on a terminal`);
  }
  const first = await promptHidden(prompt);
  if (confirm && (await promptHidden('Repeat passphrase: ')) !== first) {
    throw new MsezError('PASSPHRASE_INVALID', 'the two passphrases differ');
  }
  if (first === '') throw new MsezError('PASSPHRASE_INVALID', 'the passphrase must not be empty');
  return first;
}

/** Reads one line from the TTY in raw mode without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new MsezError('PASSPHRASE_INVALID', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Loads a key file, asking for the passphrase only when the file is encrypted. */
export async function openKeyFile(path: string): Promise<SigningKey> {
  const bytes = readKeyFileBytes(path);
  try {
    const passphrase = isEncryptedKeyFile(bytes, path) ? await readPassphrase(`Passphrase for ${path}: `) : undefined;
    return parseKeyFile(bytes, passphrase === undefined ? { file: path } : { file: path, passphrase });
  } finally {
    bytes.fill(0);
  }
}

/** Reads a JSON or YAML document that must be an object (a credential, request or proof). */
export function readObjectFile(path: string, what: string): JsonObject {
  const value = readDataFile(path).value;
  if (!isJsonObject(value)) throw new MsezError('SCHEMA_INVALID', `${what} ${path} must hold a JSON object`, { file: path });
  return value;
}

/** Pretty JSON with a trailing newline (display and output files; never hashed). */
export function jsonText(value: unknown): string {
  return `${toOutputJson(value)}\n`;
}

/** Writes `value` to `out` atomically, or returns the text for stdout. */
export function writeJsonOutput(out: string | undefined, value: unknown): string | undefined {
  const text = jsonText(value);
  if (out === undefined) return text;
  writeFileAtomic(out, text, 0o644);
  return undefined;
}
