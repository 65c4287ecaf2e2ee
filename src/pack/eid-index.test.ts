import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestRaw, isMsezError } from '../core/index.js';
import { c14nDocument, c14nElement, eIdElements, indexAknDocument, nodePath, parseXmlDocument } from './index.js';

/**
 * The eId index (formats.md §7) is built in one canonicalisation pass (xml.ts `indexEidFragments`). These
 * tests hold it to the straightforward definition: canonicalise every eId element on its own and take the
 * first occurrence of its bytes in the document's canonical bytes (the reference's `bytes.find`).
 */

const enc = new TextEncoder();

interface Straight {
  document_sha256: string;
  c14n: string;
  fragments: Record<string, { sha256: string; xpath: string; byte_start: number | null; byte_end: number | null }>;
}

function straightforward(bytes: Uint8Array): Straight | { error: string } {
  try {
    const doc = parseXmlDocument(bytes, 't.xml');
    const c14n = c14nDocument(doc);
    const full = Buffer.from(c14n);
    const fragments: Straight['fragments'] = Object.create(null) as Straight['fragments'];
    const elements = eIdElements(doc);
    if (elements.length === 0) return { error: 'XML_INVALID' };
    for (const { eid, el } of elements) {
      if (Object.hasOwn(fragments, eid)) return { error: 'XML_INVALID' };
      const frag = c14nElement(el);
      const start = full.indexOf(frag);
      fragments[eid] = {
        sha256: digestRaw(frag).hex,
        xpath: nodePath(el),
        byte_start: start >= 0 ? start : null,
        byte_end: start >= 0 ? start + frag.byteLength : null,
      };
    }
    return { document_sha256: digestRaw(c14n).hex, c14n: full.toString('hex'), fragments };
  } catch (err) {
    return { error: isMsezError(err) ? err.code : `raw: ${(err as Error).message}` };
  }
}

function fast(bytes: Uint8Array): Straight | { error: string } {
  try {
    const e = indexAknDocument(bytes, 't.xml');
    return { document_sha256: e.document_sha256, c14n: Buffer.from(e.c14n).toString('hex'), fragments: { ...e.fragments } };
  } catch (err) {
    return { error: isMsezError(err) ? err.code : `raw: ${(err as Error).message}` };
  }
}

function expectSame(xml: string): Straight {
  const bytes = enc.encode(xml);
  const expected = straightforward(bytes);
  expect(fast(bytes), xml).toEqual(expected);
  expect(Object.keys((fast(bytes) as Straight).fragments ?? {}), xml).toEqual(
    Object.keys((expected as Straight).fragments ?? {}),
  );
  return expected as Straight;
}

