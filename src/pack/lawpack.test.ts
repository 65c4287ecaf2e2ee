import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ArtifactStore } from '../cas/index.js';
import { digestRaw, mcfText } from '../core/index.js';
import { expectMsezError, vectorJson } from '../../test/support/vectors.js';
import {
  PACK_DIGEST_RULES,
  buildLawpack,
  c14nDocument,
  c14nElement,
  eIdElements,
  ingestLawpack,
  lawpackPreimage,
  lawpackZip,
  parseXmlDocument,
  readZip,
  showProvision,
  verifyLawpack,
} from './index.js';

interface Fragment {
  c14n_utf8: string;
  sha256: string;
}
interface VectorCase {
  ingest_inputs: { module_yaml: string; sources_yaml: string; as_of_date: string; tool_version: string; akn_files: Record<string, string> };
  lawpack_yaml: { object: unknown; canonical_utf8: string; sha256: string };
  index_json: { object: unknown; canonical_utf8: string; sha256: string };
  akn_documents: Array<{ path: string; source_xml: string; c14n_utf8: string; c14n_sha256: string; fragments: Record<string, Fragment> }>;
  digest_file_order: string[];
  digest_preimage_hex: string;
  lawpack_digest_sha256: string;
  lock_components: unknown;
  zip_entries: string[];
}

const vector = vectorJson<{ cases: VectorCase[] }>('generated/lawpack_digest.json').cases[0] as VectorCase;
const enc = new TextEncoder();
const dec = new TextDecoder();
const tmpRoots: string[] = [];

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'msez-lawpack-'));
  tmpRoots.push(root);
  mkdirSync(join(root, 'modules'));
  return root;
}

