import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArtifactStore } from '../cas/index.js';
import { digestParts, mcf, type JsonObject } from '../core/index.js';
import { PROJECT_ROOT, expectMsezError } from '../../test/support/vectors.js';
import {
  PACK_DIGEST_RULES,
  buildLicensepack,
  buildRegpack,
  diffRegpacks,
  licensepackDigest,
  licensepackDigestOfZip,
  licensepackZip,
  readLicensepackSource,
  readRegpackSource,
  regpackDigest,
} from './index.js';

const PK_TAX = join(PROJECT_ROOT, 'modules/regulatory/jurisdictions/pk/tax');
const PK_LIC = join(PROJECT_ROOT, 'modules/licensing/jurisdictions/pk/financial');
const roots: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'msez-packs-'));
  roots.push(d);
  return d;
};
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});
const enc = new TextEncoder();

describe('regpack', () => {
  it('digest = sha256(prefix ‖ MCF(metadata) ‖ MCF(snapshot) ‖ MCF(regulator ids) ‖ MCF(sorted deadlines))', () => {
    const pack = readRegpackSource(PK_TAX);
    const { sanctions_snapshot: snap, ...metadata } = pack;
    const deadlines = [...((pack.compliance_calendar as JsonObject).deadlines as JsonObject[])].sort((a, b) =>
      String(a.deadline_id) < String(b.deadline_id) ? -1 : 1,
    );
    const expected = digestParts([enc.encode('msez-regpack-v1\0'), mcf(metadata), mcf(snap), mcf({ regulators: ['fbr'] }), mcf({ deadlines })]).hex;
    expect(regpackDigest(pack)).toBe(expected);
    // digest_sha256 itself is not hashed, so the stored object re-hashes to its own name.
    expect(regpackDigest({ ...pack, digest_sha256: expected })).toBe(expected);
  });

  it('the pk/tax rate table: integer basis points, each value cited and dated', () => {
    const pack = readRegpackSource(PK_TAX);
    const rates = (pack.rate_tables as JsonObject[]).flatMap((t) => t.rates as JsonObject[]);
    const byId = new Map(rates.map((r) => [r.rate_id as string, r]));
    const bps = (id: string): unknown => ((byId.get(id)?.values as JsonObject[])[0] as JsonObject).basis_points;
    expect(bps('pk.wht.s150.dividend.atl')).toBe(1500);
    expect(bps('pk.wht.s150.dividend.non-atl')).toBe(3000);
    for (const r of rates) {
      for (const v of r.values as JsonObject[]) {
        expect(typeof v.citation).toBe('string');
        expect(v.effective_from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('build stores the regpack under its digest, verifies in the CAS, and a tampered file fails', () => {
    const root = tmp();
    const src = join(root, 'src');
    cpSync(PK_TAX, src, { recursive: true });
    const store = new ArtifactStore({ root, rules: PACK_DIGEST_RULES });
    const r = buildRegpack(src, { root, store });
    expect(r.counts).toEqual({ regulators: 1, sanctions_entries: 3, deadlines: 5, rates: 23 });
    expect(store.verifyAll().failed).toBe(0);
    const lock = JSON.parse(readFileSync(join(src, 'regpack.lock.json'), 'utf8')) as JsonObject;
    expect(lock.regpack_digest_sha256).toBe(r.regpack_digest_sha256);
    const file = join(root, r.artifact_path);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"basis_points":1500', '"basis_points":1400'));
    expect(store.verifyAll().failed).toBe(1);
    expectMsezError(() => store.resolve('regpack', r.regpack_digest_sha256), 'DIGEST_MISMATCH');
  });

  it('refuses floats, a bad regpack_id, duplicate ids and unordered dated values', () => {
    const write = (extra: string, rates?: string): string => {
      const d = tmp();
      writeFileSync(
        join(d, 'regpack.yaml'),
        `regpack_id: "regpack:pk:tax:ty2025"\nregpack_version: "1.0"\njurisdiction_id: pk\ndomain: tax\nas_of_date: "2025-07-01"\nsnapshot_type: annual\n${extra}`,
      );
      if (rates !== undefined) writeFileSync(join(d, 'rates.yaml'), rates);
      return d;
    };
    const table = (values: string): string =>
      `rate_tables:\n  - table_id: t\n    title: T\n    unit: basis_points\n    currency: PKR\n    rates:\n      - rate_id: r\n        description: d\n        values:\n${values}`;
    expect(() => readRegpackSource(write(''))).not.toThrow();
    expectMsezError(() => readRegpackSource(write('meta: { rate: 0.05 }\n')), 'FLOAT_REJECTED');
    const badId = write('');
    writeFileSync(join(badId, 'regpack.yaml'), readFileSync(join(badId, 'regpack.yaml'), 'utf8').replace('regpack:pk:tax:ty2025', 'regpack:pk-tax'));
    expectMsezError(() => readRegpackSource(badId), 'SCHEMA_INVALID');
    expectMsezError(() => readRegpackSource(write('', table('          - { effective_from: "2024-07-01", basis_points: 5.5, citation: c }\n'))), 'FLOAT_REJECTED');
    expectMsezError(
      () =>
        readRegpackSource(
          write('', table('          - { effective_from: "2024-07-01", basis_points: 5, citation: c }\n          - { effective_from: "2023-07-01", basis_points: 4, citation: c }\n')),
        ),
      'SCHEMA_INVALID',
    );
    expectMsezError(() => readRegpackSource(write('', table('          - { effective_from: "2024-07-01", basis_points: 5 }\n'))), 'SCHEMA_INVALID');
    expectMsezError(
      () => readRegpackSource(write('regulators:\n  - { regulator_id: fbr, name: A, jurisdiction_id: pk }\n  - { regulator_id: fbr, name: B, jurisdiction_id: pk }\n')),
      'SCHEMA_INVALID',
    );
  });

  it('diff reports added/removed sanctions entries and changed rates', () => {
    const a = readRegpackSource(PK_TAX);
    const b = structuredClone(a) as JsonObject;
    const snap = b.sanctions_snapshot as JsonObject;
    snap.entries = [...(snap.entries as JsonObject[]).filter((e) => e.entry_id !== 'SAMPLE-0002'), { entry_id: 'SAMPLE-0009', entry_type: 'entity', source_lists: ['un_consolidated'] }];
    const rate = ((b.rate_tables as JsonObject[])[0]?.rates as JsonObject[]).find((r) => r.rate_id === 'pk.wht.s151.profit-on-debt.atl') as JsonObject;
    ((rate.values as JsonObject[])[0] as JsonObject).basis_points = 1500;
    const d = diffRegpacks(a, b);
    expect(d.sanctions).toEqual({ added: ['SAMPLE-0009'], removed: ['SAMPLE-0002'], changed: [] });
    expect(d.rates.changed).toEqual([{ rate_id: 'pk.wht.s151.profit-on-debt.atl', effective_from: '2024-07-01', from: 2000, to: 1500 }]);
    expect(d.rates.added).toEqual([]);
    expect(d.from).not.toBe(d.to);
  });
});

describe('licensepack', () => {
  it('digest follows formats.md §9 part order and survives the zip round trip', () => {
    const pack = readLicensepackSource(PK_LIC);
    const d = licensepackDigest(pack);
    const zip = licensepackZip(pack, d);
    expect(licensepackDigestOfZip(zip)).toBe(d);
    expect(licensepackZip(pack, d)).toEqual(zip);
    // Reordering records does not change the digest; changing a status does.
    expect(licensepackDigest({ ...pack, licenses: [...pack.licenses].reverse(), holders: [...pack.holders].reverse() })).toBe(d);
    const changed = pack.licenses.map((l) => (l.license_id === 'lic:sbp:SAMPLE-CB-001' ? { ...l, status: 'suspended' } : l));
    expect(licensepackDigest({ ...pack, licenses: changed })).not.toBe(d);
  });

  it('build writes the zip to the CAS and a schema-valid lock', () => {
    const root = tmp();
    const src = join(root, 'src');
    cpSync(PK_LIC, src, { recursive: true });
    const store = new ArtifactStore({ root, rules: PACK_DIGEST_RULES });
    const r = buildLicensepack(src, { root, store, toolVersion: '0.1.0' });
    expect(r.artifact_path).toBe(`dist/artifacts/licensepack/${r.licensepack_digest_sha256}.licensepack.zip`);
    expect(r.includes).toMatchObject({ license_types: 9, licenses_total: 5, licenses_active: 3 });
    expect(store.verifyAll().failed).toBe(0);
    const lockBytes = readFileSync(join(src, 'licensepack.lock.json'));
    buildLicensepack(src, { root, store, toolVersion: '0.1.0' });
    expect(readFileSync(join(src, 'licensepack.lock.json')).equals(lockBytes)).toBe(true);
  });

  const bad: Array<[string, (s: string) => string]> = [
    ['an unknown status', (s) => s.replace('status: "revoked"', 'status: "cancelled"')],
    ['a bad license_id', (s) => s.replace('lic:sbp:SAMPLE-EXC-001', 'lic:SBP:SAMPLE EXC')],
    ['an unknown holder', (s) => s.replace('holder_id: "holder:pk:sample-005"', 'holder_id: "holder:pk:nobody"')],
    ['a duplicate license_id', (s) => s.replace('lic:sbp:SAMPLE-EXC-001', 'lic:sbp:SAMPLE-CB-001')],
  ];
  for (const [name, edit] of bad) {
    it(`refuses ${name} with SCHEMA_INVALID and writes nothing`, () => {
      const root = tmp();
      const src = join(root, 'src');
      mkdirSync(src);
      cpSync(PK_LIC, src, { recursive: true });
      rmSync(join(src, 'licensepack.lock.json'), { force: true });
      writeFileSync(join(src, 'licenses.yaml'), edit(readFileSync(join(src, 'licenses.yaml'), 'utf8')));
      const store = new ArtifactStore({ root, rules: PACK_DIGEST_RULES });
      expectMsezError(() => buildLicensepack(src, { root, store, toolVersion: '0.1.0' }), 'SCHEMA_INVALID');
      expect(store.verifyAll().checked).toBe(0);
    });
  }
});
