import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readDataFile } from '../core/index.js';
import { ArtifactStore } from '../cas/index.js';
import { COMPLIANCE_DOMAINS, domainIndex, meetAll, verifyCellProof, type ComplianceState } from '../tensor/index.js';
import { openDatabase, type Database } from '../store/index.js';
import { PROJECT_ROOT, expectMsezError } from '../../test/support/vectors.js';
import {
  ASSET_CLASSES,
  createConsentRequest,
  evaluateAndStore,
  evaluateAsset,
  formEntity,
  genesisAsset,
  getAsset,
  listAssetEvaluations,
  listAssets,
  listTaxEvents,
  makePayment,
  openAccount,
  parseWithholdingTable,
  recordAttestation,
  regulatorSummary,
  requiredDomains,
  tensorMatrix,
  transitionEntity,
} from './index.js';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-02-01T00:00:00Z';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(): { db: Database; store: ArtifactStore; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'msez-asset-'));
  dirs.push(root);
  const db = openDatabase(':memory:');
  formEntity(db, { entity_id: 'ent-alpha', jurisdiction_id: 'pk-sifc', legal_name: 'Alpha Mining (Pvt) Ltd', entity_type: 'company' }, T0);
  formEntity(db, { entity_id: 'ent-beta', jurisdiction_id: 'pk-sifc', legal_name: 'Beta Agritech (Pvt) Ltd', entity_type: 'company' }, T0);
  transitionEntity(db, 'ent-alpha', { kind: 'approve' }, T0);
  return { db, store: new ArtifactStore({ root }), root };
}

const BOND = { asset_name: 'Alpha Bond 2030', asset_class: 'security', issuer_entity_id: 'ent-alpha', jurisdiction_id: 'pk-sifc', created_at: '2026-01-01T05:00:00.75+05:00' };

const casFiles = (root: string): string[] => {
  const dir = join(root, 'dist', 'artifacts', 'smart-asset-genesis');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const count = (db: Database, table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('asset classes', () => {
  it('the schema enum is exactly ASSET_CLASSES', () => {
    const schema = readDataFile(join(PROJECT_ROOT, 'schemas', 'smart-asset.genesis.schema.json')).value as { properties: { asset_class: { enum: string[] } } };
    expect(schema.properties.asset_class.enum).toEqual([...ASSET_CLASSES]);
  });
  it('every class requires a non-empty, duplicate-free list of domains in enum order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ASSET_CLASSES), (cls) => {
        const d = requiredDomains(cls);
        expect(d.length).toBeGreaterThan(0);
        for (let i = 1; i < d.length; i++) expect(domainIndex(d[i - 1]!)).toBeLessThan(domainIndex(d[i]!));
      }),
    );
    expect(requiredDomains('security')).toEqual(['aml', 'kyc', 'sanctions', 'tax', 'securities', 'corporate', 'custody']);
  });
});

