import { MsezError, type ErrorCode } from './errors.js';
import { childPointer, normaliseInteger, setMember, type JsonObject, type JsonValue } from './json-value.js';
import { makeLocator, type ParsedSource, type SourcePosition } from './source.js';

/**
 * msez's strict JSON reader (canonical.md §2). JSON.parse cannot be used: it cannot tell `1.0` from `1`,
 * rounds integers past 2^53 and keeps the last duplicate key.
 */
export interface JsonReadOptions {
  /** Record the position of every node (for validation messages). Off for bulk paths. */
  readonly positions?: boolean;
  readonly file?: string;
}

const MAX_DEPTH = 1000;

export function parseJson(text: string, options: JsonReadOptions = {}): ParsedSource<JsonValue> {
  const reader = new Reader(text, options.file ?? '<input>', options.positions === true);
  const value = reader.document();
  return { value, file: reader.file, locate: makeLocator(reader.positions) };
}

/** Reads JSON from UTF-8 bytes; invalid UTF-8 is refused. */
export function parseJsonBytes(bytes: Uint8Array, options: JsonReadOptions = {}): ParsedSource<JsonValue> {
  return parseJson(decodeUtf8(bytes, options.file ?? '<input>'), options);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new MsezError('JSON_SYNTAX', `${file}: input is not valid UTF-8`, { file }, { cause });
  }
}

class Reader {
  pos = 0;
  line = 1;
  lineStart = 0;
  depth = 0;
  readonly positions = new Map<string, SourcePosition>();

  constructor(
    readonly text: string,
    readonly file: string,
    readonly track: boolean,
  ) {}

  document(): JsonValue {
    this.ws();
    const v = this.value('');
    this.ws();
    if (this.pos < this.text.length) this.fail('JSON_SYNTAX', 'unexpected data after the JSON value');
    return v;
  }

  here(): SourcePosition {
    return { line: this.line, col: this.pos - this.lineStart + 1 };
  }

  fail(code: ErrorCode, msg: string, at: SourcePosition = this.here(), pointer?: string): never {
    const details: Record<string, unknown> = { file: this.file, line: at.line, col: at.col };
    if (pointer !== undefined) details.pointer = pointer;
    throw new MsezError(code, `${this.file}:${at.line}:${at.col}: ${msg}`, details);
  }

  ws(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 13) this.pos++;
      else if (c === 10) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else return;
    }
  }

  value(ptr: string): JsonValue {
    if (this.track) this.positions.set(ptr, this.here());
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123 /* { */:
        return this.object(ptr);
      case 91 /* [ */:
        return this.array(ptr);
      case 34 /* " */:
        return this.string(ptr);
      case 116 /* t */:
        return this.literal('true', true);
      case 102 /* f */:
        return this.literal('false', false);
      case 110 /* n */:
        return this.literal('null', null);
      case 78 /* N */:
      case 73 /* I */:
        return this.nonFinite(ptr);
      default:
        if (c === 45 /* - */ || (c >= 48 && c <= 57)) return this.number(ptr);
        if (Number.isNaN(c)) this.fail('JSON_SYNTAX', 'unexpected end of input');
        return this.fail('JSON_SYNTAX', `unexpected character ${JSON.stringify(this.text[this.pos])}`);
    }
  }

  literal<T extends JsonValue>(word: string, v: T): T {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return v;
    }
    return this.fail('JSON_SYNTAX', `invalid literal`);
  }

  /** NaN and Infinity are not JSON; they are reported as floats, which is what they are. */
  nonFinite(ptr: string): never {
    const at = this.here();
    const word = /^(-?Infinity|NaN)/.exec(this.text.slice(this.pos, this.pos + 9))?.[0];
    if (word === undefined) this.fail('JSON_SYNTAX', `unexpected character ${JSON.stringify(this.text[this.pos])}`);
    return this.fail('FLOAT_REJECTED', `${word} is not a JSON number; floats are rejected`, at, ptr);
  }

  enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail('JSON_SYNTAX', `nesting deeper than ${MAX_DEPTH}`);
  }

  object(ptr: string): JsonObject {
    this.enter();
    this.pos++;
    const obj: JsonObject = {};
    const seen = new Set<string>();
    this.ws();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      this.depth--;
      return obj;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 34) this.fail('JSON_SYNTAX', 'expected a string key');
      const keyAt = this.here();
      const key = this.string(ptr);
      const child = childPointer(ptr, key);
      if (seen.has(key)) this.fail('DUPLICATE_KEY', `duplicate key ${JSON.stringify(key)}`, keyAt, child);
      seen.add(key);
      this.ws();
      if (this.text.charCodeAt(this.pos) !== 58) this.fail('JSON_SYNTAX', "expected ':' after key");
      this.pos++;
      this.ws();
      setMember(obj, key, this.value(child));
      this.ws();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) {
        this.ws();
        continue;
      }
      if (c === 125) break;
      this.pos--;
      this.fail('JSON_SYNTAX', "expected ',' or '}'");
    }
    this.depth--;
    return obj;
  }

  array(ptr: string): JsonValue[] {
    this.enter();
    this.pos++;
    const arr: JsonValue[] = [];
    this.ws();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      this.depth--;
      return arr;
    }
    for (;;) {
      arr.push(this.value(childPointer(ptr, arr.length)));
      this.ws();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) {
        this.ws();
        continue;
      }
      if (c === 93) break;
      this.pos--;
      this.fail('JSON_SYNTAX', "expected ',' or ']'");
    }
    this.depth--;
    return arr;
  }

  number(ptr: string): number | bigint {
    const at = this.here();
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) {
      if (this.text.startsWith('-Infinity', this.pos)) return this.nonFinite(ptr);
      return this.fail('JSON_SYNTAX', 'invalid number');
    }
    const lit = m[0];
    this.pos += lit.length;
    if (m[1] !== undefined || m[2] !== undefined) {
      this.fail('FLOAT_REJECTED', `float literal ${lit} rejected (use an integer or a string)`, at, ptr);
    }
    if (lit.length <= 15) {
      const n = Number(lit);
      return n === 0 ? 0 : n;
    }
    return normaliseInteger(BigInt(lit));
  }

  string(ptr: string): string {
    const t = this.text;
    const start = ++this.pos;
    // Fast path: no escapes and no control characters.
    let i = start;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        const s = t.slice(start, i);
        this.pos = i + 1;
        return this.checkSurrogates(s, ptr);
      }
      if (c === 92 || c < 32 || Number.isNaN(c)) break;
      i++;
    }
    let s = t.slice(start, i);
    this.pos = i;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('JSON_SYNTAX', 'unterminated string');
      if (c === 34) {
        this.pos++;
        return this.checkSurrogates(s, ptr);
      }
      if (c < 32) this.fail('JSON_SYNTAX', `raw control character U+${c.toString(16).padStart(4, '0')} in string (must be escaped)`);
      if (c === 92) {
        const e = t[this.pos + 1];
        const simple = e === undefined ? undefined : ESCAPES[e];
        if (simple !== undefined) {
          s += simple;
          this.pos += 2;
        } else if (e === 'u') {
          const hex = t.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('JSON_SYNTAX', 'invalid \\u escape');
          s += String.fromCharCode(parseInt(hex, 16));
          this.pos += 6;
        } else this.fail('JSON_SYNTAX', 'invalid escape');
      } else {
        s += t[this.pos];
        this.pos++;
      }
    }
  }

  checkSurrogates(s: string, ptr: string): string {
    if (!s.isWellFormed()) this.fail('LONE_SURROGATE', 'string contains a lone surrogate', this.here(), ptr);
    return s;
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
