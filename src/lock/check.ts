import { existsSync } from 'node:fs';
import { MsezError, decodeUtf8, parseYaml, readFileBytes, type JsonValue } from '../core/index.js';
import type { Workspace, ZoneInfo } from '../zone/index.js';
import { computeLock, diffLocks, existingGeneratedAt, lockPathOf, type LockOptions } from './lock.js';

export interface LockCheckReport {
  readonly path: string;
  readonly ok: boolean;
  /** JSON pointers of the fields that differ (empty when ok). */
  readonly differences: readonly string[];
}

/**
 * `lock --check` (formats.md §5 steps 1, 4, 13): strict, skip-existing and canonical-json; never writes. Absent lock → FILE_NOT_FOUND (exit 2);
 * a lock without a valid `generated_at` is a mismatch. Passes when the bytes equal MCF(lock) with or
 * without one trailing newline.
 */
export function checkLock(ws: Workspace, zone: ZoneInfo, opts: Pick<LockOptions, 'out' | 'generatedAt' | 'emitArtifactRefs' | 'activation'>): LockCheckReport {
  const path = lockPathOf(zone, opts.out);
  if (!existsSync(path)) throw new MsezError('FILE_NOT_FOUND', `${path}: no lock to check (run msez lock first)`, { path });
  const onDisk = readFileBytes(path);
  if (opts.generatedAt === undefined && existingGeneratedAt(path) === undefined) {
    return { path, ok: false, differences: ['/generated_at'] };
  }
  const { bytes, lock } = computeLock(ws, zone, { ...opts, strict: true, out: path });
  const body = bytes.subarray(0, bytes.byteLength - 1);
  if (Buffer.compare(Buffer.from(onDisk), Buffer.from(bytes)) === 0 || Buffer.compare(Buffer.from(onDisk), Buffer.from(body)) === 0) {
    return { path, ok: true, differences: [] };
  }
  let existing: JsonValue;
  try {
    existing = parseYaml(decodeUtf8(onDisk, path), path).value;
  } catch {
    return { path, ok: false, differences: [''] };
  }
  const differences = diffLocks(existing, lock);
  return { path, ok: false, differences: differences.length > 0 ? differences : ['(formatting: not canonical JSON)'] };
}