describe('genesis', () => {
  it('names the asset by sha256 of the canonical genesis document, stored in the CAS and SQLite', () => {
    const { db, store, root } = setup();
    const a = genesisAsset(db, store, BOND, T1);
    // Hand-written MCF: keys in code-point order, created_at as the UTC instant with the fraction truncated.
    const canonical = '{"asset_class":"security","asset_name":"Alpha Bond 2030","created_at":"2026-01-01T00:00:00Z","issuer_entity_id":"ent-alpha","jurisdiction_id":"pk-sifc","stack_spec_version":"0.4.44","type":"SmartAssetGenesis"}';
    const id = createHash('sha256').update(canonical, 'utf8').digest('hex');
    expect(a.asset_id).toBe(id);
    expect(a).toMatchObject({ asset_class: 'security', created_at: '2026-01-01T00:00:00Z', compliance_status: 'unevaluated', registered_at: T1, genesis_ref: { artifact_type: 'smart-asset-genesis', digest_sha256: id } });
    expect(readFileSync(join(root, 'dist', 'artifacts', 'smart-asset-genesis', `${id}.json`), 'utf8')).toBe(canonical);
    expect(Buffer.from(store.resolve('smart-asset-genesis', id).bytes).toString('utf8')).toBe(canonical);
    expect(db.prepare('SELECT genesis, issuer_entity_id FROM smart_assets WHERE asset_id = ?').get(id)).toEqual({ genesis: canonical, issuer_entity_id: 'ent-alpha' });
    expect(getAsset(db, id)).toEqual(a);
  });

  it('takes created_at from now when absent, and keeps optional fields', () => {
    const { db, store } = setup();
    const a = genesisAsset(db, store, { asset_name: 'Plot 7', asset_class: 'property', issuer_entity_id: 'ent-beta', jurisdiction_id: 'pk-sifc', description: 'land', creator: 'did:key:z6MkAlpha', initial_metadata: { area_m2: 1200 } }, T1);
    expect(a.genesis).toEqual({
      type: 'SmartAssetGenesis',
      stack_spec_version: '0.4.44',
      asset_name: 'Plot 7',
      asset_class: 'property',
      issuer_entity_id: 'ent-beta',
      jurisdiction_id: 'pk-sifc',
      created_at: T1,
      description: 'land',
      creator: 'did:key:z6MkAlpha',
      initial_metadata: { area_m2: 1200 },
    });
  });

  it('writes nothing for bad input or an unknown issuer, and refuses a second identical genesis', () => {
    const { db, store, root } = setup();
    expectMsezError(() => genesisAsset(db, store, { ...BOND, asset_class: 'bond' }, T1), 'SCHEMA_INVALID');
    expectMsezError(() => genesisAsset(db, store, { ...BOND, extra: 1 }, T1), 'SCHEMA_INVALID');
    expectMsezError(() => genesisAsset(db, store, { ...BOND, created_at: '2026-01-01' }, T1), 'SCHEMA_INVALID');
    expectMsezError(() => genesisAsset(db, store, { ...BOND, issuer_entity_id: 'ent-absent' }, T1), 'NOT_FOUND');
    expect([casFiles(root), count(db, 'smart_assets')]).toEqual([[], 0]);
    genesisAsset(db, store, BOND, T1);
    expectMsezError(() => genesisAsset(db, store, BOND, T1), 'CONFLICT');
    expect([casFiles(root).length, count(db, 'smart_assets')]).toEqual([1, 1]);
  });
});

describe('registry', () => {
  it('lists by issuer, jurisdiction and class, ordered by asset id, paged', () => {
    const { db, store } = setup();
    const made = [
      genesisAsset(db, store, BOND, T1),
      genesisAsset(db, store, { ...BOND, asset_name: 'Alpha Bond 2031' }, T1),
      genesisAsset(db, store, { ...BOND, asset_class: 'commodity', asset_name: 'Copper lot' }, T1),
      genesisAsset(db, store, { ...BOND, issuer_entity_id: 'ent-beta', jurisdiction_id: 'ae-difc' }, T1),
    ];
    const ids = (p: { items: { asset_id: string }[] }): string[] => p.items.map((a) => a.asset_id);
    const sorted = (xs: string[]): string[] => [...xs].sort();
    expect(ids(listAssets(db))).toEqual(sorted(made.map((a) => a.asset_id)));
    expect(ids(listAssets(db, { issuer_entity_id: 'ent-alpha', asset_class: 'security' }))).toEqual(sorted([made[0]!.asset_id, made[1]!.asset_id]));
    expect(ids(listAssets(db, { jurisdiction_id: 'ae-difc' }))).toEqual([made[3]!.asset_id]);
    const p1 = listAssets(db, { limit: 3 });
    expect([p1.items.length, p1.next_offset]).toEqual([3, 3]);
    const p2 = listAssets(db, { limit: 3, offset: 3 });
    expect([p2.items.length, p2.next_offset]).toEqual([1, undefined]);
    expectMsezError(() => listAssets(db, { limit: 0 }), 'USAGE');
    expectMsezError(() => getAsset(db, 'f'.repeat(64)), 'NOT_FOUND');
  });
});

