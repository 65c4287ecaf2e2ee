import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/index.js';
import { fileDispute } from '../../src/state/index.js';
import { PROJECT_ROOT } from '../support/vectors.js';

// The dispute is seeded through the library; the CLI is launched only for exit codes and JSON shape.
const dir = mkdtempSync(join(tmpdir(), 'msez-arbitration-cli-'));
const db = join(dir, 'state.db');
const D1 = 'a'.repeat(64);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the helper reads arbitrary CLI JSON output
function msez(args: string[]): { code: number; stdout: string; stderr: string; json: () => any } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args, '--db', db, '--at', '2026-04-02T00:00:00Z', '--json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd: dir });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

function put(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
}

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands', 'dispute'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  const s = openDatabase(db);
  fileDispute(s, { dispute_id: 'disp-2026-1', dispute_type: 'delivery_failure', claimant: 'ent-a', respondent: 'ent-b', evidence_digest: D1 }, '2026-04-01T00:00:00Z');
  s.close();
});

describe('msez dispute / escrow', () => {
  test('advance, escrow open + release, show; refused transitions and bad input exit 2', () => {
    const adv = msez(['dispute', 'advance', 'disp-2026-1', 'UNDER_REVIEW', '--evidence', 'b'.repeat(64)]);
    expect([adv.code, adv.stderr]).toEqual([0, '']);
    expect(adv.json()).toMatchObject({ dispute_id: 'disp-2026-1', state: 'UNDER_REVIEW', history: [{ from: 'FILED', to: 'UNDER_REVIEW', at: '2026-04-02T00:00:00Z', evidence_digest: 'b'.repeat(64) }] });

    const bad = msez(['dispute', 'advance', 'disp-2026-1', 'CLOSED', '--evidence', 'b'.repeat(64)]);
    expect([bad.code, bad.json()]).toMatchObject([2, { ok: false, error: { code: 'INVALID_TRANSITION', details: { from: 'UNDER_REVIEW', to: 'CLOSED' } } }]);

    const open = msez(['escrow', 'open', put('esc.json', { escrow_id: 'esc-1', dispute_id: 'disp-2026-1', escrow_type: 'award_escrow', currency: 'PKR', amount: '500.25', depositor: 'ent-b' })]);
    expect([open.code, open.json()]).toMatchObject([0, { escrow_id: 'esc-1', status: 'funded', amount: '500.25', remaining: '500.25' }]);
    const rel = msez(['escrow', 'release', put('rel.json', { escrow_id: 'esc-1', amount: '600', condition: 'RulingEnforced', to: 'ent-a' })]);
    expect([rel.code, rel.json().error.code]).toEqual([2, 'VALIDATION_FAILED']);

    const show = msez(['dispute', 'show', 'disp-2026-1']);
    expect(show.code).toBe(0);
    expect(show.json()).toMatchObject({ dispute: { state: 'UNDER_REVIEW', filing_evidence_digest: D1 }, evidence: [], escrows: [{ escrow_id: 'esc-1', released: '0.00', movements: [] }], enforcement: [] });

    const missing = msez(['dispute', 'file', join(dir, 'nope.json')]);
    expect([missing.code, missing.json().error.code]).toEqual([2, 'FILE_NOT_FOUND']);
    const list = msez(['dispute', 'list', '--limit', '1']);
    expect([list.code, list.json()]).toMatchObject([0, { items: [{ dispute_id: 'disp-2026-1', state: 'UNDER_REVIEW' }] }]);
  });
});
