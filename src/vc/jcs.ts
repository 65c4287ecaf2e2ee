import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { MsezError, childPointer } from '../core/index.js';

/**
 * RFC 8785 JSON Canonicalization Scheme, used only by eddsa-jcs-2022 proofs (canonical.md §5).
 * {@link jcs} first runs the MCF value check (floats, unsafe integers, bigints, lone surrogates and non-JSON
 * values are refused with their MCF codes), so `canonicalize` never sees input it would silently round,
 * drop or serialise as invalid JSON.
 *
 * The check is one allocation-free pass ({@link isJcsValue}) on the signing and verifying hot path; only
 * when it fails does {@link assertJcsValue} walk the value again to name the code and JSON pointer.
 */

const encoder = new TextEncoder();

/** JCS bytes of an MCF-checked value. @throws MsezError FLOAT_REJECTED, UNSAFE_INTEGER, LONE_SURROGATE, UNSUPPORTED_VALUE */
export function jcs(value: unknown): Uint8Array {
  // The diagnosing walk throws the precise error; it also settles values nested deeper than the fast check goes.
  if (!isJcsValue(value, 0)) assertJcsValue(value, '', new Set());
  return encoder.encode(rfc8785Text(value));
}

/**
 * SHA-256 of the JCS bytes of an MCF-checked value: the two halves of eddsa-jcs-2022 hashData
 * (crypto.md §5). Hashes the text as UTF-8 directly, without an intermediate byte array.
 * @throws MsezError as {@link jcs}
 */
export function jcsSha256(value: unknown): Uint8Array {
  if (!isJcsValue(value, 0)) assertJcsValue(value, '', new Set());
  return hash('sha256', rfc8785Text(value), 'buffer');
}

/**
 * Plain RFC 8785 text through `canonicalize`, with no msez value check (floats in ES6 shortest form).
 * Exported for the RFC 8785 conformance data; signing paths use {@link jcs}.
 */
export function rfc8785Text(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (cause) {
    throw new MsezError('UNSUPPORTED_VALUE', `value cannot be canonicalised with RFC 8785: ${(cause as Error).message}`, {}, { cause });
  }
  if (text === undefined) throw new MsezError('UNSUPPORTED_VALUE', 'value cannot be canonicalised with RFC 8785');
  return text;
}

function fail(code: 'FLOAT_REJECTED' | 'UNSAFE_INTEGER' | 'LONE_SURROGATE' | 'UNSUPPORTED_VALUE', msg: string, ptr: string): never {
  throw new MsezError(code, `${msg} at ${ptr === '' ? '/' : ptr}`, { pointer: ptr });
}

/**
 * Past this nesting depth the fast check gives up and the diagnosing walk (which tracks ancestors) decides,
 * so a cyclic value ends in UNSUPPORTED_VALUE instead of a stack overflow.
 */
const FAST_CHECK_MAX_DEPTH = 200;

/** True when `v` passes every rule of {@link assertJcsValue}; no pointers, no ancestor set. */
function isJcsValue(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
      return v.isWellFormed();
    case 'number':
      return Number.isSafeInteger(v);
    case 'boolean':
      return true;
    case 'object': {
      if (v === null) return true;
      if (depth > FAST_CHECK_MAX_DEPTH) return false;
      const proto = Object.getPrototypeOf(v) as unknown;
      if (Array.isArray(v)) {
        if (proto !== Array.prototype) return false;
        for (let i = 0; i < v.length; i++) if (!(i in v) || !isJcsValue(v[i], depth + 1)) return false;
        return true;
      }
      if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(v).length > 0) return false;
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const child = obj[k];
        if (!k.isWellFormed() || child === undefined || !isJcsValue(child, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function assertJcsValue(v: unknown, ptr: string, stack: Set<object>): void {
  switch (typeof v) {
    case 'string':
      if (LONE_SURROGATE.test(v)) fail('LONE_SURROGATE', 'lone surrogate in string', ptr);
      return;
    case 'number':
      if (!Number.isInteger(v)) fail('FLOAT_REJECTED', `non-integer number ${String(v)} rejected (floats are not allowed)`, ptr);
      if (!Number.isSafeInteger(v)) fail('UNSAFE_INTEGER', `integer ${String(v)} is past 2^53`, ptr);
      return;
    case 'bigint':
      // JCS numbers are IEEE-754 doubles: an integer past 2^53 cannot be represented exactly.
      fail('UNSAFE_INTEGER', `integer ${v.toString()} is past 2^53 and cannot be signed with eddsa-jcs-2022`, ptr);
      return;
    case 'boolean':
      return;
    case 'object': {
      if (v === null) return;
      if (stack.has(v)) fail('UNSUPPORTED_VALUE', 'cyclic value', ptr);
      const proto = Object.getPrototypeOf(v) as unknown;
      stack.add(v);
      if (Array.isArray(v) && proto === Array.prototype) {
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) fail('UNSUPPORTED_VALUE', 'sparse array hole', childPointer(ptr, i));
          assertJcsValue(v[i], childPointer(ptr, i), stack);
        }
      } else if (proto === Object.prototype || proto === null) {
        if (Object.getOwnPropertySymbols(v).length > 0) fail('UNSUPPORTED_VALUE', 'symbol-keyed member', ptr);
        for (const [k, child] of Object.entries(v)) {
          if (LONE_SURROGATE.test(k)) fail('LONE_SURROGATE', 'lone surrogate in key', childPointer(ptr, k));
          if (child === undefined) fail('UNSUPPORTED_VALUE', 'undefined member', childPointer(ptr, k));
          assertJcsValue(child, childPointer(ptr, k), stack);
        }
      } else {
        fail('UNSUPPORTED_VALUE', 'unsupported object type', ptr);
      }
      stack.delete(v);
      return;
    }
    default:
      fail('UNSUPPORTED_VALUE', `unsupported ${typeof v}`, ptr);
  }
}
