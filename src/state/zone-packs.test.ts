import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readDataFile, type JsonObject } from '../core/index.js';
import { ArtifactStore } from '../cas/index.js';
import { mergePolicies, parsePolicySet } from '../agentic/index.js';
import { PACK_DIGEST_RULES, diffRegpacks, regpackDigest } from '../pack/index.js';
import { openDatabase, type Database } from '../store/index.js';
import { commitTensor, evaluateTensor } from '../tensor/index.js';
import { PROJECT_ROOT } from '../../test/support/vectors.js';
import {
  evaluateAndStore,
  formEntity,
  gatherSubjects,
  getEntity,
  licensesOf,
  linkIdentifier,
  loadCells,
  loadZonePacks,
  makePayment,
  openAccount,
  registerIdentity,
  sanctionsFromRegpack,
  screenSnapshots,
  transitionEntity,
  zoneLicenses,
  zoneSanctions,
  zoneWithholding,
  type SanctionsSnapshot,
  type TensorPacks,
} from './index.js';

const store = new ArtifactStore({ root: PROJECT_ROOT, rules: PACK_DIGEST_RULES });
const zone = loadZonePacks(PROJECT_ROOT, store, 'pk-sifc');
const policies = mergePolicies(['standard.yaml', 'extended.yaml'].map((f) => parsePolicySet(readDataFile(join(PROJECT_ROOT, 'rulesets', 'agentic', f)).value, f).policies));
const T = (d: number): string => `2026-03-${String(d).padStart(2, '0')}T00:00:00Z`;

function setup(): Database {
  const db = openDatabase(':memory:');
  const form = (id: string, name: string, type = 'company', jid = 'pk-sifc'): void => {
    formEntity(db, { entity_id: id, jurisdiction_id: jid, legal_name: name, entity_type: type }, T(1));
    transitionEntity(db, id, { kind: 'approve' }, T(1));
  };
  form('ent-alpha', 'Alpha Mining (Pvt) Ltd');
  form('ent-beta', 'Beta Agritech (Pvt) Ltd');
  form('ent-gamma', 'Gamma Traders', 'sole_proprietor');
  openAccount(db, { account_id: 'acc-alpha', entity_id: 'ent-alpha', ntn: '1234567-8', filer_status: 'filer', currency: 'PKR' }, T(1));
  openAccount(db, { account_id: 'acc-beta', entity_id: 'ent-beta', ntn: '7654321', filer_status: 'non_filer', currency: 'PKR' }, T(1));
  openAccount(db, { account_id: 'acc-gamma', entity_id: 'ent-gamma', filer_status: 'filer', currency: 'PKR' }, T(1));
  registerIdentity(db, { did: 'did:key:z6MkGamma', entity_id: 'ent-gamma', kyc_tier: 'tier_1' }, T(1));
  linkIdentifier(db, { did: 'did:key:z6MkGamma', id_type: 'cnic', value: '35202-1234567-1' }, T(1));
  return db;
}

/** Regpack B: the zone's pk/tax regpack (A) plus entries naming Beta by NTN and Gamma by CNIC, and a vessel named like Alpha. */
function regpackB(): JsonObject {
  const a = zone.regpacks[0]?.pack as JsonObject;
  const snap = structuredClone(a.sanctions_snapshot) as JsonObject;
  snap.snapshot_id = 'sample-un-consolidated-2026-03-06';
  snap.snapshot_timestamp = '2026-03-06T00:00:00Z';
  snap.entries = [
    ...(snap.entries as JsonObject[]),
    { entry_id: 'SAMPLE-0004', entry_type: 'entity', source_lists: ['un_consolidated'], primary_name: 'Some Other Name', identifiers: [{ type: 'ntn', value: '7654321' }] },
    { entry_id: 'SAMPLE-0005', entry_type: 'individual', source_lists: ['un_consolidated'], primary_name: 'Not Gamma', identifiers: [{ type: 'CNIC', value: '35202-1234567-1' }] },
    { entry_id: 'SAMPLE-0006', entry_type: 'vessel', source_lists: ['un_consolidated'], primary_name: 'ALPHA MINING (PVT) LTD' },
  ];
  const b: JsonObject = { ...a, sanctions_snapshot: snap };
  delete b.digest_sha256;
  return { ...b, digest_sha256: regpackDigest(b) };
}

