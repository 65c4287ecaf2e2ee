import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, jsonOut, runMsez } from '../support/cli.js';
import { vectorJson } from '../support/vectors.js';

beforeAll(() => ensureBuilt());

interface Inputs {
  module_yaml: string;
  sources_yaml: string;
  akn_files: Record<string, string>;
}
const inputs = vectorJson<{ cases: Array<{ ingest_inputs: Inputs }> }>('generated/lawpack_digest.json').cases[0]?.ingest_inputs as Inputs;
const MOD = 'modules/legal/jurisdictions/pk-rsez/companies';

function workspace(overrides: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'msez-law-cli-'));
  const files = { 'module.yaml': inputs.module_yaml, 'sources.yaml': inputs.sources_yaml, ...inputs.akn_files, ...overrides };
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, MOD, rel)), { recursive: true });
    writeFileSync(join(root, MOD, rel), content);
  }
  return root;
}

describe('msez law', () => {
  it('ingest → verify → show; a tampered zip exits 1 with DIGEST_MISMATCH', () => {
    const root = workspace();
    const r = runMsez(['law', 'ingest', MOD, '--as-of-date', '2025-01-01', '--json'], { cwd: root });
    expect(r.status).toBe(0);
    const res = jsonOut<{ lawpack_digest_sha256: string; artifact_path: string; lock_path: string }>(r);
    expect(res.lock_path).toBe(`${MOD}/lawpack.lock.json`);
    const zip = join(root, res.artifact_path);
    const lock = JSON.parse(readFileSync(join(root, res.lock_path), 'utf8')) as { lawpack_digest_sha256: string };
    expect(lock.lawpack_digest_sha256).toBe(res.lawpack_digest_sha256);

    const v = runMsez(['law', 'verify', zip, '--expect', res.lawpack_digest_sha256], { cwd: root });
    expect(v.status).toBe(0);
    expect(v.stdout).toContain(`${res.lawpack_digest_sha256}  ${zip}`);

    const s = runMsez(['law', 'show', res.lawpack_digest_sha256, '--eid', 'sched_1__note', '--json'], { cwd: root });
    expect(s.status).toBe(0);
    expect(jsonOut(s)).toMatchObject({ eid: 'sched_1__note', document: 'akn/Schedule_1.xml', xpath: '/akomaNtoso/doc/mainBody/p', text: 'Fees are <= 0.5% of turnover.' });

    const other = join(root, 'renamed.lawpack.zip');
    writeFileSync(other, readFileSync(zip));
    const bad = runMsez(['law', 'verify', other, '--expect', 'a'.repeat(64), '--json'], { cwd: root });
    expect(bad.status).toBe(1);
    expect(jsonOut<{ error: { code: string } }>(bad).error.code).toBe('DIGEST_MISMATCH');
  });

  it('a DOCTYPE exits 2 with XML_INVALID and writes nothing', () => {
    const root = workspace({ 'src/akn/Schedule_1.xml': '<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a eId="x"/>' });
    const r = runMsez(['law', 'ingest', MOD, '--as-of-date', '2025-01-01'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error\[XML_INVALID\]/);
    expect(existsSync(join(root, 'dist'))).toBe(false);
    expect(existsSync(join(root, MOD, 'lawpack.lock.json'))).toBe(false);
  });

  it('a float in sources.yaml exits 2 with FLOAT_REJECTED', () => {
    const root = workspace({ 'sources.yaml': 'jurisdiction_id: pk\ndomain: tax\nrate: 0.5\n' });
    const r = runMsez(['law', 'ingest', MOD, '--as-of-date', '2025-01-01', '--json'], { cwd: root });
    expect(r.status).toBe(2);
    expect(jsonOut<{ error: { code: string } }>(r).error.code).toBe('FLOAT_REJECTED');
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });
});