/** Writes a module dir from the vector's ingest inputs, with optional overrides per relative path. */
function writeModule(root: string, files: Record<string, string | undefined> = {}): string {
  const dir = join(root, 'modules', 'legal', 'jurisdictions', 'pk-rsez', 'companies');
  const all: Record<string, string | undefined> = {
    'module.yaml': vector.ingest_inputs.module_yaml,
    'sources.yaml': vector.ingest_inputs.sources_yaml,
    ...vector.ingest_inputs.akn_files,
    ...files,
  };
  for (const [rel, content] of Object.entries(all)) {
    if (content === undefined) continue;
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

const opts = { asOfDate: vector.ingest_inputs.as_of_date, toolVersion: vector.ingest_inputs.tool_version };

afterAll(() => {
  for (const r of tmpRoots) rmSync(r, { recursive: true, force: true });
});

describe('lawpack vector (generated/lawpack_digest.json)', () => {
  it('canonicalises every document and every eId fragment exactly', () => {
    for (const d of vector.akn_documents) {
      const doc = parseXmlDocument(enc.encode(d.source_xml), d.path);
      const c14n = c14nDocument(doc);
      expect(dec.decode(c14n)).toBe(d.c14n_utf8);
      expect(digestRaw(c14n).hex).toBe(d.c14n_sha256);
      const seen = eIdElements(doc).map(({ eid, el }) => {
        const frag = c14nElement(el);
        expect(dec.decode(frag), eid).toBe(d.fragments[eid]?.c14n_utf8);
        expect(digestRaw(frag).hex).toBe(d.fragments[eid]?.sha256);
        return eid;
      });
      expect(seen.sort()).toEqual(Object.keys(d.fragments).sort());
    }
  });

  it('ingests to the same lawpack.yaml, index.json, pre-image, digest and lock components', () => {
    const build = buildLawpack(writeModule(workspace()), opts);
    expect(build.lawpack).toEqual(vector.lawpack_yaml.object);
    expect(mcfText(build.lawpack)).toBe(vector.lawpack_yaml.canonical_utf8);
    expect(build.index).toEqual(vector.index_json.object);
    expect(mcfText(build.index)).toBe(vector.index_json.canonical_utf8);
    expect(Buffer.concat(lawpackPreimage(build.files)).toString('hex')).toBe(vector.digest_preimage_hex);
    expect(build.digest).toBe(vector.lawpack_digest_sha256);
    expect(build.components).toEqual(vector.lock_components);
    expect([...readZip(lawpackZip(build), 'z').keys()]).toEqual(vector.zip_entries);
  });
});

describe('ingest', () => {
  it('writes the zip, the CAS entry and the lock; a second ingest is byte-identical', () => {
    const root = workspace();
    const dir = writeModule(root);
    const store = new ArtifactStore({ root, rules: PACK_DIGEST_RULES });
    const a = ingestLawpack(dir, { ...opts, root, store });
    const zip1 = readFileSync(join(root, a.artifact_path));
    const lock1 = readFileSync(join(dir, 'lawpack.lock.json'));
    const b = ingestLawpack(dir, { ...opts, root, store });
    expect(readFileSync(join(root, b.artifact_path)).equals(zip1)).toBe(true);
    expect(readFileSync(join(dir, 'lawpack.lock.json')).equals(lock1)).toBe(true);
    expect(b.cas.written).toBe(false);
    expect(a.lawpack_digest_sha256).toBe(vector.lawpack_digest_sha256);
    expect(a.artifact_path).toBe(`dist/lawpacks/PK-RSEZ/companies/${vector.lawpack_digest_sha256}.lawpack.zip`);
    expect(a.cas.path).toBe(`dist/artifacts/lawpack/${vector.lawpack_digest_sha256}.lawpack.zip`);
    expect(a.artifact_sha256).toBe(digestRaw(zip1).hex);
    const lockText = lock1.toString('utf8');
    expect(lockText.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(lockText) as object)).toEqual([
      'lawpack_digest_sha256',
      'jurisdiction_id',
      'domain',
      'as_of_date',
      'artifact_path',
      'artifact_sha256',
      'components',
      'provenance',
    ]);
    // The CAS names the zip by its lawpack digest and re-verifies it on resolve.
    expect(Buffer.from(store.resolve('lawpack', a.lawpack_digest_sha256).bytes).equals(zip1)).toBe(true);
    expect(store.verifyAll().failed).toBe(0);
    const p = showProvision(a.lawpack_digest_sha256, zip1, 'sched_1__item_2');
    expect(p.xpath).toBe('/akomaNtoso/doc/mainBody/tblock/item[2]');
    expect(p.sha256).toBe(vector.akn_documents[1]?.fragments.sched_1__item_2?.sha256);
    expectMsezError(() => showProvision(a.lawpack_digest_sha256, zip1, 'nope'), 'NOT_FOUND');
  });

  const bad: Array<[string, Record<string, string | undefined>, Parameters<typeof expectMsezError>[1]]> = [
    ['malformed XML', { 'src/akn/Schedule_1.xml': '<akomaNtoso><doc eId="a"></akomaNtoso>' }, 'XML_INVALID'],
    ['a DOCTYPE with an internal entity', { 'src/akn/Schedule_1.xml': '<!DOCTYPE a [<!ENTITY e "x">]><a eId="a">&e;</a>' }, 'XML_INVALID'],
    ['an external entity', { 'src/akn/Schedule_1.xml': '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a eId="a">&e;</a>' }, 'XML_INVALID'],
    ['an undeclared entity', { 'src/akn/Schedule_1.xml': '<a eId="a">&xxe;</a>' }, 'XML_INVALID'],
    ['a document without eId', { 'src/akn/Schedule_1.xml': '<akomaNtoso><doc name="x"/></akomaNtoso>' }, 'XML_INVALID'],
    ['a duplicate eId', { 'src/akn/Schedule_1.xml': '<a><b eId="x"/><c eId="x"/></a>' }, 'XML_INVALID'],
    ['a float in sources.yaml', { 'sources.yaml': 'jurisdiction_id: "pk"\ndomain: "tax"\nversion: 1.0\n' }, 'FLOAT_REJECTED'],
    ['a float in module.yaml', { 'module.yaml': 'module_id: x\nweight: 1e2\n' }, 'FLOAT_REJECTED'],
    ['non-UTF-8 encoding', { 'src/akn/Schedule_1.xml': '<?xml version="1.0" encoding="ISO-8859-1"?><a eId="a"/>' }, 'XML_INVALID'],
    ['no module.yaml', { 'module.yaml': undefined }, 'FILE_NOT_FOUND'],
  ];
  for (const [name, files, code] of bad) {
    it(`refuses ${name} (exit 2) and writes nothing`, () => {
      const root = workspace();
      const dir = writeModule(root, files);
      const store = new ArtifactStore({ root, rules: PACK_DIGEST_RULES });
      expectMsezError(() => ingestLawpack(dir, { ...opts, root, store }), code);
      expect(existsSync(join(root, 'dist'))).toBe(false);
      expect(readdirSync(dir)).not.toContain('lawpack.lock.json');
    });
  }

  it('refuses a bad --as-of-date', () => {
    expectMsezError(() => buildLawpack(writeModule(workspace()), { ...opts, asOfDate: '2025-02-30' }), 'USAGE');
  });
});

describe('verify', () => {
  it('accepts a zip and its unpacked folder; a changed document is DIGEST_MISMATCH-worthy', () => {
    const root = workspace();
    const build = buildLawpack(writeModule(root), opts);
    const zipPath = join(root, `${build.digest}.lawpack.zip`);
    const zip = lawpackZip(build);
    writeFileSync(zipPath, zip);
    expect(verifyLawpack(zipPath).ok).toBe(true);
    expect(verifyLawpack(zipPath).claims.map((c) => c.source)).toEqual(['digest.sha256', 'file name']);

    const unpacked = join(root, 'unpacked');
    for (const [name, bytes] of readZip(zip, 'z')) {
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), bytes);
    }
    expect(verifyLawpack(unpacked, build.digest).ok).toBe(true);
    writeFileSync(join(unpacked, 'akn/Schedule_1.xml'), dec.decode(build.files.get('akn/Schedule_1.xml')).replace('Annual fee', 'Annual fees'));
    const report = verifyLawpack(unpacked, build.digest);
    expect(report.ok).toBe(false);
    expect(report.claims.every((c) => !c.ok)).toBe(true);
  });
});

