import { unzipSync, zipSync, type Zippable } from 'fflate';
import { MsezError, compareCodePoints } from '../core/index.js';

/**
 * Orders paths by their `/`-separated components, each compared by code point (formats.md §5, §7):
 * `a/b` sorts before `a-b/c`, where a joined-string sort would not.
 */
export function comparePathComponents(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = compareCodePoints(pa[i] ?? '', pb[i] ?? '');
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

// 1980-01-01 00:00:00, the earliest DOS date. fflate encodes an entry's date from the *local* calendar
// fields of this Date, so constructing it from local fields makes the bytes the same in every time zone.
const DOS_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

/**
 * A deterministic zip (formats.md §7 "Zip"): entries sorted by path components, no directory entries,
 * every entry dated 1980-01-01 00:00:00, DEFLATE level 6, created on MS-DOS (0), mode 0644.
 * The bytes are reproducible within msez; they depend on fflate's DEFLATE encoder.
 */
export function deterministicZip(entries: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const data: Zippable = {};
  for (const name of [...entries.keys()].sort(comparePathComponents)) {
    if (name === '' || name.endsWith('/') || /^\d+$/.test(name)) {
      // An integer-like key would be reordered by the JS object that fflate takes; none is a pack path.
      throw new MsezError('INTERNAL', `zip entry name ${JSON.stringify(name)} is not allowed`, { name });
    }
    data[name] = [entries.get(name) as Uint8Array, { level: 6, mtime: DOS_EPOCH, os: 0, attrs: 0o644 << 16 }];
  }
  return zipSync(data);
}

/** Reads every file entry of a zip (directory entries are skipped). Bad archives are VALIDATION_FAILED. */
export function readZip(bytes: Uint8Array, file: string): Map<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (cause) {
    throw new MsezError('VALIDATION_FAILED', `${file}: not a readable zip archive`, { file }, { cause });
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) if (!name.endsWith('/')) out.set(name, data);
  return out;
}
