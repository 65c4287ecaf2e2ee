import { MsezError, isJsonObject, type JsonValue } from '../core/index.js';

/** Policy conditions (compliance.md §5). Fields are dot paths into the trigger data. */
export type Condition =
  | { readonly type: 'threshold'; readonly field: string; readonly threshold: number | string }
  | { readonly type: 'less_than'; readonly field: string; readonly threshold: number | string }
  | { readonly type: 'greater_than'; readonly field: string; readonly threshold: number | string }
  | { readonly type: 'equals'; readonly field: string; readonly value: JsonValue }
  | { readonly type: 'not_equals'; readonly field: string; readonly value: JsonValue }
  | { readonly type: 'contains'; readonly field: string; readonly item: JsonValue }
  | { readonly type: 'in'; readonly field: string; readonly values: readonly JsonValue[] }
  | { readonly type: 'exists'; readonly field: string }
  | { readonly type: 'and'; readonly conditions: readonly Condition[] }
  | { readonly type: 'or'; readonly conditions: readonly Condition[] };

/** Resolves a dot path; undefined when any step is missing or not an object. */
export function getField(data: JsonValue, path: string): JsonValue | undefined {
  let cur: JsonValue | undefined = data;
  for (const part of path.split('.')) {
    if (cur === undefined || !isJsonObject(cur) || !Object.hasOwn(cur, part)) return undefined;
    cur = cur[part];
  }
  return cur;
}

const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** An exact number: integer or decimal string as (digits, scale). Anything else is not a number. */
function toExact(v: JsonValue | number | string | undefined): { n: bigint; scale: number } | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? { n: BigInt(v), scale: 0 } : undefined;
  if (typeof v === 'bigint') return { n: v, scale: 0 };
  if (typeof v === 'string' && DECIMAL.test(v)) {
    const neg = v.startsWith('-');
    const [i, f = ''] = (neg ? v.slice(1) : v).split('.');
    const n = BigInt(`${i}${f}`);
    return { n: neg ? -n : n, scale: f.length };
  }
  return undefined;
}

/** Compares exactly (msez rule: integers or decimal strings, never floats); undefined when either side is not a number. */
export function compareExact(a: JsonValue | undefined, b: number | string): number | undefined {
  const x = toExact(a);
  const y = toExact(b);
  if (x === undefined || y === undefined) return undefined;
  const s = Math.max(x.scale, y.scale);
  const xn = x.n * 10n ** BigInt(s - x.scale);
  const yn = y.n * 10n ** BigInt(s - y.scale);
  return xn < yn ? -1 : xn > yn ? 1 : 0;
}

function jsonEqual(a: JsonValue | undefined, b: JsonValue): boolean {
  if (a === undefined) return false;
  const isInt = (v: JsonValue): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
  if (isInt(a) && isInt(b)) return String(a) === String(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i] as JsonValue));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k] as JsonValue));
}

function truthy(v: JsonValue | undefined): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Evaluates a condition; a missing field makes it false (compliance.md §5). Pure. */
export function evaluateCondition(c: Condition, data: JsonValue): boolean {
  switch (c.type) {
    case 'threshold': {
      const r = compareExact(getField(data, c.field), c.threshold);
      return r !== undefined && r >= 0;
    }
    case 'less_than': {
      const r = compareExact(getField(data, c.field), c.threshold);
      return r !== undefined && r < 0;
    }
    case 'greater_than': {
      const r = compareExact(getField(data, c.field), c.threshold);
      return r !== undefined && r > 0;
    }
    case 'equals':
      return jsonEqual(getField(data, c.field), c.value);
    case 'not_equals': {
      const v = getField(data, c.field);
      return v !== undefined && !jsonEqual(v, c.value);
    }
    case 'contains': {
      const v = getField(data, c.field);
      return Array.isArray(v) && v.some((x) => jsonEqual(x, c.item));
    }
    case 'in': {
      const v = getField(data, c.field);
      return v !== undefined && c.values.some((x) => jsonEqual(v, x));
    }
    case 'exists':
      return truthy(getField(data, c.field));
    case 'and':
      return c.conditions.every((x) => evaluateCondition(x, data));
    case 'or':
      return c.conditions.some((x) => evaluateCondition(x, data));
    default:
      return unreachable(c);
  }
}

function unreachable(c: never): never {
  throw new MsezError('INTERNAL', `unknown condition ${JSON.stringify(c)}`);
}
