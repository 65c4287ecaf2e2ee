import { describe, expect, test } from 'vitest';
import { satisfies } from './constraint.js';

describe('depends_on constraints (formats.md §2)', () => {
  test.each([
    ['0.2.0', '>=0.1.0,<1.0.0', true],
    ['1.0.0', '>=0.1.0,<1.0.0', false],
    ['0.1.0', '>0.1.0', false],
    ['0.1.0', '=0.1.0', true],
    ['0.1.0', '==0.1', true],
    ['0.1.0-rc.1', '>=0.1.0', true],
    ['0.4.44', '<=0.4.43', false],
    ['2.0.0', '2.0.0', true],
  ])('%s satisfies %s: %s', (v, c, ok) => {
    expect(satisfies(v, c)).toBe(ok);
  });
});
