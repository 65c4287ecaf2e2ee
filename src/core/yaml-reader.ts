import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { MsezError, type ErrorCode } from './errors.js';
import { childPointer, normaliseInteger, setMember, type JsonObject, type JsonValue } from './json-value.js';
import { makeLocator, type ParsedSource, type SourcePosition } from './source.js';

/**
 * msez's YAML reader (canonical.md §2): YAML 1.2 core schema, integers exact, floats, duplicate keys,
 * non-string keys and non-core tags refused. Keys and tags are checked on the document's nodes, not on
 * toJS(), which silently stringifies keys and resolves !!binary and friends.
 */
const CORE_TAGS = new Set(['str', 'int', 'bool', 'null', 'seq', 'map'].map((t) => `tag:yaml.org,2002:${t}`));
const MAX_ALIASES = 100;

/** A plain scalar that a YAML 1.1 reader (e.g. PyYAML) would read differently (design README D2). */
export interface Yaml11Warning {
  readonly pointer: string;
  readonly line: number;
  readonly col: number;
  readonly source: string;
  readonly message: string;
}

export interface ParsedYaml extends ParsedSource<JsonValue> {
  readonly warnings: readonly Yaml11Warning[];
  /** Position of the mapping key whose value is at `pointer` (for "unknown field" messages). */
  locateKey(pointer: string): SourcePosition | undefined;
}

export function parseYaml(text: string, file = '<input>'): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'core',
    intAsBigInt: true,
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter: lines,
  });
  const problems = [...doc.errors, ...doc.warnings];
  const first = problems[0];
  if (first !== undefined) {
    const at = lines.linePos(first.pos[0]);
    const code: ErrorCode =
      first.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : first.code === 'TAG_RESOLVE_FAILED' ? 'YAML_TAG' : 'YAML_SYNTAX';
    throw new MsezError(code, `${file}:${at.line}:${at.col}: ${firstLine(first.message)}`, {
      file,
      line: at.line,
      col: at.col,
      yaml_code: first.code,
    });
  }
  const walker = new Walker(doc, lines, file);
  const value = doc.contents === null ? null : walker.node(doc.contents, '');
  const keys = walker.keyPositions;
  return { value, file, locate: makeLocator(walker.positions), warnings: walker.warnings, locateKey: (p) => keys.get(p) };
}

function firstLine(msg: string): string {
  return (msg.split('\n')[0] ?? msg).replace(/ at line \d+, column \d+:?$/, '');
}

