import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { PROJECT_ROOT } from '../support/vectors.js';

function msez(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'msez-settle-'));
const NS = 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08';

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  writeFileSync(
    join(dir, 'settle.json'),
    JSON.stringify({
      obligations: [
        { debtor_party_id: 'a', creditor_party_id: 'b', amount: '100.00', currency: 'USD' },
        { debtor_party_id: 'b', creditor_party_id: 'a', amount: '30.25', currency: 'USD' },
      ],
      parties: [
        { party_id: 'a', name: 'Alpha', bic: 'ALPHUS33' },
        { party_id: 'b', name: 'Beta', bic: 'BETAGB2L' },
      ],
    }),
  );
});

describe('msez corridor settle', () => {
  test('emits parseable pacs.008.001.08 XML deterministically under SOURCE_DATE_EPOCH', () => {
    const r = msez(['corridor', 'settle', join(dir, 'settle.json'), '--plan-out', join(dir, 'plan.json')], { SOURCE_DATE_EPOCH: '1767225600' });
    expect(r.code).toBe(0);
    const doc = new DOMParser().parseFromString(r.stdout, 'application/xml');
    expect(doc.documentElement!.namespaceURI).toBe(NS);
    const amt = doc.getElementsByTagNameNS(NS, 'IntrBkSttlmAmt')[0]!;
    expect([amt.getAttribute('Ccy'), amt.textContent]).toEqual(['USD', '69.75']);
    expect(doc.getElementsByTagNameNS(NS, 'CreDtTm')[0]!.textContent).toBe('2026-01-01T00:00:00Z');
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    expect(plan.settlement_legs).toHaveLength(1);
    const again = msez(['corridor', 'settle', join(dir, 'settle.json')], { SOURCE_DATE_EPOCH: '1767225600' });
    expect(again.stdout).toBe(r.stdout);
  });
  test('bad obligations exit 2 with VALIDATION_FAILED', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ debtor_party_id: 'a', creditor_party_id: 'a', amount: '1', currency: 'USD' }]));
    const r = msez(['corridor', 'net', join(dir, 'bad.json'), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('VALIDATION_FAILED');
  });
});
