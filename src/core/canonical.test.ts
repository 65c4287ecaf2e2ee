import { describe, expect, it } from 'vitest';
import { digestCanonical, mcf, parseJson } from './index.js';
import { expectMsezError, hex, vectorJson, vectorText } from '../../test/support/vectors.js';

interface RefCase {
  name: string;
  input: unknown;
  has_rfc3339_string: boolean;
  canonical_hex: string;
  sha256_digest: string;
  rust_canonical_utf8?: string;
}

describe('reference/canonical_bytes.json', () => {
  const { test_cases } = vectorJson<{ test_cases: RefCase[] }>('reference/canonical_bytes.json');
  it('has 15 cases', () => expect(test_cases).toHaveLength(15));
  for (const c of test_cases) {
    it(c.name, () => {
      const bytes = mcf(c.input);
      if (c.has_rfc3339_string) {
        // msez normalises date-time strings (design README D2): the Rust-rule expectation applies.
        expect(Buffer.from(bytes).toString('utf8')).toBe(c.rust_canonical_utf8);
        expect(digestCanonical(bytes).hex).toBe('e228822a9fea410c1f00156a8775c9caa1b4b6b25708061005b4ab7ae967259e');
      } else {
        expect(hex(bytes)).toBe(c.canonical_hex);
        expect(digestCanonical(bytes).hex).toBe(c.sha256_digest);
      }
    });
  }
});

interface ExtraCase {
  name: string;
  input_text: string;
  error: boolean;
  canonical_hex?: string;
  sha256?: string;
}

describe('generated/canonical_extra.json', () => {
  const { cases } = vectorJson<{ cases: ExtraCase[] }>('generated/canonical_extra.json');
  it('has 43 cases', () => expect(cases).toHaveLength(43));
  for (const c of cases) {
    it(c.name, () => {
      if (c.error) {
        expect(() => mcf(parseJson(c.input_text).value)).toThrow();
        try {
          mcf(parseJson(c.input_text).value);
        } catch (e) {
          expect((e as { code?: string }).code).toMatch(/^(FLOAT_REJECTED|LONE_SURROGATE|JSON_SYNTAX)$/);
        }
      } else {
        const bytes = mcf(parseJson(c.input_text).value);
        expect(hex(bytes)).toBe(c.canonical_hex);
        expect(digestCanonical(bytes).hex).toBe(c.sha256);
      }
    });
  }
});

describe('rfc8785 data under the MCF rule', () => {
  for (const name of ['arrays', 'french', 'unicode']) {
    it(`${name} equals the RFC 8785 output`, () => {
      const out = mcf(parseJson(vectorText(`rfc8785/input/${name}.json`)).value);
      expect(Buffer.from(out).toString('utf8')).toBe(vectorText(`rfc8785/output/${name}.json`));
    });
  }
  for (const name of ['structures', 'values']) {
    it(`${name} is rejected for its floats`, () => {
      expectMsezError(() => mcf(parseJson(vectorText(`rfc8785/input/${name}.json`)).value), 'FLOAT_REJECTED');
    });
  }
  it('weird differs only in code-point key order', () => {
    const out = Buffer.from(mcf(parseJson(vectorText('rfc8785/input/weird.json')).value)).toString('utf8');
    const rfc = vectorText('rfc8785/output/weird.json');
    expect(out).not.toBe(rfc);
    expect(out.length).toBe(rfc.length);
    expect(out.indexOf('\ufb33')).toBeLessThan(out.indexOf('\u{1f602}'));
    expect(JSON.parse(out)).toEqual(JSON.parse(rfc));
  });
});

