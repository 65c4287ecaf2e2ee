import { stringify as yamlStringify } from 'yaml';
import { MsezError, assertNever, compareCodePoints, isJsonObject, mcf, mcfText, type JsonObject, type JsonValue } from '../core/index.js';

/** The three ways `msez lock` writes a lock (formats.md §5 step 14). */
export const LOCK_FORMATS = ['canonical-json', 'pretty-json', 'yaml'] as const;
export type LockFormat = (typeof LOCK_FORMATS)[number];

const encoder = new TextEncoder();

/** Narrows a `--format` value; anything else is USAGE (exit 2). */
export function parseLockFormat(v: string): LockFormat {
  const f = LOCK_FORMATS.find((x) => x === v);
  if (f === undefined) throw new MsezError('USAGE', `--format must be one of ${LOCK_FORMATS.join(', ')} (got ${JSON.stringify(v)})`, { format: v });
  return f;
}

/**
 * The bytes written for a lock (formats.md §5 step 14), each ending in one `\n`:
 * - `canonical-json`: MCF bytes (the only form `--check` accepts);
 * - `pretty-json`: the MCF value model (date-times normalised, keys by code point) indented by 2, with
 *   Python's `json.dumps(indent=2, sort_keys=True)` layout (`"k": v`, empty containers as `{}`/`[]`);
 * - `yaml`: the lock in insertion order (block style, no line folding, never anchors or aliases).
 * @throws MsezError from MCF (the lock must be canonicalisable in every format)
 */
export function serializeLock(lock: JsonObject, format: LockFormat): Uint8Array {
  switch (format) {
    case 'canonical-json':
      return withNewline(mcf(lock));
    case 'pretty-json':
      mcf(lock); // same refusals (floats, lone surrogates) as the canonical form
      return encoder.encode(`${pretty(lock, '')}\n`);
    case 'yaml':
      mcf(lock);
      return encoder.encode(yamlStringify(lock, { aliasDuplicateObjects: false, lineWidth: 0, minContentWidth: 0 }));
    default:
      return assertNever(format);
  }
}

function withNewline(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.byteLength + 1);
  out.set(body);
  out[body.byteLength] = 0x0a;
  return out;
}

/** Indented JSON over MCF scalars: strings and integers print exactly as MCF writes them. */
function pretty(v: JsonValue, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort(compareCodePoints);
    if (keys.length === 0) return '{}';
    // Keys are quoted like MCF keys (JSON.stringify escapes exactly as MCF for well-formed strings, and
    // mcf() above already refused lone surrogates); values go through MCF, so date-times are normalised.
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${pretty(v[k] as JsonValue, inner)}`).join(',\n')}\n${indent}}`;
  }
  return mcfText(v);
}
