import { MsezError } from './errors.js';
import { normaliseDateTime } from './datetime.js';
import { pointerToken } from './json-value.js';

declare const canonical: unique symbol;
/** UTF-8 bytes of MCF (canonical.md §1–4). Only {@link mcf} produces them. */
export type CanonicalBytes = Uint8Array & { readonly [canonical]: true };

const encoder = new TextEncoder();

/**
 * Canonical bytes of a JSON value (MCF, design README D2).
 * @throws MsezError FLOAT_REJECTED, UNSAFE_INTEGER, LONE_SURROGATE, UNSUPPORTED_VALUE
 */
export function mcf(value: unknown): CanonicalBytes {
  return encoder.encode(mcfText(value)) as CanonicalBytes;
}

/** The canonical text; exported for display only. Hash {@link mcf}'s bytes, never this string. */
export function mcfText(value: unknown): string {
  return new Writer().value(value);
}

/**
 * Orders strings by Unicode code point. UTF-16 order differs only where a surrogate meets a unit at or
 * above U+E000, so shifting those two ranges makes code-unit comparison agree with code points.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

type McfFailure = 'FLOAT_REJECTED' | 'UNSAFE_INTEGER' | 'LONE_SURROGATE' | 'UNSUPPORTED_VALUE';

/** Walks the value once. The JSON pointer is kept as a key stack and only joined on failure. */
class Writer {
  private readonly path: (string | number)[] = [];
  private readonly stack = new Set<object>();

  fail(code: McfFailure, msg: string): never {
    const pointer = this.path.map((k) => `/${pointerToken(k)}`).join('');
    throw new MsezError(code, `${msg} at ${pointer === '' ? '/' : pointer}`, { pointer });
  }

  value(v: unknown): string {
    switch (typeof v) {
      case 'string':
        return this.quote(normaliseDateTime(v) ?? v);
      case 'number':
        if (!Number.isInteger(v)) this.fail('FLOAT_REJECTED', `non-integer number ${String(v)} rejected (floats are not allowed)`);
        if (!Number.isSafeInteger(v)) this.fail('UNSAFE_INTEGER', `integer ${String(v)} is past 2^53 and must be a bigint`);
        return v === 0 ? '0' : String(v);
      case 'bigint':
        return v.toString(10);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'object': {
        if (v === null) return 'null';
        if (this.stack.has(v)) this.fail('UNSUPPORTED_VALUE', 'cyclic value');
        this.stack.add(v);
        let out: string;
        if (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype) out = this.array(v);
        else if (isPlainObject(v)) out = this.object(v as Record<string, unknown>);
        else this.fail('UNSUPPORTED_VALUE', `unsupported ${describe(v)}`);
        this.stack.delete(v);
        return out;
      }
      default:
        return this.fail('UNSUPPORTED_VALUE', `unsupported ${typeof v}`);
    }
  }

  array(a: unknown[]): string {
    let out = '[';
    for (let i = 0; i < a.length; i++) {
      this.path.push(i);
      if (!(i in a)) this.fail('UNSUPPORTED_VALUE', 'sparse array hole');
      out += (i > 0 ? ',' : '') + this.value(a[i]);
      this.path.pop();
    }
    return out + ']';
  }

  object(o: Record<string, unknown>): string {
    if (Object.getOwnPropertySymbols(o).length > 0) this.fail('UNSUPPORTED_VALUE', 'symbol-keyed member');
    const keys = Object.keys(o).sort(compareCodePoints);
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      this.path.push(k);
      const val = o[k];
      if (val === undefined) this.fail('UNSUPPORTED_VALUE', 'undefined member (msez refuses rather than drops it)');
      out += (i > 0 ? ',' : '') + this.quote(k) + ':' + this.value(val);
      this.path.pop();
    }
    return out + '}';
  }

  quote(s: string): string {
    if (!s.isWellFormed()) this.fail('LONE_SURROGATE', 'string contains a lone surrogate');
    if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
    let r = '"';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const short = SHORT[c];
      if (short !== undefined) r += short;
      else if (c < 0x20) r += `\\u00${c.toString(16).padStart(2, '0')}`;
      else r += s[i];
    }
    return r + '"';
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(v: object): string {
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name !== undefined && name !== '' ? `object type ${name}` : 'object';
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
const SHORT: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };
