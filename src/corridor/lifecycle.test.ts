import { describe, expect, expectTypeOf, test } from 'vitest';
import { expectMsezError } from '../../test/support/vectors.js';
import { FINALITY_LEVELS, TRANSITIONS, finalityRank, parseCorridorState, ruleFor, type Transition } from './lifecycle.js';

describe('lifecycle v2 (D7)', () => {
  test('the table is exactly the design table', () => {
    expect(TRANSITIONS.map((t) => `${t.from}->${t.to}:${t.kind}`)).toEqual([
      'DRAFT->PENDING:submit',
      'PENDING->ACTIVE:activate',
      'ACTIVE->HALTED:halt',
      'HALTED->ACTIVE:resume_from_halt',
      'ACTIVE->SUSPENDED:suspend',
      'SUSPENDED->ACTIVE:resume_from_suspension',
      'ACTIVE->DEPRECATED:deprecate',
      'HALTED->DEPRECATED:deprecate_from_halt',
      'SUSPENDED->DEPRECATED:deprecate_from_suspension',
    ]);
  });
  test('invalid transitions cannot be expressed as types', () => {
    expectTypeOf<Transition<'submit'>['from']>().toEqualTypeOf<'DRAFT'>();
    expectTypeOf<Transition<'resume_from_halt'>['to']>().toEqualTypeOf<'ACTIVE'>();
    // @ts-expect-error DEPRECATED is terminal: no rule starts there
    const bad: Transition = { kind: 'deprecate', from: 'DEPRECATED', to: 'ACTIVE', gate: { kind: 'zone_authority' } };
    expect(bad).toBeDefined();
  });
  test('verbs pick the rule from the current state', () => {
    expect(ruleFor('resume', 'HALTED').kind).toBe('resume_from_halt');
    expect(ruleFor('resume', 'SUSPENDED').kind).toBe('resume_from_suspension');
    expect(ruleFor('deprecate', 'HALTED').kind).toBe('deprecate_from_halt');
    expectMsezError(() => ruleFor('resume', 'ACTIVE'), 'INVALID_TRANSITION');
    expectMsezError(() => ruleFor('submit', 'DEPRECATED'), 'INVALID_TRANSITION');
  });
  test('PROPOSED and OPERATIONAL are refused on input', () => {
    expectMsezError(() => parseCorridorState('PROPOSED'), 'INVALID_STATE');
    expectMsezError(() => parseCorridorState('OPERATIONAL'), 'INVALID_STATE');
    expectMsezError(() => parseCorridorState('active'), 'INVALID_STATE');
    expect(parseCorridorState('HALTED')).toBe('HALTED');
  });
  test('finality order', () => {
    expect(FINALITY_LEVELS.map(finalityRank)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