describe('eId index: one pass equals the per-fragment definition', () => {
  it('plain nested eIds with non-ASCII text: every fragment is located at its own span', () => {
    const s = expectSame(
      '<doc><s eId="s1" b="2" a="1">caf\u00e9 \u2014 \u06a9\u0631\u0627\u0686\u06cc \u{1F600}<p eId="s1__p1">x &amp; y &lt; z</p><p eId="s1__p2"/></s>tail<s eId="s2"><![CDATA[<p eId="s1__p2"></p>]]></s></doc>',
    );
    const f = s.fragments;
    expect(f.s1?.byte_start).toBe(5);
    const c14n = Buffer.from(s.c14n, 'hex');
    for (const v of Object.values(f)) expect(v.byte_start).not.toBeNull();
    expect(c14n.subarray(f.s1__p2?.byte_start ?? 0, f.s1__p2?.byte_end ?? 0).toString()).toBe('<p eId="s1__p2"></p>');
    expect(f.s2?.xpath).toBe('/doc/s[2]');
  });

  it('a namespaced document: fragments below the root re-declare the namespace and have null offsets', () => {
    const s = expectSame(
      '<akomaNtoso xmlns="urn:akn" eId="root"><act><section eId="sec_1"><p eId="sec_1__p_1">t</p></section><section eId="sec_2"/></act></akomaNtoso>',
    );
    expect(s.fragments.root?.byte_start).toBe(0);
    expect(s.fragments.sec_1?.byte_start).toBeNull();
    expect(s.fragments.sec_1__p_1?.xpath).toBe('/*/*/*[1]/*');
  });

  it('an undeclared default namespace, then declared again, makes the fragment occur in place', () => {
    const s = expectSame(
      '<a xmlns="urn:x"><b xmlns=""><c eId="c1"><d eId="d1"/></c><e xmlns="urn:x" eId="e1"><f eId="f1"/></e></b></a>',
    );
    expect(s.fragments.c1?.byte_start).not.toBeNull();
    expect(s.fragments.e1?.byte_start).not.toBeNull();
    expect(s.fragments.f1?.byte_start).toBeNull();
  });

  it('prefixes: declared on the fragment or inherited from a rendered ancestor', () => {
    const s = expectSame(
      '<r xmlns:a="urn:a" xmlns:b="urn:b"><a:s eId="s1" b:k="v"><a:t eId="t1"/><u eId="u1"/><b:v eId="v1"/></a:s><a:s eId="s2"/><a:x/></r>',
    );
    expect(s.fragments.s1?.byte_start).not.toBeNull();
    expect(s.fragments.t1?.byte_start).toBeNull();
    expect(s.fragments.u1?.byte_start).not.toBeNull();
    expect(s.fragments.s2?.xpath).toBe('/r/a:s[2]');
  });

  it('first occurrence: a processing instruction holding a later fragment comes first', () => {
    const s = expectSame('<r><?copy <p eId="p1">same</p>?><p eId="p1">same</p><q eId="q1"><?pi <q eId="q1"></q>?></q></r>');
    expect(s.fragments.p1?.byte_start).toBe('<r><?copy '.length);
    expectSame('<?before <p eId="p1">t</p>?><r><p eId="p1">t</p></r>');
  });

  it('namespace URIs with markup characters, and CanonicalizationMethod, take the searching path', () => {
    expectSame('<r xmlns:q="urn:&quot;x&lt;"><q:s eId="s1"><q:t eId="t1"/></q:s><s eId="s2"/></r>');
    expectSame('<r xmlns:q="urn:&quot;x"><s eId="s1" q:a="1"><t eId="t1" q:a="2"/></s></r>');
    expectSame(
      '<r><CanonicalizationMethod><InclusiveNamespaces PrefixList="a"/></CanonicalizationMethod><s eId="s1" xmlns:a="urn:a"><a:t eId="t1"/></s></r>',
    );
    expectSame(
      '<r><s eId="s1"><CanonicalizationMethod><InclusiveNamespaces PrefixList="a"/></CanonicalizationMethod><t xmlns:a="urn:a" eId="t1"/></s></r>',
    );
  });

  it('errors are the same: no eId, a duplicate eId (after trimming), malformed XML', () => {
    expect(fast(enc.encode('<r><s/></r>'))).toEqual({ error: 'XML_INVALID' });
    expectSame('<r><s eId="a"/><s eId=" a "/></r>');
    expectSame('<r><s eId="a"></r>');
  });

  it('holds on generated documents (property)', () => {
    fc.assert(
      fc.property(xmlDocument, fc.nat(), (xml, pick) => {
        expectSame(xml);
        // The same document with one of its own fragments (canonical bytes) copied into a processing
        // instruction at the very start of the root: that copy is now the first occurrence.
        let elements: ReturnType<typeof eIdElements>;
        try {
          elements = eIdElements(parseXmlDocument(enc.encode(xml), 't.xml'));
        } catch {
          return;
        }
        const target = elements[pick % Math.max(elements.length, 1)];
        if (target === undefined) return;
        const copy = `<?copy ${new TextDecoder().decode(c14nElement(target.el))}?>`;
        const rootOpen = xml.indexOf('>', xml.indexOf('\n')) + 1;
        expectSame(xml.slice(0, rootOpen) + copy + xml.slice(rootOpen));
      }),
      { numRuns: 300 },
    );
  });
});

// ## Generated documents

const URIS = ['urn:akn', 'urn:other', 'http://example.org/a?b=1&amp;c'];
const TEXTS = [
  'text',
  'caf\u00e9',
  '\u2014\u06a9\u0631\u0627\u0686\u06cc',
  '\u{1F600}',
  'a &amp; b &lt; c &gt; d',
  ' ',
  '\n  ',
  'x\r\ny',
];
const NAMES = ['section', 'p', 'num', 'content'];

