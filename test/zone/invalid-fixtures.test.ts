import { describe, expect, test } from 'vitest';
import { listCases, readExpected, runCase } from './fixture-runner.js';

/**
 * Table-driven corpus (issue 3 acceptance): every test/fixtures/invalid/<case>/ applies its `files/`
 * (and deletions/symlinks) on top of test/fixtures/zone/base and names the code, position and exit.
 */
const cases = listCases();

describe('invalid inputs corpus', () => {
  test('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  test.each(cases)('%s', (name) => {
    const expected = readExpected(name);
    const outcome = runCase(name);
    expect(outcome.code).toBe(expected.code);
    expect(outcome.exit).toBe(expected.exit);
    expect(expected.exit).toBe(2);
    if (expected.file !== undefined) expect(outcome.file).toBe(expected.file);
    if (expected.line !== undefined) expect([outcome.line, outcome.col]).toEqual([expected.line, expected.col]);
  });
  test('the base workspace itself is valid', async () => {
    const { loadWorkspace, validateSelection } = await import('../../src/zone/index.js');
    const { loadSchemaRegistry } = await import('../../src/schema/index.js');
    const { BASE } = await import('./fixture-runner.js');
    const ws = loadWorkspace(BASE);
    const report = validateSelection(ws, { modules: [...ws.modules.values()], profiles: [...ws.profiles.values()], zones: ws.zones, registries: true }, loadSchemaRegistry(BASE));
    expect(report.problems).toEqual([]);
    expect(report.checked).toEqual({ modules: 3, profiles: 1, zones: 1, registries: 5 });
  });
});
