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
  const { before, rootText, after } = renderDocument(doc, root, c14n);
  return encoder.encode(before + rootText + after);
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

// ## Indexing eId fragments in one pass

/** One eId element located in its document's canonical form (formats.md §7 "index.json"). */
export interface EidFragmentLocation {
  readonly eid: string;
  readonly el: Element;
  /** {@link nodePath} of the element. */
  readonly xpath: string;
  /** The element's own exclusive C14N (tail text excluded). */
  readonly fragment: Uint8Array;
  /** UTF-8 offsets of the first occurrence of `fragment` in the document's C14N, or null when absent. */
  readonly byteStart: number | null;
  readonly byteEnd: number | null;
}

export interface IndexedDocument {
  readonly c14n: Uint8Array;
  /** The eId elements in document order. */
  readonly fragments: readonly EidFragmentLocation[];
}

/**
 * The document's C14N and every eId fragment with its offsets, in time linear in the document size (times
 * the nesting depth of eId elements), with the same result as canonicalising each fragment on its own and
 * searching the document bytes for it (`bytes.find` in the reference).
 *
 * How: the document is canonicalised once while each node's output length is recorded, which gives every
 * element's span in the output. An element rendered there with the initial context (no namespace prefix in
 * scope, no default namespace, no inclusive prefixes) has exactly its own fragment as that span; an
 * unprefixed element in the inherited default namespace (every element below the root of an Akoma Ntoso
 * document) has that span with `xmlns="…"` added to its start tag. Neither is canonicalised again; any
 * other element is (its fragment usually re-declares a prefix).
 * The span is the first and only occurrence when the document is "plain": every `<` of the output opens a
 * tag (no processing instructions, no namespace URI holding `<`), no namespace URI holds `"`, and no
 * `CanonicalizationMethod` element switches on xml-crypto's inclusive-prefix handling. Then a fragment can
 * only match at a start tag carrying its own (unique) eId, i.e. at its own span. Other documents fall back
 * to searching the bytes.
 *
 * @throws MsezError XML_INVALID when no element has an eId, or one eId occurs twice
 */
export function indexEidFragments(doc: Document, file: string): IndexedDocument {
  const root = doc.documentElement;
  if (root === null) throw new MsezError('XML_INVALID', 'document has no element', {});
  const tracker = new TrackingExcC14n();
  const { before, rootText, after } = renderDocument(doc, root, tracker);
  const text = before + rootText + after;
  const c14n = encoder.encode(text);

  const walk = locateEids(doc, root, tracker, before.length);
  if (walk.eids.length === 0) {
    throw new MsezError('XML_INVALID', `${file}: no element has an eId attribute`, { file, reason: 'missing-eid' });
  }
  const seen = new Set<string>();
  for (const { eid } of walk.eids) {
    if (seen.has(eid)) throw new MsezError('XML_INVALID', `${file}: eId ${JSON.stringify(eid)} occurs more than once`, { file, eid, reason: 'duplicate-eid' });
    seen.add(eid);
  }

  // Spans are in UTF-16 units of `text`; they become UTF-8 byte offsets in one forward scan.
  const bytesAt = utf8Offsets(text, walk.eids.flatMap((e) => e.span));
  const plain = walk.plain && countByte(c14n, LT) === 2 * tracker.elements;
  const full = Buffer.from(c14n.buffer, c14n.byteOffset, c14n.byteLength);

  const fragments = walk.eids.map(({ eid, el, xpath, span, context: rendered }): EidFragmentLocation => {
    const start = bytesAt.get(span[0]) as number;
    const end = bytesAt.get(span[1]) as number;
    // Outside plain documents the context is not trusted either: a CanonicalizationMethod child changes how
    // xml-crypto renders an element on its own (inclusive prefixes), so the fragment is rendered afresh.
    const context = walk.plain ? rendered : OTHER;
    if (context === INITIAL) {
      const fragment = c14n.subarray(start, end);
      if (plain) return { eid, el, xpath, fragment, byteStart: start, byteEnd: end };
      return { eid, el, xpath, fragment, ...firstOccurrence(full, fragment) };
    }
    // In the inherited default namespace, the fragment differs from the span only by declaring that namespace
    // on its start tag: everything below sees the same default namespace and no prefix in scope either way.
    const fragment =
      context === INHERITED_DEFAULT
        ? encoder.encode(`<${el.tagName} xmlns="${el.namespaceURI ?? ''}"${text.slice(span[0] + 1 + el.tagName.length, span[1])}`)
        : c14nElement(el);
    if (!plain) return { eid, el, xpath, fragment, ...firstOccurrence(full, fragment) };
    const same = fragment.byteLength === end - start && full.subarray(start, end).equals(fragment);
    return { eid, el, xpath, fragment, byteStart: same ? start : null, byteEnd: same ? end : null };
  });
  return { c14n, fragments };
}

