import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ensureBuilt, runMsez } from '../support/cli.js';

/**
 * `msez canon --ndjson` against the reference canonicaliser on documents it has never seen. The reference
 * (momentum-sez/stack tools/lawpack.py `jcs_canonicalize`) is Python's json.dumps with sorted keys, compact
 * separators and ensure_ascii=False; python3 runs that rule here as the oracle. Documents hold no date-time
 * strings, where msez deliberately differs (design README D2).
 */
const ORACLE = `
import hashlib, json, sys
for line in sys.stdin:
    v = json.loads(line)
    out = json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    print(hashlib.sha256(out.encode("utf-8")).hexdigest())
`;

const hasPython = spawnSync('python3', ['--version']).status === 0;

const key = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: fc.integer({ min: 0xe000, max: 0xf8ff }).map((c) => String.fromCodePoint(c)), maxLength: 3 }),
  fc.string({ unit: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), maxLength: 3 }),
  fc.constantFrom('\uffff', '\ufb33', '\ud7ff', 'A', 'a', '\u0000', '\u001f'),
);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: fc.integer({ min: 0, max: 0x3f }).map((c) => String.fromCharCode(c)) }));
const integer = fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 130n), max: 2n ** 130n }));

/** JSON text for a value, writing bigints exactly (JSON.stringify cannot). */
function toText(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(toText).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}:${toText(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const doc = fc
  .letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      integer,
      text,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    ),
  }))
  .value.filter((v) => !/[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]/.test(toText(v)));

beforeAll(() => ensureBuilt());

describe.skipIf(!hasPython)('msez canon --ndjson agrees with the reference canonicaliser', () => {
  it('on 2000 random documents (big integers, astral and private-use keys, control characters)', () => {
    const docs = fc.sample(doc, { numRuns: 2000, seed: 20261121 }).map(toText);
    const input = docs.join('\n') + '\n';
    const ours = runMsez(['canon', '--ndjson'], { input });
    expect(ours.status).toBe(0);
    const oracle = spawnSync('python3', ['-c', ORACLE], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(oracle.status).toBe(0);
    const a = ours.stdout.trimEnd().split('\n');
    const b = oracle.stdout.trimEnd().split('\n');
    expect(a).toHaveLength(docs.length);
    const firstDiff = a.findIndex((x, i) => x !== b[i]);
    expect(firstDiff === -1 ? null : docs[firstDiff]).toBeNull();
  });

  it('rejects every float literal with FLOAT_REJECTED', () => {
    const floats = fc.sample(
      fc.tuple(fc.integer(), fc.nat(999), fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined })).map(
        ([i, f, e]) => `{"amount":${i}.${f}${e === undefined ? '' : `e${e}`}}`,
      ),
      { numRuns: 300, seed: 7 },
    );
    const exps = ['1e2', '1E400', '-0.0', '[0e0]', '{"a":[1,{"b":2.50}]}', 'NaN', 'Infinity', '-Infinity'];
    const lines = [...floats, ...exps];
    const r = runMsez(['canon', '--ndjson'], { input: lines.join('\n') + '\n' });
    expect(r.status).toBe(2);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(lines.length);
    for (const line of out) expect(line).toMatch(/^error FLOAT_REJECTED /);
  });
});