describe('MCF value model', () => {
  it('writes big integers exactly and -0 as 0', () => {
    expect(Buffer.from(mcf({ a: 18446744073709551616n, b: -0, c: [1000000000000000000000000000000n] })).toString()).toBe(
      '{"a":18446744073709551616,"b":0,"c":[1000000000000000000000000000000]}',
    );
  });
  it('sorts keys by code point, not UTF-16 unit', () => {
    expect(Buffer.from(mcf({ '😀': 2, '\uffff': 1, B: 0, a: 0, é: 0 })).toString()).toBe('{"B":0,"a":0,"é":0,"\uffff":1,"😀":2}');
  });
  it('escapes exactly the short set and other C0 controls, nothing else', () => {
    const s = '"\\\b\f\n\r\t\u0000\u001f/\u007f\u2028\u2029é';
    expect(Buffer.from(mcf(s)).toString()).toBe('"\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f/\u007f\u2028\u2029é"');
  });
  it('rejects what it cannot represent with a code', () => {
    expectMsezError(() => mcf(1.5), 'FLOAT_REJECTED');
    expectMsezError(() => mcf(Number.NaN), 'FLOAT_REJECTED');
    expectMsezError(() => mcf(Infinity), 'FLOAT_REJECTED');
    expectMsezError(() => mcf(2 ** 53), 'UNSAFE_INTEGER');
    expectMsezError(() => mcf('\ud800'), 'LONE_SURROGATE');
    expectMsezError(() => mcf({ ['\udc00']: 1 }), 'LONE_SURROGATE');
    expectMsezError(() => mcf(undefined), 'UNSUPPORTED_VALUE');
    expectMsezError(() => mcf({ a: undefined }), 'UNSUPPORTED_VALUE');
    expectMsezError(() => mcf([undefined]), 'UNSUPPORTED_VALUE');
    expectMsezError(() => mcf(new Date(0)), 'UNSUPPORTED_VALUE');
    expectMsezError(() => mcf(new Map()), 'UNSUPPORTED_VALUE');
    expectMsezError(() => mcf(() => 1), 'UNSUPPORTED_VALUE');
    expectMsezError(() => mcf(Symbol('s')), 'UNSUPPORTED_VALUE');
    expectMsezError(() => mcf(new Uint8Array(2)), 'UNSUPPORTED_VALUE');
    expectMsezError(() => mcf([1, , 2]), 'UNSUPPORTED_VALUE');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expectMsezError(() => mcf(cyclic), 'UNSUPPORTED_VALUE');
  });
  it('accepts null-prototype objects and top-level scalars', () => {
    const o = Object.create(null) as Record<string, number>;
    o.b = 1;
    o.a = 2;
    expect(Buffer.from(mcf(o)).toString()).toBe('{"a":2,"b":1}');
    expect(Buffer.from(mcf('s')).toString()).toBe('"s"');
    expect(Buffer.from(mcf(null)).toString()).toBe('null');
    expect(Buffer.from(mcf([])).toString()).toBe('[]');
  });
});

describe('date-time rule (canonical.md §4)', () => {
  const table: [string, string][] = [
    ['2024-01-15T10:30:00+05:00', '2024-01-15T05:30:00Z'],
    ['2024-01-15T10:30:00.999Z', '2024-01-15T10:30:00Z'],
    ['2024-01-15t10:30:00z', '2024-01-15T10:30:00Z'],
    ['2024-03-01T01:00:00+02:00', '2024-02-29T23:00:00Z'],
    ['2024-01-15T10:30:00-00:00', '2024-01-15T10:30:00Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
    ['2000-02-29T23:59:59-01:00', '2000-03-01T00:59:59Z'],
  ];
  for (const [input, want] of table) {
    it(`${input} -> ${want}`, () => expect(Buffer.from(mcf(input)).toString()).toBe(JSON.stringify(want)));
  }
  const unchanged = [
    '2024-01-15',
    '2024-01-15 10:30:00',
    '2023-02-29T00:00:00Z',
    '2024-01-15T24:00:00Z',
    '2024-01-15T10:30:60Z',
    ' 2024-01-15T10:30:00Z',
    '2024-01-15T10:30:00+24:00',
    '9999-12-31T23:00:00-05:00',
    '1900-02-29T00:00:00Z',
    '２０２４-01-15T10:30:00Z',
  ];
  for (const s of unchanged) {
    it(`leaves ${JSON.stringify(s)} unchanged`, () => expect(Buffer.from(mcf(s)).toString()).toBe(JSON.stringify(s)));
  }
  it('never rewrites keys', () => {
    expect(Buffer.from(mcf({ '2024-01-15T10:30:00+05:00': 1 })).toString()).toBe('{"2024-01-15T10:30:00+05:00":1}');
  });
});
