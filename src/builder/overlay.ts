import { applyPatch, parsePatch } from 'diff';
import { MsezError } from '../core/index.js';

/** Path inside a diff header with git's `a/` / `b/` prefix removed (git apply -p1); undefined for /dev/null. */
function diffPath(name: string | undefined): string | undefined {
  if (name === undefined || name === '/dev/null') return undefined;
  const trimmed = name.split('\t')[0]?.trim() ?? '';
  return trimmed.replace(/^[ab]\//, '');
}

/**
 * Applies one unified diff to a module's files (paths relative to the module folder) with jsdiff, in
 * place. Like `git apply`, a hunk that does not match fails the whole patch (PATCH_FAILED) and a
 * `/dev/null` side creates or deletes a file.
 */
export function applyUnifiedDiff(files: Map<string, Uint8Array>, diffText: string, patchName: string): void {
  const patches = parsePatch(diffText);
  if (patches.length === 0 || patches.every((p) => p.hunks.length === 0)) {
    throw new MsezError('PATCH_FAILED', `${patchName}: no hunks found`, { patch: patchName });
  }
  const dec = new TextDecoder('utf-8', { fatal: true });
  const enc = new TextEncoder();
  for (const p of patches) {
    const oldPath = diffPath(p.oldFileName);
    const newPath = diffPath(p.newFileName);
    const target = oldPath ?? newPath;
    if (target === undefined) throw new MsezError('PATCH_FAILED', `${patchName}: a patch names no file`, { patch: patchName });
    let source = '';
    if (oldPath !== undefined) {
      const bytes = files.get(oldPath);
      if (bytes === undefined) throw new MsezError('PATCH_FAILED', `${patchName}: ${oldPath} is not a file of the module`, { patch: patchName, path: oldPath });
      try {
        source = dec.decode(bytes);
      } catch {
        throw new MsezError('PATCH_FAILED', `${patchName}: ${oldPath} is not UTF-8 text`, { patch: patchName, path: oldPath });
      }
    }
    const result = applyPatch(source, p);
    if (result === false) throw new MsezError('PATCH_FAILED', `${patchName}: hunks do not apply to ${target}`, { patch: patchName, path: target });
    if (oldPath !== undefined) files.delete(oldPath);
    if (newPath !== undefined) files.set(newPath, enc.encode(result));
  }
}
