import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyFile } from '../../src/crypto/index.js';
import { configToJson } from '../../src/corridor/index.js';
import { PROJECT_ROOT } from '../support/vectors.js';
import { corridorFixture, seedOf } from '../support/corridor-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'msez-corridor-cli-'));
const db = join(dir, 'state.db');
const fx = corridorFixture();
const C = fx.config.corridor_id;

function msez(args: string[]): { code: number; stdout: string; stderr: string; json: () => ReturnType<typeof JSON.parse> } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args, ...(args[1] === 'verify-chain' ? [] : ['--db', db])], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' },
    cwd: dir,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(configToJson(fx.config)));
  writeFileSync(join(dir, 'a.key.json'), createKeyFile(seedOf('a')), { mode: 0o600 });
  writeFileSync(join(dir, 'b.key.json'), createKeyFile(seedOf('b')), { mode: 0o600 });
  fx.writePackage(dir);
  writeFileSync(join(dir, 'agreement-b-reject.json'), JSON.stringify(fx.agreement(1, { commitment: 'reject' })));
  writeFileSync(join(dir, 'payload.json'), '{"amount":"10.00","currency":"USD"}');
});

describe('msez corridor lifecycle, receipts, verify-chain', () => {
  test('init → submit → receipt → activate → checkpoint → export → verify-chain', () => {
    expect(msez(['corridor', 'init', join(dir, 'config.json'), '--json']).json()).toMatchObject({ state: 'DRAFT' });
    const bad = msez(['corridor', 'activate', '-c', C, '--package', dir, '--json']);
    expect([bad.code, bad.json().error.code]).toEqual([2, 'INVALID_TRANSITION']);
    expect(msez(['corridor', 'submit', '-c', C, '--evidence', join(dir, 'corridor.vc.json')]).code).toBe(0);
    const keys = ['--key', join(dir, 'a.key.json'), '--key', join(dir, 'b.key.json')];
    for (let i = 0; i < 3; i++) {
      const p = msez(['corridor', 'receipt', 'propose', '-c', C, '--kind', 'transfer', '--payload', join(dir, 'payload.json'), ...keys, '--out', join(dir, `r${i}.json`)]);
      expect(p.code, p.stderr).toBe(0);
      const a = msez(['corridor', 'receipt', 'append', join(dir, `r${i}.json`), '-c', C, '--json']);
      expect(a.json()).toMatchObject({ sequence: i, receipt_count: i + 1 });
      if (i === 0) {
        // one of two agreements: the §2 check refuses with its code and the report
        const one = msez(['corridor', 'activate', '-c', C, '--package', dir, '--evidence', join(dir, 'agreement-a.json')]);
        expect([one.code, one.stdout]).toEqual([1, expect.stringContaining('threshold zone_authority: 1/2 of 2 NOT MET')]);
        expect(one.stderr).toContain('error[THRESHOLD_NOT_MET]');
        const rej = msez(['corridor', 'activate', '-c', C, '--package', dir, '--evidence', join(dir, 'agreement-a.json'), '--evidence', join(dir, 'agreement-b-reject.json'), '--json']);
        expect(rej.code).toBe(1);
        expect(rej.json().error).toMatchObject({ code: 'ACTIVATION_BLOCKED', details: { activated: false, blockers: [`${fx.parties[1]!.did}:reject`] } });
        // the package's own agreement_vc_path list: activation holds
        const ok = msez(['corridor', 'activate', '-c', C, '--package', dir, '--json']);
        expect(ok.code, ok.stderr).toBe(0);
        expect(ok.json()).toMatchObject({ entry: { kind: 'activate', to_state: 'ACTIVE' }, activation: { activated: true, agreement_set_sha256: fx.config.agreement_set_sha256 } });
      }
    }
    const again = msez(['corridor', 'receipt', 'append', join(dir, 'r1.json'), '-c', C, '--json']);
    expect(again.json().error.code).toBe('CONFLICT');
    expect(msez(['corridor', 'receipt', 'verify', join(dir, 'r1.json'), '-c', C]).code).toBe(0);
    expect(msez(['corridor', 'checkpoint', '-c', C, ...keys, '--root', dir]).code).toBe(0);
    const proof = msez(['corridor', 'prove', '-c', C, '--sequence', '1', '--out', join(dir, 'proof.json')]);
    expect(proof.code).toBe(0);
    expect(spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), 'corridor', 'mmr', 'verify', join(dir, 'proof.json')]).status).toBe(0);
    const status = msez(['corridor', 'status', '-c', C, '--json']).json();
    expect(status).toMatchObject({ state: 'ACTIVE', finality: { finality_level: 'checkpoint_signed', receipt_count: 3 } });
    expect(status.history.map((h: { kind: string }) => h.kind)).toEqual(['submit', 'activate']);
    expect(msez(['corridor', 'export', '-c', C, '--out', join(dir, 'chain.json')]).code).toBe(0);
    const ok = msez(['corridor', 'verify-chain', join(dir, 'chain.json'), '--json']);
    expect(ok.json()).toMatchObject({ ok: true, receipt_count: 3, checkpoints_verified: 1 });
    // tamper one byte inside receipt 1's signature value
    const text = readFileSync(join(dir, 'chain.json'), 'utf8');
    // MCF sorts keys: receipts follow checkpoints; receipt 1's first proof is the third after "receipts".
    let at = text.indexOf('"receipts":[');
    for (let n = 0; n < 3; n++) at = text.indexOf('"proofValue":"z', at + 1);
    at += 20;
    const tampered = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    writeFileSync(join(dir, 'bad-chain.json'), tampered);
    const bad2 = msez(['corridor', 'verify-chain', join(dir, 'bad-chain.json'), '--json']);
    expect(bad2.code).toBe(1);
    expect(bad2.json().error).toMatchObject({ code: 'SIGNATURE_INVALID', details: { first_bad: { kind: 'receipt', index: 1 } } });
  });
  test('an unknown corridor is NOT_FOUND (exit 2)', () => {
    const r = msez(['corridor', 'status', '-c', 'nope', '--json']);
    expect([r.code, r.json().error.code]).toEqual([2, 'NOT_FOUND']);
  });
});
