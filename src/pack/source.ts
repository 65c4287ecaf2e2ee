import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  MsezError,
  decodeUtf8,
  isJsonObject,
  parseJsonBytes,
  parseYaml,
  readFileBytes,
  type JsonObject,
  type JsonValue,
} from '../core/index.js';
import { comparePathComponents } from './zip.js';

/** Reads a YAML (or JSON) file whose top level must be a mapping; strict readers (floats are refused). */
export function readObjectFile(path: string): JsonObject {
  const value = parseYaml(decodeUtf8(readFileBytes(path), path), path).value;
  if (!isJsonObject(value)) {
    throw new MsezError('SCHEMA_INVALID', `${path}: expected a mapping at the top level`, { file: path, fields: [{ path: '', message: 'must be object' }] });
  }
  return value;
}

/** Like {@link readObjectFile}, but `undefined` when the file is absent. */
export function readOptionalObjectFile(path: string): JsonObject | undefined {
  return existsSync(path) ? readObjectFile(path) : undefined;
}

/** Parses bytes that hold JSON (or YAML, JSON's superset as msez reads it). */
export function parseJsonOrYamlBytes(bytes: Uint8Array, file: string): JsonValue {
  try {
    return parseJsonBytes(bytes, { file }).value;
  } catch (err) {
    if (err instanceof MsezError && err.code === 'JSON_SYNTAX') return parseYaml(decodeUtf8(bytes, file), file).value;
    throw err;
  }
}

/**
 * Regular files under `dir` whose name ends with `suffix`, as `/`-joined paths relative to `dir`, sorted by
 * path components. Symlinks are refused (SYMLINK_REFUSED) so a pack cannot pull in files from elsewhere.
 */
export function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) {
        throw new MsezError('SYMLINK_REFUSED', `${full}: symbolic links are not allowed in pack sources`, { path: full });
      }
      if (st.isDirectory()) walk(full);
      else if (st.isFile() && name.endsWith(suffix)) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort(comparePathComponents);
}

/** Python `str(x or "")` for a scalar read from YAML: falsy values become "". */
export function text(value: JsonValue | undefined): string {
  if (value === undefined || value === null || value === false || value === '' || value === 0) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  throw new MsezError('SCHEMA_INVALID', 'expected a scalar value', { found: Array.isArray(value) ? 'array' : 'object' });
}

/** `YYYY-MM-DD` and a real calendar date. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Lock files: pretty JSON (indent 2, non-ASCII raw) and a final newline; key order as built. */
export function prettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
