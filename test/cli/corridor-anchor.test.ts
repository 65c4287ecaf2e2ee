import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corridorFinality, createCheckpoint, activateCorridor, applyTransition, initCorridor, openDatabase, proposeAndAppend } from '../../src/store/index.js';
import { PROJECT_ROOT } from '../support/vectors.js';
import { corridorFixture } from '../support/corridor-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'msez-corridor-anchor-cli-'));
const db = join(dir, 'state.db');
const fx = corridorFixture();
const C = fx.config.corridor_id;
const T0 = '2026-01-01T00:00:00Z';
let hc = '';

function msez(args: string[]): { code: number; stdout: string; stderr: string; json: () => ReturnType<typeof JSON.parse> } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'run.js'), ...args, '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' },
    cwd: dir,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

const anchor = (head: string, chain: Record<string, unknown> = {}) => ({
  head_commitment_digest_sha256: head,
  chain: { network: 'ethereum', chain_id: 1, tx_hash: `0x${'1'.repeat(64)}`, block_number: 1000, block_hash: `0x${'b'.repeat(64)}`, block_timestamp: 1767225600, ...chain },
});

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'build', 'commands', 'corridor', 'anchor', 'record.js'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  const d = openDatabase(db);
  initCorridor(d, fx.config, T0);
  applyTransition(d, C, 'submit', [fx.definition], T0);
  proposeAndAppend(d, C, { timestamp: '2026-01-01T00:01:00Z' }, fx.parties);
  activateCorridor(d, C, fx.activation(), T0);
  createCheckpoint(d, C, '2026-01-01T00:02:00Z', fx.parties);
  hc = corridorFinality(d, C, T0).head_commitment_digest_sha256;
  d.close();
  writeFileSync(join(dir, 'anchor.json'), JSON.stringify(anchor(hc)));
  writeFileSync(join(dir, 'unknown.json'), JSON.stringify(anchor('f'.repeat(64))));
  writeFileSync(join(dir, 'badchain.json'), JSON.stringify(anchor(hc, { chain_id: 137 })));
});

describe('msez corridor anchor record|list', () => {
  test('exit codes and JSON results', () => {
    const empty = msez(['corridor', 'anchor', 'list', '-c', C, '--json']);
    expect([empty.code, empty.json()]).toEqual([0, []]);
    const unknown = msez(['corridor', 'anchor', 'record', '-c', C, '--file', join(dir, 'unknown.json'), '--observed-block', '2000', '--json']);
    expect([unknown.code, unknown.json().error.code, unknown.json().error.details.rule]).toEqual([2, 'NOT_FOUND', 'ANCHOR_UNKNOWN_HEAD']);
    const bad = msez(['corridor', 'anchor', 'record', '-c', C, '--file', join(dir, 'badchain.json'), '--observed-block', '2000']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('error[VALIDATION_FAILED]')]);
    const before = msez(['corridor', 'anchor', 'record', '-c', C, '--file', join(dir, 'anchor.json'), '--observed-block', '999', '--json']);
    expect([before.code, before.json().error.details.rule]).toEqual([2, 'ANCHOR_OBSERVED_BEFORE_BLOCK']);
    const ok = msez(['corridor', 'anchor', 'record', '-c', C, '--file', join(dir, 'anchor.json'), '--observed-block', '1063']);
    expect([ok.code, ok.stdout]).toEqual([0, `recorded ethereum anchor of ${hc}: 64/64 confirmations (final)\n`]);
    const list = msez(['corridor', 'anchor', 'list', '-c', C, '--json']);
    expect(list.code).toBe(0);
    expect(list.json()).toEqual([{ anchor: anchor(hc), recorded_at: '2026-01-01T00:00:00Z', finality: { network: 'ethereum', observed_block_number: 1063, confirmations: 64, finality_blocks: 64, final: true } }]);
    expect(msez(['corridor', 'anchor', 'list', '-c', 'nope', '--json']).code).toBe(2);
  });
});
