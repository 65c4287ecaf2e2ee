import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, vectorJson } from '../support/vectors.js';

interface ProofsVector {
  cases: { size: number; next_roots: string[]; root: string; proofs: unknown[] }[];
  verify_cases: { name: string; proof: unknown; expected_valid: boolean }[];
}

function msez(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'msez-mmr-'));
const vec = vectorJson<ProofsVector>('generated/mmr_proofs.json');
const c13 = vec.cases[12]!;

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  writeFileSync(join(dir, 'roots.json'), JSON.stringify(c13.next_roots));
});

describe('msez corridor mmr', () => {
  test('root --json prints {size, root, peaks}', () => {
    const r = msez(['corridor', 'mmr', 'root', join(dir, 'roots.json'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ size: 13, root: c13.root });
  });
  test('prove prints the reference proof object; verify accepts it', () => {
    const r = msez(['corridor', 'mmr', 'prove', join(dir, 'roots.json'), '--index', '9']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(c13.proofs[9]);
    writeFileSync(join(dir, 'p9.json'), r.stdout);
    expect(msez(['corridor', 'mmr', 'verify', join(dir, 'p9.json')]).code).toBe(0);
  });
  test('every tampered verify case exits 1 with INCLUSION_PROOF_INVALID', () => {
    for (const v of vec.verify_cases.filter((c) => !c.expected_valid).slice(0, 4)) {
      const f = join(dir, `${v.name}.json`);
      writeFileSync(f, JSON.stringify(v.proof));
      const r = msez(['corridor', 'mmr', 'verify', f, '--json']);
      expect(r.code, v.name).toBe(1);
      expect(JSON.parse(r.stdout).error.code).toBe('INCLUSION_PROOF_INVALID');
    }
  });
  test('consistency proof round-trip; bad input exits 2', () => {
    const r = msez(['corridor', 'mmr', 'prove', join(dir, 'roots.json'), '--from-size', '5', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'MSEZReceiptMMRConsistencyProof', old_size: 5, new_size: 13, new_root: c13.root });
    writeFileSync(join(dir, 'c.json'), r.stdout);
    expect(msez(['corridor', 'mmr', 'verify', join(dir, 'c.json'), '--root', c13.root]).code).toBe(0);
    writeFileSync(join(dir, 'bad.json'), '["nothex"]');
    const bad = msez(['corridor', 'mmr', 'root', join(dir, 'bad.json'), '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.code).toBe('INVALID_DIGEST');
  });
});