describe('withholding from the zone regpack through makePayment', () => {
  it('pays with the payee type and filer status of the Finance Act 2024 table', () => {
    const db = setup();
    const rates = zoneWithholding(zone).table;
    const pay = (id: string, payee: string, event: string, gross: string): unknown =>
      makePayment(db, { payment_id: id, payer_account_id: 'acc-alpha', payee_account_id: payee, event_type: event, gross_amount: gross, currency: 'PKR' }, { rates }, T(5));
    expect(pay('p1', 'acc-beta', 'payment_for_goods', '100000.00')).toMatchObject({ withholding_amount: '10000.00', net_amount: '90000.00', withholding: [{ rule_id: 'pk.wht.s153-1a.goods.company.non-atl@2024-07-01', rate_bps: 1000, statutory_section: '153(1)(a)' }] });
    expect(pay('p2', 'acc-gamma', 'payment_for_services', '12345.67')).toMatchObject({ withholding_amount: '1358.02', withholding: [{ rule_id: 'pk.wht.s153-1b.services.individual-aop.atl@2024-07-01', rate_bps: 1100 }] });
  });
});

describe('sanctions from regpack snapshots (two snapshots, end to end)', () => {
  it('diff shows the added entries; screening the new regpack halts exactly the matched entities, once', () => {
    const db = setup();
    const a = zone.regpacks[0] as { pack: JsonObject; digest_sha256: string };
    const b = regpackB();
    expect(diffRegpacks(a.pack, b).sanctions).toEqual({ added: ['SAMPLE-0004', 'SAMPLE-0005', 'SAMPLE-0006'], removed: [], changed: [] });
    const snapA = zoneSanctions(zone);
    expect(snapA.map((s) => [s.snapshot_id, s.entries.length, s.regpack_digest_sha256])).toEqual([['sample-un-consolidated-2025-07-01', 3, a.digest_sha256]]);
    const first = screenSnapshots(db, snapA, policies, T(6));
    expect([first.screened, first.listed.length]).toEqual([3, 0]);

    const snapB = sanctionsFromRegpack(b, b.digest_sha256 as string) as SanctionsSnapshot;
    const second = screenSnapshots(db, [snapB], policies, T(7));
    expect(second.listed.map((l) => [l.entity_id, l.entry_id])).toEqual([
      ['ent-beta', 'SAMPLE-0004'],
      ['ent-gamma', 'SAMPLE-0005'],
    ]);
    for (const l of second.listed) expect(l.trigger.scheduled[0]).toMatchObject({ policy_id: 'sanctions_auto_halt', action_type: 'halt', status: 'completed' });
    expect(['ent-alpha', 'ent-beta', 'ent-gamma'].map((id) => getEntity(db, id).halted)).toEqual([false, true, true]);

    const again = screenSnapshots(db, [snapB], policies, T(8));
    expect([again.listed.length, again.still_listed]).toEqual([0, [{ entity_id: 'ent-beta', entry_id: 'SAMPLE-0004' }, { entity_id: 'ent-gamma', entry_id: 'SAMPLE-0005' }]]);
  });
  it('the tensor reads the regpack snapshot directly, with the regpack digest as evidence', () => {
    const db = setup();
    const b = regpackB();
    const packs: TensorPacks = { sanctions: [sanctionsFromRegpack(b, b.digest_sha256 as string) as SanctionsSnapshot], licenses: [] };
    evaluateAndStore(db, { zone_id: 'pk-sifc', jurisdiction_id: 'pk-sifc' }, T(9), packs);
    const sanctions = loadCells(db).filter((c) => c.domain === 'sanctions');
    expect(sanctions.map((c) => [c.entity_id, c.state, c.reason_code, c.attestation_digests])).toEqual([
      ['ent-alpha', 'compliant', 'sanctions_clear:sample-un-consolidated-2026-03-06', [b.digest_sha256]],
      ['ent-beta', 'non_compliant', 'sanctions_listed:SAMPLE-0004', [b.digest_sha256]],
      ['ent-gamma', 'non_compliant', 'sanctions_listed:SAMPLE-0005', [b.digest_sha256]],
    ]);
  });
});

