import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSha256Hex } from '../../src/core/index.js';
import { buildLawpack, deterministicZip, lawpackLock, lawpackZip, readZip } from '../../src/pack/index.js';
import { ensureBuilt, jsonOut, runMsez } from '../support/cli.js';
import { PROJECT_ROOT } from '../support/vectors.js';

/**
 * Parity with the reference ingest (issue 4): test/fixtures/reference/lawpack holds the zip and lock that
 * momentum-sez/stack tools/lawpack.py `ingest_lawpack` produced from our own modules (README.md there says
 * how). msez must verify the reference zip, reach the same digest from the same module, and write the
 * same lock apart from `artifact_sha256`, which hashes DEFLATE output (zlib there, fflate here).
 */

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'reference', 'lawpack');
const MODULES: Record<string, string> = {
  'pk-tax': 'modules/legal/jurisdictions/pk/tax',
  'pk-aml': 'modules/legal/jurisdictions/pk/aml',
  // Fictional Exclusive C14N edge cases (prefixes, attribute and namespace order, xmlns="", PIs, UTF-8 offsets).
  'c14n-stress': 'test/fixtures/reference/lawpack/c14n-stress/module',
};
/** The tool_version both our committed locks and the reference run recorded. */
const TOOL_VERSION = '0.1.0';

interface RefLock {
  lawpack_digest_sha256: string;
  as_of_date: string;
  artifact_path: string;
  artifact_sha256: string;
  components: Record<string, unknown>;
}

function fixture(name: string): { lock: RefLock; zipPath: string } {
  const dir = join(FIXTURES, name);
  const lock = JSON.parse(readFileSync(join(dir, 'lawpack.lock.json'), 'utf8')) as RefLock;
  const zipName = readdirSync(dir).find((f) => f.endsWith('.lawpack.zip'));
  if (zipName === undefined) throw new Error(`${dir}: no .lawpack.zip`);
  return { lock, zipPath: join(dir, zipName) };
}

beforeAll(() => ensureBuilt());

describe.each(Object.keys(MODULES))('reference lawpack %s', (name) => {
  const { lock, zipPath } = fixture(name);
  const moduleDir = join(PROJECT_ROOT, MODULES[name] as string);

  it('msez law verify accepts the reference zip and reports the reference digest', () => {
    const r = runMsez(['law', 'verify', zipPath, '--expect', lock.lawpack_digest_sha256, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = jsonOut<{ ok: boolean; lawpack_digest_sha256: string; claims: Array<{ source: string; claimed: string; ok: boolean }> }>(r);
    expect(report.ok).toBe(true);
    expect(report.lawpack_digest_sha256).toBe(lock.lawpack_digest_sha256);
    expect(report.claims).toEqual([
      { source: 'digest.sha256', claimed: lock.lawpack_digest_sha256, ok: true },
      { source: 'file name', claimed: lock.lawpack_digest_sha256, ok: true },
      { source: '--expect', claimed: lock.lawpack_digest_sha256, ok: true },
    ]);
  });

  it('our ingest of the same module gives the same digest, components and lock', () => {
    const build = buildLawpack(moduleDir, { asOfDate: lock.as_of_date, toolVersion: TOOL_VERSION });
    expect(build.digest).toBe(lock.lawpack_digest_sha256);
    expect(build.components).toEqual(lock.components);
    // Every lock field matches once the zip-byte digest is taken from the reference.
    expect(lawpackLock(build, lock.artifact_path, parseSha256Hex(lock.artifact_sha256))).toEqual(lock);
  });

  it('the zip entries are byte-equal to ours, in the same order', () => {
    const build = buildLawpack(moduleDir, { asOfDate: lock.as_of_date, toolVersion: TOOL_VERSION });
    const theirs = readZip(readFileSync(zipPath), zipPath);
    const ours = readZip(lawpackZip(build), 'ours');
    expect([...theirs.keys()]).toEqual([...ours.keys()]);
    for (const [k, v] of theirs) expect(Buffer.from(v).equals(Buffer.from(ours.get(k) as Uint8Array)), k).toBe(true);
  });

  it.each(['index.json', 'akn'])('a one-byte change in %s makes law verify exit 1', (which) => {
    const entries = new Map(readZip(readFileSync(zipPath), zipPath));
    const entry = which === 'akn' ? ([...entries.keys()].find((k) => k.startsWith('akn/')) as string) : which;
    const bytes = Uint8Array.from(entries.get(entry) as Uint8Array);
    const text = Buffer.from(bytes).toString('latin1');
    // Still parses after the change: a hex digit of a fragment hash, or a letter of character data.
    const found = which === 'akn' ? text.slice(bytes.length >> 1).search(/>[A-Za-z]/) + (bytes.length >> 1) + 1 : text.indexOf('"sha256":"', bytes.length >> 1) + 10;
    expect(found).toBeGreaterThan(bytes.length >> 1);
    bytes[found] = bytes[found] === 0x30 ? 0x31 : 0x30;
    entries.set(entry, bytes);
    const dir = mkdtempSync(join(tmpdir(), 'msez-ref-lawpack-'));
    const tampered = join(dir, `${lock.lawpack_digest_sha256}.lawpack.zip`);
    writeFileSync(tampered, deterministicZip(entries));
    const r = runMsez(['law', 'verify', tampered, '--json']);
    expect(r.status).toBe(1);
    const out = jsonOut<{ ok: boolean; error: { code: string; details: { lawpack_digest_sha256: string } } }>(r);
    expect(out.error.code).toBe('DIGEST_MISMATCH');
    expect(out.error.details.lawpack_digest_sha256).not.toBe(lock.lawpack_digest_sha256);
  });
});
