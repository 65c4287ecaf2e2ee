import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mcf, mcfText, parseJson, parseYaml, compareCodePoints } from './index.js';
import { expectMsezError } from '../../test/support/vectors.js';

describe('strict JSON reader', () => {
  it('keeps integers exact: number when safe, bigint past 2^53', () => {
    expect(parseJson('[9007199254740991,9007199254740992,-18446744073709551616,-0]').value).toEqual([
      9007199254740991,
      9007199254740992n,
      -18446744073709551616n,
      0,
    ]);
  });
  it.each([
    ['1.0', 'FLOAT_REJECTED'],
    ['1e2', 'FLOAT_REJECTED'],
    ['1E400', 'FLOAT_REJECTED'],
    ['-0.0', 'FLOAT_REJECTED'],
    ['[2.5]', 'FLOAT_REJECTED'],
    ['NaN', 'FLOAT_REJECTED'],
    ['-Infinity', 'FLOAT_REJECTED'],
    ['{"a":1,"a":1}', 'DUPLICATE_KEY'],
    ['"\\ud800"', 'LONE_SURROGATE'],
    ['"\\udc00x"', 'LONE_SURROGATE'],
    ['"a\tb"', 'JSON_SYNTAX'],
    ['01', 'JSON_SYNTAX'],
    ['[1,]', 'JSON_SYNTAX'],
    ['{"a" 1}', 'JSON_SYNTAX'],
    ["'a'", 'JSON_SYNTAX'],
    ['', 'JSON_SYNTAX'],
    ['{} {}', 'JSON_SYNTAX'],
    ['"\\x"', 'JSON_SYNTAX'],
  ] as const)('%s -> %s', (text, code) => expectMsezError(() => parseJson(text), code));
  it('reports file:line:col and the pointer', () => {
    try {
      parseJson('{\n  "a": [1,\n    2.5]\n}', { file: 'x.json' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/^x\.json:3:5: /);
      expect((e as { details: unknown }).details).toMatchObject({ file: 'x.json', line: 3, col: 5, pointer: '/a/1' });
    }
  });
  it('does not let __proto__ change the prototype', () => {
    const v = parseJson('{"__proto__":{"polluted":1}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(mcfText(v)).toBe('{"__proto__":{"polluted":1}}');
  });
  it('locates nodes by pointer', () => {
    const p = parseJson('{"a":\n {"b": [true]}}', { positions: true });
    expect(p.locate('/a/b/0')).toEqual({ line: 2, col: 9 });
    expect(p.locate('/a/missing')).toEqual({ line: 2, col: 2 });
  });
});

describe('strict YAML reader', () => {
  it('reads the 1.2 core schema with exact integers', () => {
    expect(parseYaml('a: 18446744073709551616\nb: yes\nc: 0777\nd: 1:30\ne: 2024-01-15 10:30:00\n1: x\n').value).toEqual({
      a: 18446744073709551616n,
      b: 'yes',
      c: 777,
      d: '1:30',
      e: '2024-01-15 10:30:00',
      '1': 'x',
    });
  });
  it.each([
    ['a: 1.5', 'FLOAT_REJECTED'],
    ['a: 1.0', 'FLOAT_REJECTED'],
    ['a: .inf', 'FLOAT_REJECTED'],
    ['a: !!float 3', 'YAML_TAG'],
    ['a: !custom x', 'YAML_TAG'],
    ['a: !!binary aGVsbG8=', 'YAML_TAG'],
    ['a: !!timestamp 2024-01-01', 'YAML_TAG'],
    ['a: 1\na: 2', 'DUPLICATE_KEY'],
    ['1: a\n"1": b', 'DUPLICATE_KEY'],
    ['? [a]\n: b', 'NON_STRING_KEY'],
    ['null: a', 'NON_STRING_KEY'],
    ['true: a', 'NON_STRING_KEY'],
    ['a: [1, 2', 'YAML_SYNTAX'],
    ['a: b\n---\nc: d', 'YAML_SYNTAX'],
  ] as const)('%j -> %s', (text, code) => expectMsezError(() => parseYaml(text, 'z.yaml'), code));
  it('reports file:line:col', () => {
    try {
      parseYaml('a:\n  b: 1\n  c: 2.5\n', 'zone.yaml');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/^zone\.yaml:3:6: /);
    }
  });
  it('warns on YAML 1.1 divergences without changing values', () => {
    const p = parseYaml('a: yes\nb: 0777\nc: 1:30\nd: "yes"\ne: 2024-01-15 10:30:00\nf: 1_000\n');
    expect(p.warnings.map((w) => w.pointer)).toEqual(['/a', '/b', '/c', '/e', '/f']);
    expect(p.warnings[0]).toMatchObject({ line: 1, col: 4 });
  });
});

const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
    fc.string({ unit: 'grapheme-composite' }),
    fc.string({ unit: 'binary' }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('MCF properties', () => {
  it('is stable: canonicalising the parsed output again gives the same bytes', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const once = mcfText(v);
        expect(mcfText(parseJson(once).value)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
  it('round-trips: the output parses back to an equal value', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const back = parseJson(mcfText(v)).value;
        expect(mcfText(back)).toBe(mcfText(v));
      }),
      { numRuns: 300 },
    );
  });
  it('orders keys by code point, independent of insertion order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary' }), { maxLength: 8 }), (keys) => {
        const fwd = Object.fromEntries(keys.map((k, i) => [k, i]));
        const rev = Object.fromEntries([...keys].reverse().map((k) => [k, keys.indexOf(k)]));
        expect(mcfText(fwd)).toBe(mcfText(rev));
        const sortedBytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect([...keys].sort(compareCodePoints)).toEqual(sortedBytes);
      }),
      { numRuns: 300 },
    );
  });
  it('rejects every non-integer number', () => {
    fc.assert(
      fc.property(fc.double().filter((d) => !Number.isInteger(d)), (d) => expectMsezError(() => mcf({ x: d }), 'FLOAT_REJECTED')),
    );
  });
});
