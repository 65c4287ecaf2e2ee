import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readDataFile } from '../../src/core/index.js';
import { openDatabase } from '../../src/store/index.js';
import { formEntity, openAccount, transitionEntity } from '../../src/state/index.js';
import { PROJECT_ROOT } from '../support/vectors.js';

// One scenario: the state is seeded through the library, and the CLI is launched only where its exit
// codes, JSON shape, pack resolution (--root) or human output are what is being tested.
const dir = mkdtempSync(join(tmpdir(), 'msez-compliance-cli-'));
const db = join(dir, 'state.db');
const fixtureRates = join(PROJECT_ROOT, 'test', 'fixtures', 'compliance', 'pk-withholding.yaml');
const REGPACK_A = 'a257fd328a1698fe12a663308d315523d8b72e963ceb97c1e66ec077daa86e52';
const LICENSEPACK = '38d3513b5c357ece43b25a73a24c61fc829862dfaf8427efed5cfc9cb986d13b';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the helper reads arbitrary CLI JSON output
function msez(args: string[], at: string | null = '2026-03-05T10:00:00Z'): { code: number; stdout: string; stderr: string; json: () => any } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args, ...(at === null ? [] : ['--at', at])], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd: dir });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
const state = ['--db', db, '--root', PROJECT_ROOT];

function put(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
}

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands', 'tensor'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  const s = openDatabase(db);
  for (const [id, name, ntn, filer] of [
    ['ent-a', 'Alpha (Pvt) Ltd', '1234567-8', 'filer'],
    ['ent-b', 'Beta (Pvt) Ltd', '7654321', 'non_filer'],
  ] as const) {
    formEntity(s, { entity_id: id, jurisdiction_id: 'pk-sifc', legal_name: name, entity_type: 'company' }, '2026-03-01T00:00:00Z');
    transitionEntity(s, id, { kind: 'approve' }, '2026-03-01T00:00:00Z');
    openAccount(s, { account_id: `acc-${id.slice(4)}`, entity_id: id, ntn, filer_status: filer, currency: 'PKR' }, '2026-03-01T00:00:00Z');
  }
  s.close();
});

describe('msez fiscal / regpack / agentic / tensor over the zone packs', () => {
  test('pay from the zone regpack (and --rates), regpack B halts Beta, tensor with packs, IRIS export', () => {
    const payment = (id: string): string => put(`${id}.json`, { payment_id: id, payer_account_id: 'acc-a', payee_account_id: 'acc-b', event_type: 'payment_for_goods', gross_amount: '100000.00', currency: 'PKR' });
    // Default: the payer's zone (pk-sifc) → stack.lock → pk/tax regpack: §153(1)(a), company not on the ATL, 10%.
    const pay = msez(['fiscal', 'pay', payment('pay-1'), ...state, '--json']);
    expect([pay.code, pay.stderr]).toEqual([0, '']);
    expect(pay.json()).toMatchObject({ status: 'completed', withholding_amount: '10000.00', net_amount: '90000.00', withholding: [{ rule_id: 'pk.wht.s153-1a.goods.company.non-atl@2024-07-01', rate_bps: 1000 }] });
    // --rates FILE: compliance.md §11's table, 9%.
    expect(msez(['fiscal', 'pay', payment('pay-2'), ...state, '--rates', fixtureRates, '--json']).json()).toMatchObject({ withholding_amount: '9000.00', withholding: [{ rule_id: 'PAK-ITO2001-S153-1A-GOODS-NONFILER' }] });
    const noZone = msez(['fiscal', 'pay', payment('pay-3'), ...state, '--zone', 'xx-nowhere', '--json']);
    expect([noZone.code, noZone.json().error.code]).toEqual([2, 'NOT_FOUND']);

    // Regpack B = the pk/tax source plus one entry naming Beta's NTN.
    const b = join(dir, 'regpack-b');
    cpSync(join(PROJECT_ROOT, 'modules', 'regulatory', 'jurisdictions', 'pk', 'tax'), b, { recursive: true });
    const snap = readDataFile(join(b, 'sanctions.yaml')).value as { entries: unknown[]; snapshot_id: string };
    snap.snapshot_id = 'sample-un-consolidated-2026-03-06';
    snap.entries.push({ entry_id: 'SAMPLE-0004', entry_type: 'entity', source_lists: ['un_consolidated'], primary_name: 'Other Name', identifiers: [{ type: 'ntn', value: '7654321' }] });
    writeFileSync(join(b, 'sanctions.yaml'), stringify(snap));
    const diff = msez(['regpack', 'diff', REGPACK_A, b, '--root', PROJECT_ROOT, '--json'], null);
    expect([diff.code, diff.json().sanctions]).toEqual([0, { added: ['SAMPLE-0004'], removed: [], changed: [] }]);

    const scrA = msez(['agentic', 'screen', '--zone', 'pk-sifc', ...state, '--json'], '2026-03-06T00:00:00Z');
    expect([scrA.code, scrA.json().listed]).toEqual([0, []]);
    const scr = msez(['agentic', 'screen', '--regpack', b, ...state, '--json'], '2026-03-06T01:00:00Z');
    expect(scr.code).toBe(0);
    expect(scr.json().listed).toHaveLength(1);
    expect(scr.json().listed[0]).toMatchObject({ entity_id: 'ent-b', entry_id: 'SAMPLE-0004', trigger: { scheduled: [{ policy_id: 'sanctions_auto_halt', action_type: 'halt', status: 'completed' }] } });
    const usage = msez(['agentic', 'screen', ...state, '--json']);
    expect([usage.code, usage.json().error.code]).toEqual([2, 'USAGE']);

    // The zone regpack (A) clears Beta, the stored screening (B) lists it: meet → non_compliant.
    const ev = msez(['tensor', 'evaluate', '--zone', 'pk-sifc', ...state, '--json'], '2026-03-07T00:00:00Z');
    expect(ev.json()).toMatchObject({ evaluated_entities: 2, size: 40, packs: { regpacks: [REGPACK_A], licensepacks: [LICENSEPACK] } });
    const proof = msez(['tensor', 'prove', 'ent-b/pk-sifc/sanctions', ...state, '--json']).json();
    expect(proof).toMatchObject({ root: ev.json().root, tree_size: 40, cell: { state: 'non_compliant', reason_code: 'sanctions_listed:SAMPLE-0004', attestation_digests: [REGPACK_A] } });
    const show = msez(['tensor', 'show', ...state]);
    expect(show.stdout).toMatch(/ent-b pk-sifc\s+PE PE NC NC/);
    expect(show.stdout).not.toMatch(/\u001b\[/);

    const out = join(dir, 'iris.csv');
    expect(msez(['fiscal', 'export', '--period', '2026-03', '--out', out, ...state]).code).toBe(0);
    const csv = readFileSync(out, 'utf8').split('\r\n');
    expect(csv.slice(1, 3)).toEqual([
      'pay-1,2026-03-05,12345678,Alpha (Pvt) Ltd,ent-b,7654321,Beta (Pvt) Ltd,non_filer,153(1)(a),pk.wht.s153-1a.goods.company.non-atl@2024-07-01,10.00,100000.00,10000.00,PKR,',
      'pay-2,2026-03-05,12345678,Alpha (Pvt) Ltd,ent-b,7654321,Beta (Pvt) Ltd,non_filer,ITO 2001 Section 153(1)(a),PAK-ITO2001-S153-1A-GOODS-NONFILER,9.00,100000.00,9000.00,PKR,',
    ]);
  });
});
