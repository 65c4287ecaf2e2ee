import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readDataFile } from '../core/index.js';
import { PROJECT_ROOT, expectMsezError } from '../../test/support/vectors.js';
import {
  TRIGGER_TYPES,
  applyActionEvent,
  authorizeAction,
  compareExact,
  evaluateCondition,
  evaluateTrigger,
  mergePolicies,
  parsePolicy,
  parsePolicySet,
  type Policy,
  type ScheduledAction,
} from './index.js';

function load(name: string): Policy[] {
  return parsePolicySet(readDataFile(join(PROJECT_ROOT, 'rulesets', 'agentic', name)).value, name).policies;
}

const standard = load('standard.yaml');
const extended = load('extended.yaml');
const T = '2026-03-01T10:00:00Z';

describe('triggers and policy data', () => {
  it('has the 20 trigger types and the 4 standard policies from data', () => {
    expect(TRIGGER_TYPES).toHaveLength(20);
    expect(new Set(TRIGGER_TYPES).size).toBe(20);
    expect(standard.map((p) => [p.policy_id, p.priority])).toEqual([
      ['checkpoint_auto', 50],
      ['license_expiry_alert', 90],
      ['ruling_enforcement', 80],
      ['sanctions_auto_halt', 100],
    ]);
    expect(extended.length).toBeGreaterThanOrEqual(15);
    expect(mergePolicies([standard, extended])).toHaveLength(standard.length + extended.length);
    expectMsezError(() => mergePolicies([standard, standard]), 'CONFLICT');
  });
  it('rejects bad policy data with SCHEMA_INVALID', () => {
    expectMsezError(() => parsePolicy({ policy_id: 'x', trigger_type: 'nope', action: 'halt' }), 'SCHEMA_INVALID');
    expectMsezError(() => parsePolicy({ policy_id: 'x', trigger_type: 'dispute_filed', action: 'explode' }), 'SCHEMA_INVALID');
    expectMsezError(() => parsePolicy({ policy_id: 'x', trigger_type: 'dispute_filed', action: 'halt', condition: { type: 'threshold', field: 'a', threshold: '1e5' } }), 'SCHEMA_INVALID');
  });
});

describe('conditions', () => {
  it('compares integers and decimal strings exactly; missing fields are false', () => {
    expect(compareExact('10000000.00', 10000000)).toBe(0);
    expect(compareExact('9999999.99', 10000000)).toBe(-1);
    expect(compareExact('9007199254740993', '9007199254740992')).toBe(1);
    expect(evaluateCondition({ type: 'threshold', field: 'a.b', threshold: 100 }, { a: { b: 100 } })).toBe(true);
    expect(evaluateCondition({ type: 'threshold', field: 'a.b', threshold: 100 }, { a: {} })).toBe(false);
    expect(evaluateCondition({ type: 'less_than', field: 'x', threshold: '7' }, { x: '6.99' })).toBe(true);
    expect(evaluateCondition({ type: 'not_equals', field: 'x', value: 1 }, {})).toBe(false);
    expect(evaluateCondition({ type: 'in', field: 's', values: ['expired', 'revoked'] }, { s: 'revoked' })).toBe(true);
    expect(evaluateCondition({ type: 'exists', field: 's' }, { s: '' })).toBe(false);
    expect(evaluateCondition({ type: 'contains', field: 'p', item: 'self' }, { p: 'self' })).toBe(false);
  });
});