describe('compliance evaluation against the stored tensor', () => {
  it('gives per-domain cells with proofs, meets per domain and overall, and records the evaluation', () => {
    const { db, store } = setup();
    recordAttestation(db, { attestation_id: 'att-aml', subject_id: 'ent-alpha', jurisdiction_id: 'pk-sifc', domain: 'aml', attestation_type: 'AML_SCREENING', state: 'compliant', digest: 'a'.repeat(64), issued_at: T0 });
    recordAttestation(db, { attestation_id: 'att-kyc', subject_id: 'ent-beta', jurisdiction_id: 'pk-sifc', domain: 'kyc', attestation_type: 'KYC', state: 'non_compliant', digest: 'b'.repeat(64), issued_at: T0 });
    const committed = evaluateAndStore(db, { zone_id: 'pk-sifc' }, T0);
    const bond = genesisAsset(db, store, BOND, T1);
    const ev = evaluateAsset(db, { asset_id: bond.asset_id, holder_entity_id: 'ent-beta' }, T1);
    const matrix = tensorMatrix(db);
    expect(ev.tensor).toEqual({ root: committed.root, size: 40, as_of: T0 });
    expect(matrix.root).toBe(committed.root);
    expect(ev.required_domains).toEqual(requiredDomains('security'));
    expect(ev.parties).toEqual([{ role: 'issuer', entity_id: 'ent-alpha' }, { role: 'holder', entity_id: 'ent-beta' }]);
    const stateOf = (entity: string, domain: (typeof COMPLIANCE_DOMAINS)[number]): ComplianceState => matrix.rows.find((r) => r.entity_id === entity)!.states[domain];
    for (const d of ev.domains) {
      const expected = [stateOf('ent-alpha', d.domain), stateOf('ent-beta', d.domain)];
      expect(d.cells.map((c) => c.state)).toEqual(expected);
      expect(d.state).toBe(meetAll(expected));
      for (const c of d.cells) {
        expect(c.proof?.cell).toMatchObject({ entity_id: c.entity_id, jurisdiction_id: 'pk-sifc', domain: d.domain, state: c.state });
        expect(verifyCellProof(c.proof!, committed.root)).toBe(true);
      }
    }
    // alpha is ACTIVE (corporate compliant), beta APPLIED (pending); beta's kyc is non_compliant.
    expect(ev.domains.find((d) => d.domain === 'corporate')!.cells.map((c) => c.state)).toEqual(['compliant', 'pending']);
    expect(ev.domains.find((d) => d.domain === 'aml')!.cells.map((c) => c.state)).toEqual(['compliant', 'pending']);
    expect([ev.aggregate, ev.passing]).toEqual(['non_compliant', false]);
    expect(ev.blocking_domains).toEqual(ev.required_domains);
    expect(getAsset(db, bond.asset_id)).toMatchObject({ compliance_status: 'non_compliant', last_evaluated_at: T1 });
    expect(listAssetEvaluations(db, bond.asset_id).items).toEqual([ev]);
    expect(() => db.prepare('DELETE FROM smart_asset_evaluations').run()).toThrow(/append-only/);
  });

  it('a party without a stored cell in the asset jurisdiction is pending (no_tensor_cell), without a proof', () => {
    const { db, store } = setup();
    evaluateAndStore(db, { zone_id: 'pk-sifc' }, T0);
    const a = genesisAsset(db, store, { ...BOND, asset_class: 'ip', jurisdiction_id: 'ae-difc' }, T1);
    const ev = evaluateAsset(db, { asset_id: a.asset_id }, T1);
    expect(ev.domains.map((d) => [d.domain, d.state, d.cells])).toEqual(
      ['sanctions', 'tax', 'ip'].map((d) => [d, 'pending', [{ role: 'issuer', entity_id: 'ent-alpha', state: 'pending', reason_code: 'no_tensor_cell' }]]),
    );
    expect([ev.aggregate, ev.passing]).toEqual(['pending', false]);
  });

  it('refuses bad input and unknown assets or holders without recording anything', () => {
    const { db, store } = setup();
    const a = genesisAsset(db, store, BOND, T1);
    expectMsezError(() => evaluateAsset(db, { asset_id: 'A'.repeat(64) }, T1), 'SCHEMA_INVALID');
    expectMsezError(() => evaluateAsset(db, { asset_id: 'f'.repeat(64) }, T1), 'NOT_FOUND');
    expectMsezError(() => evaluateAsset(db, { asset_id: a.asset_id, holder_entity_id: 'ent-absent' }, T1), 'NOT_FOUND');
    expect(count(db, 'smart_asset_evaluations')).toBe(0);
    expectMsezError(() => listAssetEvaluations(db, 'f'.repeat(64)), 'NOT_FOUND');
  });
});

