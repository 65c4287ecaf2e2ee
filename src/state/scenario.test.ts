import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readDataFile } from '../core/index.js';
import { mergePolicies, parsePolicySet } from '../agentic/index.js';
import { openDatabase } from '../store/index.js';
import { verifyCellProof } from '../tensor/index.js';
import { PROJECT_ROOT, expectMsezError } from '../../test/support/vectors.js';
import {
  addBeneficialOwner,
  amendEntity,
  capTable,
  consentAudit,
  createShareClass,
  decideConsent,
  entityHistory,
  evaluateAndStore,
  formEntity,
  getEntity,
  irisCsv,
  irisStatement,
  issueShares,
  linkIdentifier,
  listActions,
  listAudit,
  makePayment,
  openAccount,
  parseWithholdingTable,
  proveStoredCell,
  registerIdentity,
  screenSanctions,
  settlePayment,
  tensorMatrix,
  transferShares,
  transitionEntity,
} from './index.js';

const rates = parseWithholdingTable(readDataFile(join(PROJECT_ROOT, 'test', 'fixtures', 'compliance', 'pk-withholding.yaml')).value);
const policies = mergePolicies(['standard.yaml', 'extended.yaml'].map((f) => parsePolicySet(readDataFile(join(PROJECT_ROOT, 'rulesets', 'agentic', f)).value, f).policies));
const T = (d: number, h = 0): string => `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;
const CORRIDOR = 'org.momentum.msez.corridor.pk-ae';

describe('end-to-end: two pk-sifc entities, shares, PAK↔UAE payment, sanctions halt, tensor, IRIS', () => {
  it('runs the whole scenario against one SQLite database', () => {
    const db = openDatabase(':memory:');
    // 1. Form two entities in pk-sifc, plus a UAE counterparty, and approve them.
    formEntity(db, { entity_id: 'ent-alpha', jurisdiction_id: 'pk-sifc', legal_name: 'Alpha Mining (Pvt) Ltd', entity_type: 'company' }, T(1));
    formEntity(db, { entity_id: 'ent-beta', jurisdiction_id: 'pk-sifc', legal_name: 'Beta Agritech (Pvt) Ltd', entity_type: 'company' }, T(1));
    formEntity(db, { entity_id: 'ent-gulf', jurisdiction_id: 'ae-difc', legal_name: 'Gulf Trading FZE', entity_type: 'company' }, T(1));
    for (const id of ['ent-alpha', 'ent-beta', 'ent-gulf']) transitionEntity(db, id, { kind: 'approve' }, T(2));
    expectMsezError(() => formEntity(db, { entity_id: 'ent-x', jurisdiction_id: 'PK', legal_name: 'x', entity_type: 'company' }, T(2)), 'SCHEMA_INVALID');
    expect(amendEntity(db, { entity_id: 'ent-alpha', changes: { registration_number: 'SIFC-0001' } }, T(2)).version).toBe(3);
    expect(entityHistory(db, 'ent-alpha').items.map((h) => h.change_kind)).toEqual(['formed', 'approve', 'amended']);
    addBeneficialOwner(db, { entity_id: 'ent-alpha', owner_id: 'person-ayesha', ownership_bps: 6000, control_type: 'ownership' }, T(2));
    expectMsezError(() => addBeneficialOwner(db, { entity_id: 'ent-alpha', owner_id: 'person-bilal', ownership_bps: 4001, control_type: 'ownership' }, T(2)), 'VALIDATION_FAILED');

    // Identity: NTN verification records a kyc attestation.
    registerIdentity(db, { did: 'did:key:z6MkAlpha', entity_id: 'ent-alpha', kyc_tier: 'tier_2' }, T(2));
    linkIdentifier(db, { did: 'did:key:z6MkAlpha', id_type: 'ntn', value: '1234567-8' }, T(2));
    registerIdentity(db, { did: 'did:key:z6MkBeta', entity_id: 'ent-beta', kyc_tier: 'tier_1' }, T(2));
    linkIdentifier(db, { did: 'did:key:z6MkBeta', id_type: 'cnic', value: '35202-1234567-1' }, T(2));

    // 2. Issue shares and transfer, with a capital gain at transfer.
    createShareClass(db, { entity_id: 'ent-alpha', class_id: 'ORD', name: 'Ordinary', authorized: 1000000, par_value: '10.00', currency: 'PKR' });
    issueShares(db, { entity_id: 'ent-alpha', class_id: 'ORD', holder_id: 'person-ayesha', quantity: 600000, price_per_share: '10.00' }, T(3));
    issueShares(db, { entity_id: 'ent-alpha', class_id: 'ORD', holder_id: 'ent-beta', quantity: 400000, price_per_share: '12.50' }, T(3));
    expectMsezError(() => issueShares(db, { entity_id: 'ent-alpha', class_id: 'ORD', holder_id: 'x', quantity: 1, price_per_share: '1' }, T(3)), 'VALIDATION_FAILED');
    expectMsezError(() => transferShares(db, { entity_id: 'ent-alpha', class_id: 'ORD', from_holder: 'ent-beta', to_holder: 'person-ayesha', quantity: 0, price_per_share: '1' }, T(3)), 'SCHEMA_INVALID');
    const tr = transferShares(db, { entity_id: 'ent-alpha', class_id: 'ORD', from_holder: 'ent-beta', to_holder: 'person-ayesha', quantity: 100000, price_per_share: '15.00' }, T(4));
    expect([tr.consideration, tr.cost_basis, tr.capital_gain]).toEqual(['1500000.00', '1250000.00', '250000.00']);
    const ct = capTable(db, 'ent-alpha').classes[0];
    expect(ct?.holders.map((h) => [h.holder_id, h.quantity, h.class_bps])).toEqual([
      ['ent-beta', 300000, 3000],
      ['person-ayesha', 700000, 7000],
    ]);

    // 3. Pay across the PAK↔UAE corridor with withholding (§152, 20%), plus a domestic §153 services payment.
    openAccount(db, { account_id: 'acc-alpha', entity_id: 'ent-alpha', ntn: '1234567-8', filer_status: 'filer', currency: 'PKR' }, T(5));
    openAccount(db, { account_id: 'acc-beta', entity_id: 'ent-beta', ntn: '7654321', filer_status: 'non_filer', currency: 'PKR' }, T(5));
    openAccount(db, { account_id: 'acc-gulf', entity_id: 'ent-gulf', filer_status: 'non_filer', currency: 'PKR' }, T(5));
    const xb = makePayment(db, { payment_id: 'pay-1', payer_account_id: 'acc-alpha', payee_account_id: 'acc-gulf', event_type: 'cross_border_payment', gross_amount: '1000000.00', currency: 'PKR', corridor_id: CORRIDOR }, { rates }, T(6));
    expect([xb.status, xb.withholding_amount, xb.net_amount]).toEqual(['completed', '200000.00', '800000.00']);
    const svc = makePayment(db, { payment_id: 'pay-2', payer_account_id: 'acc-alpha', payee_account_id: 'acc-beta', event_type: 'payment_for_services', gross_amount: '12345.67', currency: 'PKR' }, { rates }, T(6));
    expect(svc.withholding_amount).toBe('1975.30');
    // Dual control: above the threshold two distinct signers must approve before settlement.
    const big = makePayment(db, { payment_id: 'pay-3', payer_account_id: 'acc-alpha', payee_account_id: 'acc-beta', event_type: 'payment_for_goods', gross_amount: '20000000', currency: 'PKR' }, { rates, dual_control_threshold: '10000000', signers: ['cfo', 'ceo'] }, T(7));
    expect(big.status).toBe('pending_approval');
    expectMsezError(() => settlePayment(db, 'pay-3', rates, T(7)), 'INVALID_STATE');
    decideConsent(db, { request_id: 'pay-3:dual-control', party: 'cfo', decision: 'approve' }, T(7));
    expectMsezError(() => decideConsent(db, { request_id: 'pay-3:dual-control', party: 'cfo', decision: 'approve' }, T(7)), 'CONFLICT');
    decideConsent(db, { request_id: 'pay-3:dual-control', party: 'ceo', decision: 'approve' }, T(7, 1));
    expect(settlePayment(db, 'pay-3', rates, T(7, 2))).toMatchObject({ status: 'completed', withholding_amount: '1800000.00' });
    expect(consentAudit(db, 'pay-3:dual-control').map((a) => a.entry)).toEqual(['CREATED', 'SIGNED:approve', 'SIGNED:approve', 'APPROVED']);
    expect(() => db.prepare('DELETE FROM consent_audit').run()).toThrow(/append-only/);

    // 4. A sanctions update lists Beta (by CNIC): sanctions_auto_halt halts it.
    const snap = {
      snapshot_id: 'un-2026-03-08',
      snapshot_timestamp: T(8),
      entries: [{ entry_id: 'UN-QDe.999', entry_type: 'entity', source_lists: ['un_consolidated'], name: 'Someone Else', identifiers: [{ type: 'cnic', value: '3520212345671' }] }],
    };
    const sr = screenSanctions(db, snap, policies, T(8));
    expect(sr.screened).toBe(3);
    expect(sr.listed.map((l) => l.entity_id)).toEqual(['ent-beta']);
    const run = sr.listed[0]?.trigger;
    expect(run?.matches[0]?.policy_id).toBe('sanctions_auto_halt');
    expect(run?.scheduled.map((a) => [a.policy_id, a.action_type, a.status])).toEqual([['sanctions_auto_halt', 'halt', 'completed']]);
    expect(getEntity(db, 'ent-beta').halted).toBe(true);
    expectMsezError(() => makePayment(db, { payment_id: 'pay-4', payer_account_id: 'acc-alpha', payee_account_id: 'acc-beta', event_type: 'payment_for_goods', gross_amount: '1', currency: 'PKR' }, { rates }, T(9)), 'INVALID_STATE');
    expect(listActions(db, { asset_id: 'ent-beta' }).items).toHaveLength(1);
    const auditTypes = listAudit(db, { asset_id: 'ent-beta' }).items.map((a) => a.entry_type);
    expect(auditTypes.slice(0, 1)).toEqual(['trigger_received']);
    expect(auditTypes.filter((t) => t === 'policy_evaluated')).toHaveLength(policies.length);
    expect(auditTypes.slice(-3)).toEqual(['action_scheduled', 'action_executing', 'action_completed']);
    expect(() => db.prepare('UPDATE agentic_audit SET actor = ?').run('x')).toThrow(/append-only/);

    // 5. The tensor shows the halted party non_compliant in sanctions.
    const ev = evaluateAndStore(db, { zone_id: 'pk-sifc' }, T(9));
    expect([ev.evaluated_entities, ev.size]).toEqual([3, 60]);
    const m = tensorMatrix(db);
    const beta = m.rows.find((r) => r.entity_id === 'ent-beta');
    const alpha = m.rows.find((r) => r.entity_id === 'ent-alpha');
    expect(beta?.states.sanctions).toBe('non_compliant');
    expect(beta?.states.tax).toBe('non_compliant');
    expect(beta?.states.kyc).toBe('compliant');
    expect(alpha?.states.sanctions).toBe('compliant');
    expect(alpha?.states.corporate).toBe('compliant');
    expect(m.root).toBe(ev.root);
    const proof = proveStoredCell(db, { entity_id: 'ent-beta', jurisdiction_id: 'pk-sifc', domain: 'sanctions' });
    expect(proof.cell.reason_code).toBe('sanctions_listed:UN-QDe.999');
    expect(verifyCellProof(proof, ev.root)).toBe(true);

    // 6. The IRIS export lists the withheld amounts for the period.
    const st = irisStatement(db, '2026-03');
    expect(st.rows.map((r) => [r.payment_id, r.section, r.tax_withheld, r.corridor_id])).toEqual([
      ['pay-1', 'ITO 2001 Section 152', '200000.00', CORRIDOR],
      ['pay-2', 'ITO 2001 Section 153(1)(b)', '1975.30', ''],
      ['pay-3', 'ITO 2001 Section 153(1)(a)', '1800000.00', ''],
    ]);
    expect(st.rows[0]).toMatchObject({ withholding_agent_ntn: '12345678', taxpayer_name: 'Gulf Trading FZE', rate_percent: '20.00', gross_amount: '1000000.00' });
    expect(st.totals).toEqual([{ currency: 'PKR', gross_amount: '21012345.67', tax_withheld: '2001975.30' }]);
    const csv = irisCsv(st).split('\r\n');
    expect(csv[0]).toBe('payment_id,payment_date,withholding_agent_ntn,withholding_agent_name,taxpayer_entity_id,taxpayer_ntn,taxpayer_name,filer_status,section,rule_id,rate_percent,gross_amount,tax_withheld,currency,corridor_id');
    expect(csv[1]).toBe(`pay-1,2026-03-06,12345678,Alpha Mining (Pvt) Ltd,ent-gulf,,Gulf Trading FZE,non_filer,ITO 2001 Section 152,PAK-ITO2001-S152-CROSSBORDER,20.00,1000000.00,200000.00,PKR,${CORRIDOR}`);
    expect(csv).toHaveLength(5);
    db.close();
  });
});
