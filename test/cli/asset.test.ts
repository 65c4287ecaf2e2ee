import { beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/index.js';
import { evaluateAndStore, formEntity, recordAttestation, transitionEntity } from '../../src/state/index.js';
import { verifyCellProof } from '../../src/tensor/index.js';
import { PROJECT_ROOT } from '../support/vectors.js';

// msez asset genesis|show|list|evaluate through the built binary: state seeded through the library, the
// workspace a temp dir (the genesis document lands in its CAS).
const root = mkdtempSync(join(tmpdir(), 'msez-asset-cli-'));
const db = join(root, 'state.db');
const T0 = '2026-03-01T00:00:00Z';
const AT = '2026-03-05T10:00:00Z';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the helper reads arbitrary CLI JSON output
function msez(args: string[]): { code: number; stdout: string; stderr: string; json: () => any } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd: root });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
const state = ['--db', db, '--root', root];

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands', 'asset'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  const s = openDatabase(db);
  formEntity(s, { entity_id: 'ent-a', jurisdiction_id: 'pk-sifc', legal_name: 'Alpha (Pvt) Ltd', entity_type: 'company' }, T0);
  transitionEntity(s, 'ent-a', { kind: 'approve' }, T0);
  recordAttestation(s, { attestation_id: 'att-1', subject_id: 'ent-a', jurisdiction_id: 'pk-sifc', domain: 'sanctions', attestation_type: 'SCREENING', state: 'compliant', digest: 'c'.repeat(64), issued_at: T0 });
  evaluateAndStore(s, { zone_id: 'pk-sifc' }, T0);
  s.close();
});

describe('msez asset', () => {
  test('genesis → list → show → evaluate, with the asset id the digest of the stored genesis bytes', () => {
    const file = join(root, 'ip.yaml');
    writeFileSync(file, 'asset_name: Patent PK-77\nasset_class: ip\nissuer_entity_id: ent-a\njurisdiction_id: pk-sifc\n');
    const g = msez(['asset', 'genesis', file, ...state, '--at', AT, '--json']);
    expect([g.code, g.stderr]).toEqual([0, '']);
    const asset = g.json();
    const canonical = `{"asset_class":"ip","asset_name":"Patent PK-77","created_at":"${AT}","issuer_entity_id":"ent-a","jurisdiction_id":"pk-sifc","stack_spec_version":"0.4.44","type":"SmartAssetGenesis"}`;
    const id = createHash('sha256').update(canonical, 'utf8').digest('hex');
    expect(asset).toMatchObject({ asset_id: id, created_at: AT, compliance_status: 'unevaluated' });
    expect(readFileSync(join(root, 'dist', 'artifacts', 'smart-asset-genesis', `${id}.json`), 'utf8')).toBe(canonical);

    const list = msez(['asset', 'list', ...state, '--class', 'ip']);
    expect([list.code, list.stdout]).toEqual([0, `${id}\tip\tent-a\tpk-sifc\tunevaluated\tPatent PK-77\n`]);

    const ev = msez(['asset', 'evaluate', id, ...state, '--at', AT, '--json']);
    expect(ev.code).toBe(0);
    const r = ev.json();
    expect(r.domains.map((d: { domain: string; state: string }) => [d.domain, d.state])).toEqual([
      ['sanctions', 'compliant'],
      ['tax', 'pending'],
      ['ip', 'pending'],
    ]);
    expect([r.aggregate, r.passing, r.tensor.size, r.tensor.as_of]).toEqual(['pending', false, 20, T0]);
    expect(verifyCellProof(r.domains[0].cells[0].proof, r.tensor.root)).toBe(true);

    const show = msez(['asset', 'show', id, ...state]);
    expect([show.code, show.stdout]).toEqual([0, `${id}\n  ip Patent PK-77\n  issuer ent-a in pk-sifc, created ${AT}\n  compliance pending (${AT})\n`]);
  });

  test('refusals: bad input (exit 2, nothing stored), unknown asset (NOT_FOUND), duplicate genesis (CONFLICT)', () => {
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ asset_name: 'x', asset_class: 'bond', issuer_entity_id: 'ent-a', jurisdiction_id: 'pk-sifc' }));
    const before = readdirSync(join(root, 'dist', 'artifacts', 'smart-asset-genesis')).length;
    const r = msez(['asset', 'genesis', bad, ...state, '--json']);
    expect([r.code, r.json().error.code, r.json().error.details.fields[0].pointer]).toEqual([2, 'SCHEMA_INVALID', '/asset_class']);
    expect(readdirSync(join(root, 'dist', 'artifacts', 'smart-asset-genesis')).length).toBe(before);
    const missing = msez(['asset', 'show', 'f'.repeat(64), ...state]);
    expect([missing.code, missing.stderr.startsWith('error[NOT_FOUND]')]).toEqual([2, true]);
    const file = join(root, 'ip.yaml');
    const dup = msez(['asset', 'genesis', file, ...state, '--at', AT, '--json']);
    expect([dup.code, dup.json().error.code]).toEqual([2, 'CONFLICT']);
  });
});