describe('regulator summary', () => {
  it('counts entities, tensor cells, open consents, withholding, corridors and assets (zero-filled)', () => {
    const { db, store } = setup();
    const empty = regulatorSummary(db, T1);
    expect(empty.tensor.cells).toBe(0);
    expect(empty.tensor.commitment).toBeUndefined();
    expect(Object.keys(empty.tensor.by_domain)).toEqual([...COMPLIANCE_DOMAINS]);
    expect(empty.corridors).toEqual({ total: 0, by_state: { DRAFT: 0, PENDING: 0, ACTIVE: 0, HALTED: 0, SUSPENDED: 0, DEPRECATED: 0 } });

    transitionEntity(db, 'ent-beta', { kind: 'approve' }, T0);
    formEntity(db, { entity_id: 'ent-gamma', jurisdiction_id: 'pk-sifc', legal_name: 'Gamma', entity_type: 'company' }, T0);
    const rates = parseWithholdingTable(readDataFile(join(PROJECT_ROOT, 'test', 'fixtures', 'compliance', 'pk-withholding.yaml')).value);
    openAccount(db, { account_id: 'acc-alpha', entity_id: 'ent-alpha', ntn: '1234567', filer_status: 'filer', currency: 'PKR' }, T0);
    openAccount(db, { account_id: 'acc-beta', entity_id: 'ent-beta', ntn: '7654321', filer_status: 'non_filer', currency: 'PKR' }, T0);
    const p1 = makePayment(db, { payment_id: 'pay-1', payer_account_id: 'acc-alpha', payee_account_id: 'acc-beta', event_type: 'payment_for_goods', gross_amount: '1000.00', currency: 'PKR' }, { rates }, '2026-01-10T00:00:00Z');
    const p2 = makePayment(db, { payment_id: 'pay-2', payer_account_id: 'acc-alpha', payee_account_id: 'acc-beta', event_type: 'payment_for_goods', gross_amount: '3000.00', currency: 'PKR' }, { rates }, '2026-01-20T00:00:00Z');
    const pending = makePayment(db, { payment_id: 'pay-3', payer_account_id: 'acc-alpha', payee_account_id: 'acc-beta', event_type: 'payment_for_goods', gross_amount: '9000.00', currency: 'PKR' }, { rates, dual_control_threshold: '5000', signers: ['cfo', 'ceo'] }, '2026-01-21T00:00:00Z');
    expect([p1.status, p2.status, pending.status]).toEqual(['completed', 'completed', 'pending_approval']);
    const [event] = listTaxEvents(db, { period: '2026-01' }).items.filter((e) => e.payment_id === 'pay-1');
    createConsentRequest(db, { request_id: 'c-1', kind: 'quorum', subject: { note: 'x' }, parties: ['a', 'b', 'c'], threshold: 2 }, T0);
    evaluateAndStore(db, { zone_id: 'pk-sifc' }, T0);
    const bond = genesisAsset(db, store, BOND, T1);
    genesisAsset(db, store, { ...BOND, asset_class: 'commodity' }, T1);
    evaluateAsset(db, { asset_id: bond.asset_id }, T1);

    const s = regulatorSummary(db, T1);
    expect(s.generated_at).toBe(T1);
    expect(s.entities).toEqual({ total: 3, halted: 0, by_state: { APPLIED: 1, ACTIVE: 2, REJECTED: 0, SUSPENDED: 0, DISSOLVING: 0, DISSOLVED: 0 } });
    expect(s.tensor.cells).toBe(60);
    expect(Object.values(s.tensor.by_domain.corporate)).toEqual([0, 0, 1, 0, 0, 2]);
    expect(Object.values(s.tensor.by_domain.tax).reduce((a, b) => a + b, 0)).toBe(3);
    expect(s.tensor.commitment).toMatchObject({ zone_id: 'pk-sifc', size: 60, as_of: T0, root: tensorMatrix(db).root });
    // the pending dual-control payment opened a consent request too
    expect(s.consent).toEqual({ open: 2, open_by_kind: { unanimity: 0, quorum: 1, dual_control: 1 } });
    const withheld = (BigInt(p1.withholding_amount.replace('.', '')) + BigInt(p2.withholding_amount.replace('.', ''))).toString();
    expect(s.withholding).toEqual([{ period: '2026-01', section: event!.statutory_section, currency: 'PKR', payments: 2, gross_amount: '4000.00', tax_withheld: `${withheld.slice(0, -2)}.${withheld.slice(-2)}` }]);
    expect(regulatorSummary(db, T1, { period: '2026-02' }).withholding).toEqual([]);
    expectMsezError(() => regulatorSummary(db, T1, { period: '2026-13' }), 'USAGE');
    expect(s.smart_assets.total).toBe(2);
    expect(s.smart_assets.by_class).toMatchObject({ security: 1, commodity: 1, ip: 0 });
    expect(s.smart_assets.by_compliance_status).toMatchObject({ unevaluated: 1, [getAsset(db, bond.asset_id).compliance_status]: 1 });
  });
});