class Walker {
  readonly positions = new Map<string, SourcePosition>();
  readonly keyPositions = new Map<string, SourcePosition>();
  readonly warnings: Yaml11Warning[] = [];
  private aliases = 0;

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly file: string,
  ) {}

  pos(n: Node | null | undefined): SourcePosition {
    const off = n?.range?.[0] ?? 0;
    return this.lines.linePos(off);
  }

  fail(code: ErrorCode, n: Node | null | undefined, ptr: string, msg: string): never {
    const at = this.pos(n);
    throw new MsezError(code, `${this.file}:${at.line}:${at.col}: ${msg}`, {
      file: this.file,
      line: at.line,
      col: at.col,
      pointer: ptr,
    });
  }

  node(n: unknown, ptr: string): JsonValue {
    if (isAlias(n)) {
      if (++this.aliases > MAX_ALIASES) this.fail('YAML_SYNTAX', n, ptr, `more than ${MAX_ALIASES} aliases`);
      const target = n.resolve(this.doc);
      if (target === undefined) this.fail('YAML_SYNTAX', n, ptr, `unresolved alias *${n.source}`);
      this.positions.set(ptr, this.pos(n));
      return this.node(target, ptr);
    }
    const node = n as Node;
    if (!this.positions.has(ptr)) this.positions.set(ptr, this.pos(node));
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      this.fail('YAML_TAG', node, ptr, `tag ${node.tag} is not allowed (only the YAML 1.2 core tags)`);
    }
    if (isScalar(node)) return this.scalar(node.value, node, ptr);
    if (isSeq(node)) return node.items.map((item, i) => this.node(item, childPointer(ptr, i)));
    if (isMap(node)) {
      const obj: JsonObject = {};
      const seen = new Set<string>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = this.key(keyNode, ptr);
        const child = childPointer(ptr, key);
        if (seen.has(key)) this.fail('DUPLICATE_KEY', keyNode, child, `duplicate key ${JSON.stringify(key)}`);
        seen.add(key);
        this.keyPositions.set(child, this.pos(keyNode));
        if (keyNode !== null && isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.source === '<<') {
          this.warn(child, keyNode, '<<', '`<<` is a merge key in YAML 1.1; msez reads it as a plain key');
        }
        if (pair.value === null) {
          this.positions.set(child, this.pos(keyNode));
          setMember(obj, key, null);
        } else setMember(obj, key, this.node(pair.value, child));
      }
      return obj;
    }
    return this.fail('YAML_SYNTAX', node, ptr, 'unsupported YAML node');
  }

  key(k: Node | null, parent: string): string {
    if (k !== null && isScalar(k)) {
      if (k.tag !== undefined && !CORE_TAGS.has(k.tag)) this.fail('YAML_TAG', k, parent, `tag ${k.tag} is not allowed`);
      if (typeof k.value === 'string') return k.value;
      if (typeof k.value === 'bigint') return k.value.toString(10);
    }
    return this.fail('NON_STRING_KEY', k, parent, 'mapping keys must be strings (or integers)');
  }

  scalar(v: unknown, node: Node, ptr: string): JsonValue {
    if (typeof v === 'bigint') {
      if (isScalar(node) && node.type === 'PLAIN') this.checkYaml11(node.source, node, ptr);
      return normaliseInteger(v);
    }
    if (typeof v === 'number') this.fail('FLOAT_REJECTED', node, ptr, `float ${String(v)} rejected (use an integer or a quoted string)`);
    if (typeof v === 'string') {
      if (isScalar(node) && node.type === 'PLAIN') this.checkYaml11(v, node, ptr);
      if (!v.isWellFormed()) this.fail('LONE_SURROGATE', node, ptr, 'string contains a lone surrogate');
      return v;
    }
    if (typeof v === 'boolean' || v === null) return v;
    return this.fail('YAML_TAG', node, ptr, 'unsupported scalar type');
  }

  checkYaml11(source: unknown, node: Node, ptr: string): void {
    if (typeof source !== 'string') return;
    const message = yaml11Reading(source);
    if (message !== undefined) this.warn(ptr, node, source, message);
  }

  warn(pointer: string, node: Node, source: string, message: string): void {
    const at = this.pos(node);
    this.warnings.push({ pointer, line: at.line, col: at.col, source, message });
  }
}

/** How YAML 1.1 would read a plain scalar differently, or undefined when both agree (canonical.md §2). */
export function yaml11Reading(s: string): string | undefined {
  if (/^(y|n|yes|no|on|off)$/i.test(s)) return `YAML 1.1 reads ${s} as a boolean; msez reads a string (quote it)`;
  if (/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ \t]+[0-9]{1,2}:[0-9]{2}:[0-9]{2}/.test(s)) {
    return 'YAML 1.1 reads this as a timestamp; msez reads a string (quote it or use RFC 3339 with T)';
  }
  if (/^[-+]?0[0-9_]+$/.test(s)) return 'YAML 1.1 reads a leading-zero integer as octal; msez reads decimal';
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+$/.test(s)) return 'YAML 1.1 reads this as a sexagesimal number; msez reads a string';
  if (/^0o[0-7]+$/.test(s)) return 'YAML 1.2 reads 0o as octal; YAML 1.1 reads a string';
  if (/^[-+]?0b[01_]+$/.test(s)) return 'YAML 1.1 reads 0b as binary; msez reads a string';
  if (/^[-+]?[0-9][0-9]*(_[0-9]+)+$/.test(s)) return 'YAML 1.1 reads underscores in integers; msez reads a string';
  return undefined;
}
