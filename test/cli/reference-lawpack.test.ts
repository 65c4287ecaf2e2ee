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

  /** Where to change one byte so the entry still parses: a fragment hash digit, or the last text character of a paragraph. */
  const anchors: Record<string, string> = { 'index.json': '"sha256":"', 'akn/main.xml': '</p>' };

  it.each(Object.keys(anchors))('a one-byte change in %s makes law verify exit 1', (entry) => {
    const entries = new Map(readZip(readFileSync(zipPath), zipPath));
    const bytes = Uint8Array.from(entries.get(entry) as Uint8Array);
    const anchor = anchors[entry] as string;
    const found = Buffer.from(bytes).indexOf(anchor, bytes.length >> 1);
    expect(found).toBeGreaterThan(0);
    const at = entry === 'index.json' ? found + anchor.length : found - 1;
    bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30; // '0' or '1': a hex digit, and plain text
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
