import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/vectors.js';

const dir = mkdtempSync(join(tmpdir(), 'msez-compliance-cli-'));
const db = join(dir, 'state.db');
const rates = join(PROJECT_ROOT, 'test', 'fixtures', 'compliance', 'pk-withholding.yaml');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the helper reads arbitrary CLI JSON output
function msez(args: string[], at = '2026-03-05T10:00:00Z'): { code: number; stdout: string; stderr: string; json: () => any } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args, '--db', db, '--at', at], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd: dir });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

function put(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
}

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands', 'tensor'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
});

describe('msez entity / fiscal / agentic / tensor', () => {
  test('form, pay with withholding, sanctions halt, tensor show/prove, IRIS export', () => {
    for (const [id, jid, name] of [
      ['ent-a', 'pk-sifc', 'Alpha (Pvt) Ltd'],
      ['ent-b', 'pk-sifc', 'Beta (Pvt) Ltd'],
    ] as const) {
      const f = msez(['entity', 'form', put(`${id}.json`, { entity_id: id, jurisdiction_id: jid, legal_name: name, entity_type: 'company' }), '--json']);
      expect([f.code, f.json().state]).toEqual([0, 'APPLIED']);
      expect(msez(['entity', 'transition', id, 'approve', '--json']).json().state).toBe('ACTIVE');
    }
    const bad = msez(['entity', 'form', put('bad.json', { entity_id: 'x', jurisdiction_id: 'pk-sifc', legal_name: 'X', entity_type: 'company', extra: 1 }), '--json']);
    expect([bad.code, bad.json().error.code]).toEqual([2, 'SCHEMA_INVALID']);

    expect(msez(['fiscal', 'account', put('acc-a.json', { account_id: 'acc-a', entity_id: 'ent-a', ntn: '1234567-8', filer_status: 'filer', currency: 'PKR' })]).code).toBe(0);
    expect(msez(['fiscal', 'account', put('acc-b.json', { account_id: 'acc-b', entity_id: 'ent-b', filer_status: 'non_filer', currency: 'PKR' })]).code).toBe(0);
    const pay = msez(['fiscal', 'pay', put('pay.json', { payment_id: 'pay-1', payer_account_id: 'acc-a', payee_account_id: 'acc-b', event_type: 'payment_for_goods', gross_amount: '100000.00', currency: 'PKR' }), '--rates', rates, '--json']);
    expect(pay.code).toBe(0);
    expect(pay.json()).toMatchObject({ status: 'completed', withholding_amount: '9000.00', net_amount: '91000.00' });

    const snap = put('snap.json', { snapshot_id: 'ofac-1', snapshot_timestamp: '2026-03-06T00:00:00Z', entries: [{ entry_id: 'SDN-1', entry_type: 'entity', source_lists: ['ofac_sdn'], name: 'beta (pvt) ltd' }] });
    const scr = msez(['agentic', 'screen', snap, '--json'], '2026-03-06T00:00:00Z');
    expect(scr.code).toBe(0);
    expect(scr.json().listed[0].trigger.scheduled[0]).toMatchObject({ policy_id: 'sanctions_auto_halt', action_type: 'halt', status: 'completed' });
    const audit = msez(['agentic', 'audit', '--asset', 'ent-b', '--limit', '2', '--json']).json();
    expect(audit.items.map((e: { entry_type: string }) => e.entry_type)).toEqual(['trigger_received', 'policy_evaluated']);
    expect(audit.next_offset).toBe(2);

    const ev = msez(['tensor', 'evaluate', '--zone', 'pk-sifc', '--json'], '2026-03-07T00:00:00Z');
    expect(ev.json()).toMatchObject({ evaluated_entities: 2, size: 40 });
    const show = msez(['tensor', 'show']);
    expect(show.stdout).toMatch(/ent-b pk-sifc\s+PE PE NC NC/);
    expect(show.stdout).not.toMatch(/\u001b\[/);
    const proof = msez(['tensor', 'prove', 'ent-b/pk-sifc/sanctions', '--json']).json();
    expect(proof).toMatchObject({ root: ev.json().root, tree_size: 40, cell: { state: 'non_compliant', reason_code: 'sanctions_listed:SDN-1' } });
    expect(msez(['tensor', 'prove', 'ent-b/pk-sifc/civic', '--json']).json().error.code).toBe('VALIDATION_FAILED');

    const out = join(dir, 'iris.csv');
    expect(msez(['fiscal', 'export', '--period', '2026-03', '--out', out]).code).toBe(0);
    const csv = readFileSync(out, 'utf8').split('\r\n');
    expect(csv[1]).toBe('pay-1,2026-03-05,12345678,Alpha (Pvt) Ltd,ent-b,,Beta (Pvt) Ltd,non_filer,ITO 2001 Section 153(1)(a),PAK-ITO2001-S153-1A-GOODS-NONFILER,9.00,100000.00,9000.00,PKR,');
  });
});
