import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto/lib/exclusive-canonicalization.js';
import { MsezError, compareCodePoints } from '../core/index.js';

// DOM node types (DOM Level 2 Core §1.1.1).
const ELEMENT_NODE = 1;
const PROCESSING_INSTRUCTION_NODE = 7;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Parses one Akoma Ntoso document (formats.md §7). DTDs are refused outright: any `<!DOCTYPE` in the text
 * is XML_INVALID, so no internal subset, entity declaration or external entity can ever be read; xmldom
 * itself never fetches anything, and an undeclared entity reference is a parse error here.
 * Every xmldom warning, error and fatal error is XML_INVALID (exit 2).
 *
 * @throws MsezError XML_INVALID
 */
export function parseXmlDocument(bytes: Uint8Array, file: string): Document {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new MsezError('XML_INVALID', `${file}: not valid UTF-8`, { file, reason: 'encoding' }, { cause });
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const decl = /^<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(text);
  if (decl !== null && !/^utf-?8$/i.test(decl[1] ?? '')) {
    throw new MsezError('XML_INVALID', `${file}: declared encoding ${decl[1] ?? ''} is not UTF-8`, { file, reason: 'encoding' });
  }
  if (/<!DOCTYPE/i.test(text)) {
    throw new MsezError('XML_INVALID', `${file}: DOCTYPE declarations are refused (no DTDs, no external entities)`, {
      file,
      reason: 'doctype',
    });
  }
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level: string, message: string) => {
        throw new Error(`${level}: ${message}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new MsezError('XML_INVALID', `${file}: ${message.split('\n')[0] ?? 'parse error'}`, { file, reason: 'syntax' }, { cause });
  }
  if (doc.doctype !== null || doc.documentElement === null) {
    throw new MsezError('XML_INVALID', `${file}: no document element`, { file, reason: 'syntax' });
  }
  return doc;
}

/** The DOM subset the overrides below read. */
interface AttrLike {
  readonly namespaceURI: string | null;
  readonly localName: string | null;
  readonly name: string;
}
interface NsLike {
  readonly prefix: string;
}

/**
 * xml-crypto's ExclusiveCanonicalization with four corrections, each a place where it departs from
 * Exclusive XML C14N 1.0 (and so from the reference's libxml2 output). None of them is reachable from
 * the lawpack vector, which it reproduces unchanged; spec/packs.md lists them.
 * 1. Namespace declarations sort by prefix in code point order (it used `localeCompare`).
 * 2. Attributes sort by (namespace URI, local name) in code point order (it compared the concatenation).
 * 3. After an `xmlns=""` undeclaration the default namespace is "" (it became null, so every no-namespace
 *    descendant repeated `xmlns=""`).
 * 4. Processing instructions are rendered `<?target data?>` (it emitted their data as text).
 */
class ExcC14n extends ExclusiveCanonicalization {
  override attrCompare(a: AttrLike, b: AttrLike): 1 | 0 | -1 {
    const c =
      compareCodePoints(a.namespaceURI ?? '', b.namespaceURI ?? '') || compareCodePoints(a.localName ?? a.name, b.localName ?? b.name);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }

  override nsCompare(a: NsLike, b: NsLike): number {
    return compareCodePoints(a.prefix, b.prefix);
  }

  override renderNs(
    node: Element,
    prefixesInScope: unknown,
    defaultNs: string,
    defaultNsForPrefix: unknown,
    inclusive: string[],
  ): { rendered: string; newDefaultNs: string } {
    const r = super.renderNs(node, prefixesInScope, defaultNs, defaultNsForPrefix, inclusive) as { rendered: string; newDefaultNs: string | null };
    return { rendered: r.rendered, newDefaultNs: r.newDefaultNs ?? '' };
  }

  override processInner(node: Node, prefixesInScope: unknown, defaultNs: string, defaultNsForPrefix: unknown, inclusive: string[]): string {
    if (node.nodeType === PROCESSING_INSTRUCTION_NODE) return renderPi(node);
    return super.processInner(node, prefixesInScope, defaultNs, defaultNsForPrefix, inclusive);
  }
}

function renderPi(node: Node): string {
  const pi = node as Node & { target: string; data: string };
  return pi.data === '' ? `<?${pi.target}?>` : `<?${pi.target} ${pi.data}?>`;
}

const c14n = new ExcC14n();

/** Exclusive XML C14N 1.0 without comments of one element (an eId fragment: its tail text excluded). */
export function c14nElement(el: Element): Uint8Array {
  return encoder.encode(c14n.process(el, {}));
}

/**
 * Exclusive XML C14N 1.0 without comments of a whole document: the XML declaration and comments go,
 * processing instructions outside the document element stay, separated by a line feed (C14N 1.0 §2.1).
 */
export function c14nDocument(doc: Document): Uint8Array {
  const root = doc.documentElement;
  if (root === null) throw new MsezError('XML_INVALID', 'document has no element', {});
  let before = '';
  let after = '';
  let seenRoot = false;
  for (let n = doc.firstChild; n !== null; n = n.nextSibling) {
    if (n === root) seenRoot = true;
    // xmldom keeps the XML declaration as a processing instruction with target `xml`; C14N drops it.
    else if (n.nodeType === PROCESSING_INSTRUCTION_NODE && (n as Node & { target: string }).target !== 'xml') {
      if (seenRoot) after += `\n${renderPi(n)}`;
      else before += `${renderPi(n)}\n`;
    }
  }
  return encoder.encode(before + c14n.process(root, {}) + after);
}

/**
 * libxml2's `xmlGetNodePath` for an element (formats.md §7): `*` for an element in a default namespace,
 * with `[n]` counting all sibling elements; `prefix:name` or `name` otherwise, with `[n]` counting
 * same-name siblings in the same namespace; `[n]` left out when there is no such sibling.
 */
export function nodePath(el: Element): string {
  const steps: string[] = [];
  for (let cur: Element | null = el; cur !== null; cur = parentElement(cur)) {
    const generic = cur.namespaceURI !== null && (cur.prefix === null || cur.prefix === '');
    const name = generic ? '*' : cur.nodeName;
    const same = (o: Node): boolean => {
      if (o.nodeType !== ELEMENT_NODE) return false;
      if (generic) return true;
      const e = o as Element;
      return e.localName === cur?.localName && (e.namespaceURI ?? '') === (cur.namespaceURI ?? '') && (e.prefix ?? '') === (cur.prefix ?? '');
    };
    let before = 0;
    for (let s = cur.previousSibling; s !== null; s = s.previousSibling) if (same(s)) before++;
    let after = 0;
    for (let s = cur.nextSibling; s !== null && after === 0; s = s.nextSibling) if (same(s)) after++;
    steps.push(before === 0 && after === 0 ? name : `${name}[${before + 1}]`);
  }
  return `/${steps.reverse().join('/')}`;
}

function parentElement(el: Element): Element | null {
  const p = el.parentNode;
  return p !== null && p.nodeType === ELEMENT_NODE ? (p as Element) : null;
}

/** Elements carrying a (non-empty, trimmed) `eId` attribute, in document order. */
export function eIdElements(doc: Document): Array<{ eid: string; el: Element }> {
  const out: Array<{ eid: string; el: Element }> = [];
  const walk = (n: Node): void => {
    for (let c = n.firstChild; c !== null; c = c.nextSibling) {
      if (c.nodeType !== ELEMENT_NODE) continue;
      const el = c as Element;
      const eid = (el.getAttribute('eId') ?? '').trim();
      if (eid !== '') out.push({ eid, el });
      walk(el);
    }
  };
  walk(doc);
  return out;
}
