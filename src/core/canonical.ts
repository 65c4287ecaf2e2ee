import { MsezError } from './errors.js';
import { normaliseDateTime } from './datetime.js';
import { childPointer } from './json-value.js';

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
  const out: string[] = [];
  write(value, '', out, new Set());
  return out.join('');
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

function fail(code: 'FLOAT_REJECTED' | 'UNSAFE_INTEGER' | 'LONE_SURROGATE' | 'UNSUPPORTED_VALUE', msg: string, pointer: string): never {
  throw new MsezError(code, `${msg} at ${pointer === '' ? '/' : pointer}`, { pointer });
}

function write(v: unknown, ptr: string, out: string[], stack: Set<object>): void {
  switch (typeof v) {
    case 'string': {
      out.push(quote(normaliseDateTime(v) ?? v, ptr));
      return;
    }
    case 'number': {
      if (!Number.isInteger(v)) fail('FLOAT_REJECTED', `non-integer number ${String(v)} rejected (floats are not allowed)`, ptr);
      if (!Number.isSafeInteger(v)) fail('UNSAFE_INTEGER', `integer ${String(v)} is past 2^53 and must be a bigint`, ptr);
      out.push(v === 0 ? '0' : String(v));
      return;
    }
    case 'bigint':
      out.push(v.toString(10));
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'object': {
      if (v === null) {
        out.push('null');
        return;
      }
      if (stack.has(v)) fail('UNSUPPORTED_VALUE', 'cyclic value', ptr);
      stack.add(v);
      if (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype) writeArray(v, ptr, out, stack);
      else if (isPlainObject(v)) writeObject(v as Record<string, unknown>, ptr, out, stack);
      else fail('UNSUPPORTED_VALUE', `unsupported ${describe(v)}`, ptr);
      stack.delete(v);
      return;
    }
    default:
      fail('UNSUPPORTED_VALUE', `unsupported ${typeof v}`, ptr);
  }
}

function writeArray(a: unknown[], ptr: string, out: string[], stack: Set<object>): void {
  out.push('[');
  for (let i = 0; i < a.length; i++) {
    if (i > 0) out.push(',');
    if (!(i in a)) fail('UNSUPPORTED_VALUE', 'sparse array hole', childPointer(ptr, i));
    write(a[i], childPointer(ptr, i), out, stack);
  }
  out.push(']');
}

function writeObject(o: Record<string, unknown>, ptr: string, out: string[], stack: Set<object>): void {
  if (Object.getOwnPropertySymbols(o).length > 0) fail('UNSUPPORTED_VALUE', 'symbol-keyed member', ptr);
  const keys = Object.keys(o).sort(compareCodePoints);
  out.push('{');
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const child = childPointer(ptr, k);
    const val = o[k];
    if (val === undefined) fail('UNSUPPORTED_VALUE', 'undefined member (msez refuses rather than drops it)', child);
    if (i > 0) out.push(',');
    out.push(quote(k, child), ':');
    write(val, child, out, stack);
  }
  out.push('}');
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

function quote(s: string, ptr: string): string {
  if (!s.isWellFormed()) fail('LONE_SURROGATE', 'string contains a lone surrogate', ptr);
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
