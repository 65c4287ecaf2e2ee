import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import { MsezError } from './errors.js';
import { decodeUtf8, parseJson } from './json-reader.js';
import type { JsonValue } from './json-value.js';
import type { ParsedSource } from './source.js';
import { parseYaml, type ParsedYaml } from './yaml-reader.js';

/** Reads a file, mapping "not there" to FILE_NOT_FOUND (exit 2) and other failures to IO_ERROR (exit 3). */
export function readFileBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw fsError(cause, path, 'read');
  }
}

export function fsError(cause: unknown, path: string, op: string): MsezError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new MsezError('FILE_NOT_FOUND', `${path}: no such file`, { path }, { cause });
  if (code === 'EISDIR') return new MsezError('USAGE', `${path}: is a directory, expected a file`, { path }, { cause });
  return new MsezError('IO_ERROR', `${path}: cannot ${op} (${code ?? 'error'})`, { path, errno: code }, { cause });
}

export type DataFormat = 'json' | 'yaml';

export function formatFromPath(path: string): DataFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.yaml' || ext === '.yml' ? 'yaml' : 'json';
}

/** Parses JSON or YAML text with the strict readers; positions are kept for messages. */
export function parseData(text: string, format: DataFormat, file: string): ParsedSource<JsonValue> | ParsedYaml {
  return format === 'yaml' ? parseYaml(text, file) : parseJson(text, { file, positions: true });
}

/** Reads a JSON or YAML file (format by extension unless given). */
export function readDataFile(path: string, format: DataFormat = formatFromPath(path)): ParsedSource<JsonValue> {
  const text = decodeUtf8(readFileBytes(path), path);
  return parseData(text, format, path);
}

/**
 * Writes a file atomically: a temp file in the same directory, fsync, rename (design rule 4).
 * On failure the temp file is removed, so no partial file is ever visible under `path`.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string, mode = 0o644): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'wx', mode);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let off = 0;
      while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (cause) {
    rmSync(tmp, { force: true });
    if (cause instanceof MsezError) throw cause;
    throw fsError(cause, path, 'write');
  }
}
