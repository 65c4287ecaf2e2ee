import { createHash, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MsezError, decodeUtf8, toHex } from '../core/index.js';

/** Shortest accepted API token: a guessable token is refused at start-up, not discovered in production. */
export const MIN_TOKEN_LENGTH = 16;
const MAX_TOKEN_FILE_BYTES = 4096;

/**
 * Reads the API token from a file (spec/api.md §2). Like a key file, the file must not be readable or
 * writable by group or others (KEY_FILE_INSECURE); one token, surrounding whitespace trimmed.
 * @throws MsezError FILE_NOT_FOUND, IO_ERROR, KEY_FILE_INSECURE, USAGE (empty, short or multi-part token)
 */
export function readTokenFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === 'ENOENT') throw new MsezError('FILE_NOT_FOUND', `token file ${path} does not exist`, { file: path }, { cause });
    throw new MsezError('IO_ERROR', `cannot open token file ${path}: ${code ?? 'error'}`, { file: path }, { cause });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new MsezError('USAGE', `token file ${path} is not a regular file`, { file: path });
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
      throw new MsezError('KEY_FILE_INSECURE', `token file ${path} is accessible by group or others (mode ${mode}); run: chmod 600 ${path}`, {
        file: path,
        mode,
      });
    }
    if (st.size > MAX_TOKEN_FILE_BYTES) throw new MsezError('USAGE', `token file ${path} is larger than ${MAX_TOKEN_FILE_BYTES} bytes`, { file: path });
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
    }
    // The message never quotes the file: it holds a secret.
    return parseToken(decodeUtf8(buf.subarray(0, read), path), `token file ${path}`);
  } finally {
    closeSync(fd);
  }
}

/** Checks a token taken from a file or the environment; `source` names it in errors (never the value). */
export function parseToken(raw: string, source: string): string {
  const token = raw.trim();
  if (token === '') throw new MsezError('USAGE', `${source} is empty`);
  if (/\s/.test(token)) throw new MsezError('USAGE', `${source} must hold a single token without whitespace`);
  if (token.length < MIN_TOKEN_LENGTH) throw new MsezError('USAGE', `${source}: the token must have at least ${MIN_TOKEN_LENGTH} characters`);
  return token;
}

/** A caller who presented a valid token; `id` is a short, non-secret label used for rate limits and logs. */
export interface Principal {
  readonly id: string;
}

/**
 * Bearer-token checking (spec/api.md §2). Both sides are hashed with SHA-256 before
 * `crypto.timingSafeEqual`, so the comparison takes the same time whatever the presented token's length
 * or content; every configured token is compared, with no early exit.
 */
export class TokenVerifier {
  private readonly digests: readonly { digest: Buffer; id: string }[];

  constructor(tokens: readonly string[]) {
    if (tokens.length === 0) throw new MsezError('USAGE', 'the API needs at least one bearer token (--token-file or MSEZ_API_TOKEN)');
    this.digests = tokens.map((t) => {
      const digest = hashToken(t);
      return { digest, id: `tok-${toHex(digest).slice(0, 12)}` };
    });
  }

  /** The principal for an `Authorization` header value. @throws MsezError UNAUTHORIZED */
  authenticate(header: string | undefined): Principal {
    if (header === undefined || header === '') throw unauthorized('missing', 'a bearer token is required');
    const m = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
    if (m === null || m[1] === undefined) throw unauthorized('malformed', 'the Authorization header must be "Bearer <token>"');
    const presented = hashToken(m[1]);
    let found: string | undefined;
    for (const d of this.digests) {
      if (timingSafeEqual(presented, d.digest) && found === undefined) found = d.id;
    }
    if (found === undefined) throw unauthorized('invalid', 'the bearer token is not valid');
    return { id: found };
  }
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function unauthorized(reason: 'missing' | 'malformed' | 'invalid', message: string): MsezError {
  return new MsezError('UNAUTHORIZED', message, { reason });
}