const LT = 0x3c;

/** The context an element was rendered in, as far as its fragment is concerned. */
const OTHER = 0;
/** Exactly as on its own: no prefix in scope, no default namespace. */
const INITIAL = 1;
/** No prefix in scope, and the element is unprefixed in the (non-empty) default namespace in scope. */
const INHERITED_DEFAULT = 2;
type RenderContext = typeof OTHER | typeof INITIAL | typeof INHERITED_DEFAULT;

/**
 * ExcC14n that records, for every node it renders, in rendering (pre-)order: the node, its output length
 * (UTF-16 units), the order index just past its subtree, and the context of an element.
 */
class TrackingExcC14n extends ExcC14n {
  readonly nodes: Node[] = [];
  readonly lengths: number[] = [];
  readonly ends: number[] = [];
  readonly contexts: RenderContext[] = [];
  elements = 0;

  override processInner(node: Node, prefixesInScope: unknown, defaultNs: string, defaultNsForPrefix: unknown, inclusive: string[]): string {
    const at = this.nodes.length;
    this.nodes.push(node);
    this.lengths.push(0);
    this.ends.push(0);
    let context: RenderContext = OTHER;
    if (node.nodeType === ELEMENT_NODE) {
      this.elements++;
      // Read before rendering: rendering pushes the element's own declarations onto `prefixesInScope`.
      if ((prefixesInScope as unknown[]).length === 0 && inclusive.length === 0) {
        const el = node as Element;
        if (defaultNs === '') context = INITIAL;
        else if (!el.prefix && defaultNs === (el.namespaceURI ?? '')) context = INHERITED_DEFAULT;
      }
    }
    this.contexts.push(context);
    const out = super.processInner(node, prefixesInScope, defaultNs, defaultNsForPrefix, inclusive);
    this.lengths[at] = out.length;
    this.ends[at] = this.nodes.length;
    return out;
  }
}

/** {@link c14nDocument}'s text, in its three parts. */
function renderDocument(doc: Document, root: Element, canon: ExcC14n): { before: string; rootText: string; after: string } {
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
  return { before, rootText: canon.process(root, {}), after };
}

interface LocatedEid {
  eid: string;
  el: Element;
  xpath: string;
  /** UTF-16 span of the element's output in the document text. */
  span: [number, number];
  context: RenderContext;
}

/**
 * One walk over the rendered tree: the eId elements in document order with their libxml2 node paths
 * ({@link nodePath}, computed per parent in one pass over its children instead of per element over its
 * siblings) and output spans, and whether the document is plain as far as the DOM can tell (see
 * {@link indexEidFragments}). An element's output is its start tag, its children's outputs in order, then
 * `</name>`: a child starts after the start tag and the siblings before it. The root's output starts at
 * `rootStart`.
 */