interface GenElement {
  kind: 'el';
  name: number;
  prefix: 0 | 1 | 2;
  defaultNs: number;
  declare: [boolean, boolean];
  eid: number;
  attr: number;
  children: GenNode[];
}
type GenNode = GenElement | { kind: 'text'; text: number } | { kind: 'pi' } | { kind: 'comment' } | { kind: 'copy' };

const { node: genNode } = fc.letrec<{ node: GenNode; element: GenElement }>((tie) => ({
  element: fc.record({
    kind: fc.constant('el' as const),
    name: fc.nat(NAMES.length - 1),
    prefix: fc.constantFrom(0 as const, 0 as const, 1 as const, 2 as const),
    // -2: nothing declared; -1: xmlns=""; otherwise xmlns=URIS[i]
    defaultNs: fc.integer({ min: -2, max: URIS.length - 1 }),
    declare: fc.tuple(fc.boolean(), fc.boolean()),
    // 0: no eId; 1: a fresh eId; 2: a fresh eId with surrounding blanks
    eid: fc.constantFrom(0, 1, 1, 2),
    // 0: none; 1: class="…"; 2: prefixed attribute
    attr: fc.nat(2),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
  // Past maxDepth, oneof takes its first branch (text), which ends the recursion.
  node: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'xml' },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.nat(TEXTS.length - 1) }) },
    { weight: 4, arbitrary: tie('element') },
    { weight: 1, arbitrary: fc.constant({ kind: 'pi' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'comment' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'copy' as const }) },
  ),
})) as { node: fc.Arbitrary<GenNode> };

const xmlDocument = fc
  .tuple(
    genNode.filter((n): n is GenElement => n.kind === 'el'),
    fc.boolean(),
  )
  .map(([root, rootNs]) => serialise(rootNs ? { ...root, defaultNs: 0 } : root));

function serialise(root: GenElement): string {
  let counter = 0;
  const made: string[] = [];
  const write = (n: GenNode, prefixes: ReadonlySet<string>): string => {
    switch (n.kind) {
      case 'text':
        return TEXTS[n.text] ?? '';
      case 'pi':
        return '<?pi data?>';
      case 'comment':
        return '<!-- c -->';
      case 'copy':
        // A processing instruction that repeats an earlier element's text: its bytes may match a fragment.
        return `<?copy ${made[made.length - 1] ?? ''}?>`;
      case 'el': {
        const scope = new Set(prefixes);
        const decls: string[] = [];
        if (n.defaultNs === -1) decls.push(' xmlns=""');
        else if (n.defaultNs >= 0) decls.push(` xmlns="${URIS[n.defaultNs] ?? ''}"`);
        const pfx = ['', 'x', 'y'][n.prefix] ?? '';
        const need = (p: string, i: number): void => {
          if (!scope.has(p)) {
            decls.push(` xmlns:${p}="${URIS[(i + 1) % URIS.length] ?? ''}"`);
            scope.add(p);
          }
        };
        if (n.declare[0]) need('x', 0);
        if (n.declare[1]) need('y', 1);
        if (pfx !== '') need(pfx, n.prefix);
        const qname = pfx === '' ? (NAMES[n.name] ?? 'e') : `${pfx}:${NAMES[n.name] ?? 'e'}`;
        const attrs: string[] = [];
        if (n.eid > 0) {
          counter++;
          attrs.push(n.eid === 2 ? ` eId=" e${counter} "` : ` eId="e${counter}"`);
        }
        if (n.attr === 1) attrs.push(' class="k&quot;1"');
        if (n.attr === 2) {
          need('y', 1);
          attrs.push(' y:k="v"');
        }
        const inner = n.children.map((c) => write(c, scope)).join('');
        const out = `<${qname}${decls.join('')}${attrs.join('')}>${inner}</${qname}>`;
        made.push(out);
        return out;
      }
    }
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write({ ...root, eid: root.eid === 0 ? 1 : root.eid }, new Set())}\n`;
}