describe('evaluation order and conflict rule (D12)', () => {
  it('sanctions update with self listed schedules one halt from sanctions_auto_halt', () => {
    const policies = mergePolicies([standard, extended]);
    const ev = evaluateTrigger(
      { trigger_id: 'trg-1', trigger_type: 'sanctions_list_update', data: { affected_parties: ['self'], new_sanctioned: true }, timestamp: T, asset_id: 'ent-1' },
      policies,
    );
    expect(ev.matches.map((m) => m.policy_id)).toEqual(['sanctions_auto_halt', 'sanctions_freeze']);
    expect(ev.scheduled).toHaveLength(1);
    expect(ev.scheduled[0]).toMatchObject({ action_id: 'trg-1:sanctions_auto_halt', action_type: 'halt', status: 'pending', authorization_status: 'not_required', max_retries: 3 });
    expect(ev.audit[0]?.entry_type).toBe('trigger_received');
    const evaluated = ev.audit.filter((a) => a.entry_type === 'policy_evaluated').map((a) => a.evaluation_result?.policy_id);
    expect(evaluated).toEqual(policies.map((p) => p.policy_id));
    expect(ev.audit.at(-1)?.entry_type).toBe('action_scheduled');
  });
  it('keeps one action per kind by priority then id, and honours scope and enabled', () => {
    const p = (id: string, priority: number, extra: Partial<Policy> = {}): Policy => ({ policy_id: id, trigger_type: 'dispute_filed', action: 'halt', priority, jurisdiction_scope: [], authorization_requirement: 'automatic', enabled: true, ...extra });
    const ev = evaluateTrigger({ trigger_id: 't', trigger_type: 'dispute_filed', data: {}, timestamp: T, asset_id: 'a', jurisdiction_id: 'pk-sifc' }, [
      p('b', 10),
      p('a', 10),
      p('z', 50, { enabled: false }),
      p('y', 90, { jurisdiction_scope: ['ae-difc'] }),
      p('c', 5, { action: 'update_manifest', authorization_requirement: 'quorum' }),
    ]);
    expect(ev.scheduled.map((s) => [s.policy_id, s.authorization_status])).toEqual([
      ['a', 'not_required'],
      ['c', 'pending'],
    ]);
  });
});

describe('scheduled actions', () => {
  const base: ScheduledAction = {
    action_id: 't:p', asset_id: 'a', action_type: 'update_manifest', trigger_id: 't', policy_id: 'p', scheduled_at: T, execute_at: T,
    status: 'pending', retry_count: 0, max_retries: 3, authorization_requirement: 'quorum', authorization_status: 'pending', authorizations: [],
  };
  const gov = { governors: ['g1', 'g2', 'g3'], quorum_threshold: 2 };
  it('needs K distinct approvals under quorum before it can start', () => {
    expectMsezError(() => applyActionEvent(base, { kind: 'start' }), 'INVALID_STATE');
    const one = authorizeAction(base, { approver: 'g1', decision: 'approve', at: T }, gov);
    expect(one.authorization_status).toBe('pending');
    expectMsezError(() => authorizeAction(one, { approver: 'g1', decision: 'approve', at: T }, gov), 'CONFLICT');
    expectMsezError(() => authorizeAction(one, { approver: 'mallory', decision: 'approve', at: T }, gov), 'CONFLICT');
    const two = authorizeAction(one, { approver: 'g2', decision: 'approve', at: T }, gov);
    expect(two.authorization_status).toBe('approved');
    expect(applyActionEvent(two, { kind: 'start' }).status).toBe('executing');
  });
  it('unanimous rejects on the first rejection', () => {
    const u = authorizeAction({ ...base, authorization_requirement: 'unanimous' }, { approver: 'g2', decision: 'reject', at: T }, gov);
    expect([u.authorization_status, u.status]).toEqual(['rejected', 'cancelled']);
  });
  it('retries at most max_retries times, then fails', () => {
    let a: ScheduledAction = { ...base, authorization_requirement: 'automatic', authorization_status: 'not_required' };
    for (let i = 1; i <= 3; i++) {
      a = applyActionEvent(applyActionEvent(a, { kind: 'start' }), { kind: 'fail', error: `boom ${i}` });
      expect([a.status, a.retry_count]).toEqual(['retry_pending', i]);
    }
    a = applyActionEvent(applyActionEvent(a, { kind: 'start' }), { kind: 'fail', error: 'last' });
    expect([a.status, a.retry_count, a.last_error]).toEqual(['failed', 3, 'last']);
    expectMsezError(() => applyActionEvent(a, { kind: 'start' }), 'INVALID_TRANSITION');
  });
});