function locateEids(doc: Document, root: Element, t: TrackingExcC14n, rootStart: number): { eids: LocatedEid[]; plain: boolean } {
  const eids: LocatedEid[] = [];
  let plain = true;
  const expectNode = (node: Node, at: number): void => {
    if (t.nodes[at] !== node) throw new MsezError('INTERNAL', 'canonicalisation did not render the nodes in document order', {});
  };
  const visit = (el: Element, at: number, path: string, start: number): void => {
    expectNode(el, at);
    const length = t.lengths[at] as number;
    if (plain && !plainElement(el)) plain = false;
    const eid = (el.getAttribute('eId') ?? '').trim();
    if (eid !== '') eids.push({ eid, el, xpath: path, span: [start, start + length], context: t.contexts[at] as RenderContext });
    if (el.firstChild === null) return;
    let inner = 0;
    for (let c: Node | null = el.firstChild, ci = at + 1; c !== null; c = c.nextSibling, ci = t.ends[ci] as number) inner += t.lengths[ci] as number;
    let childStart = start + length - inner - (el.tagName.length + 3);
    const steps = childSteps(el);
    let k = 0;
    for (let c: Node | null = el.firstChild, ci = at + 1; c !== null; c = c.nextSibling, ci = t.ends[ci] as number) {
      if (c.nodeType === ELEMENT_NODE) visit(c as Element, ci, `${path}/${steps[k++] ?? ''}`, childStart);
      else expectNode(c, ci);
      childStart += t.lengths[ci] as number;
    }
  };
  visit(root, 0, `/${childSteps(doc)[0] ?? ''}`, rootStart);
  return { eids, plain };
}

/** The node-path step of each element child of `parent`, in order (see {@link nodePath}). */
function childSteps(parent: Node): string[] {
  const sameKey = (e: Element): string => `${e.localName ?? '\u0001'}\u0000${e.namespaceURI ?? ''}\u0000${e.prefix ?? ''}`;
  let all = 0;
  const total = new Map<string, number>();
  for (let c = parent.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT_NODE) continue;
    all++;
    const k = sameKey(c as Element);
    total.set(k, (total.get(k) ?? 0) + 1);
  }
  const steps: string[] = [];
  let position = 0;
  const nth = new Map<string, number>();
  for (let c = parent.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT_NODE) continue;
    const el = c as Element;
    position++;
    const k = sameKey(el);
    const index = (nth.get(k) ?? 0) + 1;
    nth.set(k, index);
    if (el.namespaceURI !== null && (el.prefix === null || el.prefix === '')) steps.push(all > 1 ? `*[${position}]` : '*');
    else steps.push((total.get(k) as number) > 1 ? `${el.nodeName}[${index}]` : el.nodeName);
  }
  return steps;
}

const UNPLAIN_URI = /["<]/;

function plainElement(el: Element): boolean {
  if (el.localName === 'CanonicalizationMethod') return false;
  if (el.namespaceURI !== null && UNPLAIN_URI.test(el.namespaceURI)) return false;
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i);
    if (a === null) continue;
    if (a.namespaceURI !== null && UNPLAIN_URI.test(a.namespaceURI)) return false;
    if ((a.name === 'xmlns' || a.name.startsWith('xmlns:')) && UNPLAIN_URI.test(a.value)) return false;
  }
  return true;
}

/** UTF-8 byte offset of each UTF-16 offset (all on code point boundaries: spans start at `<`, end after `>`). */
function utf8Offsets(text: string, offsets: readonly number[]): Map<number, number> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let at = 0;
  let bytes = 0;
  for (const o of sorted) {
    bytes += Buffer.byteLength(text.slice(at, o), 'utf8');
    at = o;
    out.set(o, bytes);
  }
  return out;
}

function countByte(bytes: Uint8Array, byte: number): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}

function firstOccurrence(full: Buffer, fragment: Uint8Array): { byteStart: number | null; byteEnd: number | null } {
  const start = full.indexOf(fragment);
  return start >= 0 ? { byteStart: start, byteEnd: start + fragment.byteLength } : { byteStart: null, byteEnd: null };
}