describe('digest invariance (formats.md §7)', () => {
  // A small AKN-like document with attributes whose order and inter-element whitespace vary.
  const attrs = ['eId="s1"', 'class="a"', 'status="in force"', 'n="1"'];
  const render = (order: number[], gaps: string[], body: string, attrValue = 'in force'): string => {
    const a = order.map((i) => (attrs[i] as string).replace('in force', attrValue)).join(' ');
    return `<akomaNtoso>${gaps[0]}<act>${gaps[1]}<section ${a}>${gaps[2]}<p eId="s1_p1">${body}</p>${gaps[3]}</section>${gaps[4]}</act>${gaps[5]}</akomaNtoso>`;
  };
  const digestOf = (xml: string): string => {
    const root = workspace();
    return buildLawpack(writeModule(root, { 'src/akn/Schedule_1.xml': xml, 'src/akn/act/companies-regulations-2025.xml': undefined }), opts).digest;
  };
  const base = digestOf(render([0, 1, 2, 3], ['', '', '', '', '', ''], 'Tax is due.'));
  const gap = fc.constantFrom('', ' ', '\n', '\n  ', '\t');

  it('ignores attribute order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }), (order) => {
        expect(digestOf(render(order, ['', '', '', '', '', ''], 'Tax is due.'))).toBe(base);
      }),
      { numRuns: 12 },
    );
  });

  it('ignores whitespace inside tags and in the XML declaration; whitespace text between elements is content', () => {
    const spaced = render([0, 1, 2, 3], ['', '', '', '', '', ''], 'Tax is due.').replace('<section ', '<section   ').replace('n="1">', 'n = "1" >');
    expect(digestOf(`<?xml version="1.0"  encoding="UTF-8"?>\n<!-- c -->\n${spaced}\n`)).toBe(base);
  });

  it('changes when text or an attribute value changes', () => {
    fc.assert(
      fc.property(gap, gap, (g1, g2) => {
        const gaps = [g1, g2, g1, g2, g1, g2];
        const d = digestOf(render([0, 1, 2, 3], gaps, 'Tax is due.'));
        expect(digestOf(render([3, 2, 1, 0], gaps, 'Tax is due!'))).not.toBe(d);
        expect(digestOf(render([3, 2, 1, 0], gaps, 'Tax is due.', 'repealed'))).not.toBe(d);
      }),
      { numRuns: 8 },
    );
  });
});
