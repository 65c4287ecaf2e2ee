/**
 * Acceptance (issue 3): "editing one byte of ANY module makes `lock --check` exit 1 for EVERY zone that uses
 * it" — and only for those. The repository's own workspace is copied once to a temp dir; for one module per
 * family (the one the most zones use) one byte of one file is flipped, every zone is checked with the library
 * (`checkLock`, what `lock --check` runs; a mismatch is its exit 1), and the byte is restored.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { corridorActivation } from '../../cli/corridor-activation.js';
import { PROJECT_ROOT } from '../../test/support/vectors.js';
import { loadWorkspace, type ModuleInfo, type Workspace } from '../zone/index.js';
import { listModuleFiles } from './content.js';
import { checkLock } from './index.js';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'msez-byte-flip-'));
  for (const part of ['modules', 'profiles', 'jurisdictions', 'registries', 'rulesets']) cpSync(join(PROJECT_ROOT, part), join(root, part), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Zone ids whose profile lists the module (read from the profiles, not from any lock). */
function profileUsers(ws: Workspace, moduleId: string): string[] {
  return ws.zones.filter((z) => ws.profiles.get(z.profileId)?.modules.some((m) => m.module_id === moduleId) === true).map((z) => z.id);
}

/** Zone ids that name one of the module's corridors in `corridors[]`. */
function corridorUsers(ws: Workspace, m: ModuleInfo): string[] {
  return ws.zones.filter((z) => z.corridors.some((id) => ws.corridors.get(id)?.module.id === m.id)).map((z) => z.id);
}

/** Files the workspace loader parses; flipping a byte in them could make the input invalid (exit 2), not stale. */
const PARSED = new Set(['module.yaml', 'corridor.yaml', 'lawpack.lock.json', 'licensepack.lock.json', 'regpack.lock.json']);

/**
 * The file to edit and the byte offset to flip: the case of an ASCII letter (still valid UTF-8 and YAML).
 * For a corridor module, its trust-anchors.yaml (a file the corridor entry pins); otherwise the first file
 * the loader does not parse, else a letter of module.yaml's `description`.
 */
function target(m: ModuleInfo): { file: string; offset: number } {
  const files = listModuleFiles(m.doc.dir).map((parts) => join(m.doc.dir, ...parts));
  const letterAfter = (bytes: Buffer, from: number): number => {
    for (let i = Math.max(from, 0); i < bytes.length; i++) if (/[a-zA-Z]/.test(String.fromCharCode(bytes[i] as number))) return i;
    return -1;
  };
  if (m.kind === 'corridor') {
    const file = join(m.doc.dir, 'trust-anchors.yaml');
    const bytes = readFileSync(file);
    return { file, offset: letterAfter(bytes, bytes.indexOf('description:') + 'description:'.length) };
  }
  for (const file of files) {
    const name = file.split(sep).pop() as string;
    if (PARSED.has(name) || name.endsWith('.vc.json')) continue;
    const offset = letterAfter(readFileSync(file), 0);
    if (offset >= 0) return { file, offset };
  }
  const file = join(m.doc.dir, 'module.yaml');
  const bytes = readFileSync(file);
  return { file, offset: letterAfter(bytes, bytes.indexOf('description:') + 'description:'.length + 1) };
}

describe('one flipped byte in a module fails lock --check for exactly the zones that use it', () => {
  test('one module per family, every zone checked each time', () => {
    const ws0 = loadWorkspace(root);
    // Baseline: every committed lock is current.
    for (const z of ws0.zones) expect(checkLock(ws0, z, { activation: corridorActivation }), z.id).toMatchObject({ ok: true });

    const family = (m: ModuleInfo): string => relative(join(root, 'modules'), m.doc.dir).split(sep)[0] as string;
    const users = (m: ModuleInfo): string[] => [...new Set([...profileUsers(ws0, m.id), ...(m.kind === 'corridor' ? corridorUsers(ws0, m) : [])])].sort();
    const best = new Map<string, ModuleInfo>();
    for (const m of [...ws0.modules.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const cur = best.get(family(m));
      if (cur === undefined || users(m).length > users(cur).length) best.set(family(m), m);
    }
    const sample = [...best.values()].filter((m) => users(m).length > 0);
    // Every module family of the workspace that a zone uses is covered, and most by several zones.
    expect(sample.length).toBeGreaterThanOrEqual(12);
    expect(sample.filter((m) => users(m).length >= 2).length).toBeGreaterThanOrEqual(10);

    const seen: string[] = [];
    for (const m of sample) {
      const { file, offset } = target(m);
      expect(offset, `${m.id}: no letter to flip in ${file}`).toBeGreaterThanOrEqual(0);
      const original = readFileSync(file);
      const edited = Buffer.from(original);
      edited[offset] = (edited[offset] as number) ^ 0x20;
      writeFileSync(file, edited);
      try {
        const ws = loadWorkspace(root);
        const failing = ws.zones.filter((z) => !checkLock(ws, z, { activation: corridorActivation }).ok).map((z) => z.id).sort();
        expect(failing, `${m.id} (${relative(root, file)})`).toEqual(users(m));
        seen.push(`${m.id}:${failing.length}`);
      } finally {
        writeFileSync(file, original);
      }
    }
    expect(seen.length).toBe(sample.length);
  });

  test('a flipped byte in a signed agreement VC (pk-ae, pk-cn) fails exactly the zones using that corridor module', () => {
    const ws0 = loadWorkspace(root);
    for (const [moduleId, rel] of [
      ['org.momentum.msez.corridor.pk-ae', 'modules/corridors/pk-ae/agreements/ae-dubai-difc.agreement.vc.json'],
      ['org.momentum.msez.corridor.pk-cn', 'modules/corridors/pk-cn/agreements/pk-rsez.agreement.vc.json'],
    ] as const) {
      const m = ws0.modules.get(moduleId) as ModuleInfo;
      const expected = [...new Set([...profileUsers(ws0, moduleId), ...corridorUsers(ws0, m)])].sort();
      expect(expected.length).toBeGreaterThanOrEqual(2);
      const file = join(root, rel);
      const original = readFileSync(file);
      const edited = Buffer.from(original);
      const at = original.indexOf('"id": "urn:') + '"id": "u'.length; // a letter inside the VC id string
      edited[at] = (edited[at] as number) ^ 0x20;
      writeFileSync(file, edited);
      try {
        const ws = loadWorkspace(root);
        const failing = ws.zones.filter((z) => !checkLock(ws, z, { activation: corridorActivation }).ok).map((z) => z.id).sort();
        expect(failing, rel).toEqual(expected);
        // The report names the edited VC's raw digest among the differing fields.
        const zone = ws.zones.find((z) => z.id === expected.find((id) => id.includes('pk-')))!;
        const report = checkLock(ws, zone, { activation: corridorActivation });
        expect(report.differences.some((d) => d.endsWith('/corridor_agreement_vc_sha256/' + (rel.includes('ae-dubai') ? '1' : '0')))).toBe(true);
      } finally {
        writeFileSync(file, original);
      }
    }
  });
});
