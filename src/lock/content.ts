import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { MsezError, compareCodePoints, digestParts, fsError, readFileBytes, type Sha256Hex } from '../core/index.js';

const NUL = new Uint8Array([0]);
const utf8 = new TextEncoder();

/** Regular files under `dir` as path-component lists, sorted component by component (formats.md §5). */
export function listModuleFiles(dir: string, root: string = dir): string[][] {
  const out: string[][] = [];
  const walk = (abs: string, parts: string[]): void => {
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch (cause) {
      throw fsError(cause, abs, 'list');
    }
    for (const name of names) {
      const full = join(abs, name);
      const st = lstatSync(full);
      const rel = [...parts, name];
      if (st.isSymbolicLink()) {
        // D16: a symlink could pull bytes from outside the module into its digest, or differ per checkout.
        const file = relative(root, full).split(sep).join('/');
        throw new MsezError('SYMLINK_REFUSED', `${file}: symlinks are refused inside a module directory`, { file, path: full });
      }
      if (st.isDirectory()) walk(full, rel);
      else if (st.isFile()) out.push(rel);
      else throw new MsezError('SYMLINK_REFUSED', `${full}: not a regular file or directory`, { path: full });
    }
  };
  walk(dir, []);
  return out.sort(comparePaths);
}

/** `a/b` < `a-b/c`: components compared by code point, a shorter prefix first. */
export function comparePaths(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareCodePoints(a[i] as string, b[i] as string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * `content_sha256` (D14): SHA-256 over every regular file of the module directory, in path-component
 * order; per file the POSIX relative path in UTF-8, NUL, the raw bytes, NUL. No prefix.
 */
export function contentSha256(dir: string, root: string = dir): Sha256Hex {
  const parts: Uint8Array[] = [];
  for (const rel of listModuleFiles(dir, root)) {
    parts.push(utf8.encode(rel.join('/')), NUL, readFileBytes(join(dir, ...rel)), NUL);
  }
  return digestParts(parts).hex;
}