describe('licenses from the licensepack', () => {
  const lp = zone.licensepacks[0] as { pack: { metadata: JsonObject; license_types: JsonObject[]; licenses: JsonObject[]; holders: JsonObject[] }; digest_sha256: string };
  it('maps status and validity dates per compliance.md (holder id = entity id, or the holder DID)', () => {
    const db = openDatabase(':memory:');
    for (const n of ['001', '002', '003', '004', '005', '006']) {
      formEntity(db, { entity_id: `holder:pk:sample-${n}`, jurisdiction_id: 'pk-sifc', legal_name: `Sample ${n}`, entity_type: 'company' }, T(1));
      transitionEntity(db, `holder:pk:sample-${n}`, { kind: 'approve' }, T(1));
    }
    formEntity(db, { entity_id: 'ent-by-did', jurisdiction_id: 'pk-sifc', legal_name: 'By DID', entity_type: 'company' }, T(1));
    registerIdentity(db, { did: 'did:key:z6MkHolder', entity_id: 'ent-by-did', kyc_tier: 'tier_1' }, T(1));
    const pack = structuredClone(lp.pack);
    const patch = (id: string, p: JsonObject): void => {
      Object.assign(pack.licenses.find((l) => l.license_id === id) as JsonObject, p);
    };
    patch('lic:sbp:SAMPLE-EMI-001', { expiry_date: '2026-03-08' });
    patch('lic:secp:SAMPLE-BRK-001', { effective_date: '2026-04-01' });
    pack.licenses.push({ license_id: 'lic:sbp:SAMPLE-EXP-001', license_type_id: 'sbp.emi', status: 'expired', issued_date: '2020-01-01', holder_id: 'holder:pk:sample-006', holder_legal_name: 'x', regulator_id: 'sbp' });
    pack.licenses.push({ license_id: 'lic:sbp:SAMPLE-DID-001', license_type_id: 'sbp.emi', status: 'pending', issued_date: '2020-01-01', holder_id: 'holder:pk:sample-did', holder_legal_name: 'x', regulator_id: 'sbp' });
    pack.holders.push({ holder_id: 'holder:pk:sample-did', legal_name: 'By DID', entity_type: 'company', did: 'did:key:z6MkHolder' });
    const licenses = licensesOf(pack, lp.digest_sha256);
    const at = (day: number): string[][] => {
      evaluateAndStore(db, { zone_id: 'pk-sifc' }, T(day), { sanctions: [], licenses });
      return loadCells(db)
        .filter((c) => c.domain === 'licensing')
        .map((c) => [c.entity_id, c.state, c.reason_code ?? '']);
    };
    expect(at(8)).toEqual([
      ['ent-by-did', 'pending', 'license_pending:lic:sbp:SAMPLE-DID-001'],
      ['holder:pk:sample-001', 'compliant', 'license_active:lic:sbp:SAMPLE-CB-001'],
      ['holder:pk:sample-002', 'compliant', 'license_active:lic:sbp:SAMPLE-EMI-001'], // valid through its expiry date
      ['holder:pk:sample-003', 'non_compliant', 'license_suspended:lic:secp:SAMPLE-NBFC-001'],
      ['holder:pk:sample-004', 'pending', 'license_not_yet_effective:lic:secp:SAMPLE-BRK-001'],
      ['holder:pk:sample-005', 'non_compliant', 'license_revoked:lic:sbp:SAMPLE-EXC-001'],
      ['holder:pk:sample-006', 'expired', 'license_expired:lic:sbp:SAMPLE-EXP-001'],
    ]);
    expect(at(9)[2]).toEqual(['holder:pk:sample-002', 'expired', 'license_expired:lic:sbp:SAMPLE-EMI-001']);
    expect(loadCells(db).find((c) => c.domain === 'licensing')?.attestation_digests).toEqual([lp.digest_sha256]);
    expect(zoneLicenses(zone).map((l) => [l.license_id, l.status])).toEqual(lp.pack.licenses.map((l) => [l.license_id, l.status]));
  });
});

describe('stored commitment', () => {
  it('equals the commitment of the evaluated cells, across chunks and odd ids', () => {
    const db = openDatabase(':memory:');
    // Non-ASCII ids: SQLite's BINARY order on UTF-8 must agree with code-point order (U+FFFD vs U+1F600).
    const ids = Array.from({ length: 1203 }, (_, i) => `e${(i * 7919) % 1203}${i % 3 === 0 ? '.ü' : ''}${i % 5 === 0 ? '\u{1F600}' : i % 5 === 1 ? '\uFFFD' : ''}`);
    const ins = db.prepare("INSERT INTO entities (entity_id, jurisdiction_id, legal_name, entity_type, state, version, data, created_at, updated_at) VALUES (?, 'pk-sifc', ?, 'company', 'ACTIVE', 1, '{}', ?, ?)");
    for (const id of ids) ins.run(id, `Name ${id}`, T(1), T(1));
    const packs: TensorPacks = { sanctions: zoneSanctions(zone), licenses: zoneLicenses(zone) };
    const r = evaluateAndStore(db, { zone_id: 'pk-sifc' }, T(2), packs);
    expect(r.size).toBe(1203 * 20);
    expect(r.root).toBe(commitTensor(evaluateTensor(gatherSubjects(db, T(2), {}, packs), T(2))).root);
  });
});
