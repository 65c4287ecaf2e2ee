import { describe, expect, it } from 'vitest';
import { c14nDocument, nodePath, parseXmlDocument } from './index.js';

const c14n = (xml: string): string => new TextDecoder().decode(c14nDocument(parseXmlDocument(new TextEncoder().encode(xml), 't.xml')));

// Expected outputs follow Exclusive XML C14N 1.0; each case is one place where xml-crypto alone differs.
describe('exclusive C14N corrections over xml-crypto', () => {
  it('sorts namespace declarations by prefix in code point order (B before a)', () => {
    expect(c14n('<r xmlns:a="urn:a" xmlns:B="urn:b"><B:x a:y="1"/></r>')).toBe('<r><B:x xmlns:B="urn:b" xmlns:a="urn:a" a:y="1"></B:x></r>');
  });
  it('sorts attributes by namespace URI, then local name', () => {
    expect(c14n('<r xmlns:p="urn:ab" xmlns:q="urn:a"><e p:c="1" q:zz="2" b="3"/></r>')).toBe(
      '<r><e xmlns:p="urn:ab" xmlns:q="urn:a" b="3" q:zz="2" p:c="1"></e></r>',
    );
  });
  it('emits xmlns="" once, not on every no-namespace descendant', () => {
    expect(c14n('<a xmlns="urn:x"><b xmlns=""><c><d/></c></b></a>')).toBe('<a xmlns="urn:x"><b xmlns=""><c><d></d></c></b></a>');
  });
  it('renders processing instructions, inside and outside the document element', () => {
    expect(c14n('<?xml version="1.0"?><?pi-a x?><a>t<?pi-b  y z?></a><?pi-c?>')).toBe('<?pi-a x?>\n<a>t<?pi-b y z?></a>\n<?pi-c?>');
  });
});

describe('nodePath (libxml2 xmlGetNodePath)', () => {
  it('counts same-name siblings for no-namespace elements and all siblings under a default namespace', () => {
    const doc = parseXmlDocument(new TextEncoder().encode('<r><a/><b/><a><x eId="1"/></a></r>'), 't');
    const x = doc.getElementsByTagName('x')[0];
    expect(x === undefined ? '' : nodePath(x)).toBe('/r/a[2]/x');
    const ns = parseXmlDocument(new TextEncoder().encode('<r xmlns="urn:x"><a/><b><x/></b></r>'), 't');
    const nx = ns.getElementsByTagName('x')[0];
    expect(nx === undefined ? '' : nodePath(nx)).toBe('/*/*[2]/*');
  });
});
