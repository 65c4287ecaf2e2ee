// Pack benchmarks: ingest of the largest committed lawpack (build only, no writes) and lawpack digest
// throughput (parse + Exclusive C14N + eId index + digest, and without the index) over a synthetic ~0.9 MB,
// 8,000-eId Akoma Ntoso document (default namespace, so every fragment below the root re-declares it), and
// the same document without a namespace (fragments occur in the document). The largest module is the one
// with the most AKN bytes (pk/tax today).
import { readdirSync, statSync } from "node:fs";

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLawpack, c14nDocument, indexAknDocument, lawpackDigest, parseXmlDocument } from '../build/src/pack/index.js';
import { measure, round, timeOnce } from './_measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function largestLawpack() {
  const base = join(root, 'modules', 'legal', 'jurisdictions');
  const found = [];
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.xml')) found.push(p);
    }
  };
  walk(base);
  const bytesByModule = new Map();
  for (const f of found) {
    const mod = f.slice(0, f.indexOf(`${join('src', 'akn')}`) - 1);
    bytesByModule.set(mod, (bytesByModule.get(mod) ?? 0) + statSync(f).size);
  }
  return [...bytesByModule.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

function syntheticAkn(sections, namespaced = true) {
  const ns = namespaced ? ' xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"' : '';
  const parts = [`<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso${ns}><act name="bench"><body>`];
  for (let i = 1; i <= sections; i++) {
    parts.push(
      `\n  <section eId="sec_${i}" class="s"><num>${i}.</num><heading>Heading ${i} &amp; more</heading>` +
        `<content><p eId="sec_${i}__p_1">A prescribed person deducts tax at the rate in the Schedule; caf\u00e9 \u2014 \u06a9\u0631\u0627\u0686\u06cc ${i}.</p></content></section>`,
    );
  }
  parts.push('\n</body></act></akomaNtoso>\n');
  return new TextEncoder().encode(parts.join(''));
}

export async function run() {
  const mod = largestLawpack();
  const opts = { asOfDate: '2025-07-01', toolVersion: 'bench' };
  buildLawpack(mod, opts);
  const samples = [];
  for (let i = 0; i < 10; i++) samples.push(timeOnce(() => buildLawpack(mod, opts)).ms);
  samples.sort((a, b) => a - b);

  const xml = syntheticAkn(4000);
  const mb = xml.byteLength / (1024 * 1024);
  const m = measure(() => {
    const entry = indexAknDocument(xml, 'bench.xml');
    return lawpackDigest(new Map([['akn/bench.xml', entry.c14n]]));
  }, { ms: 3000, warmup: 1 });

  const plainXml = syntheticAkn(4000, false);
  const plainMb = plainXml.byteLength / (1024 * 1024);
  const p = measure(() => {
    const entry = indexAknDocument(plainXml, 'bench.xml');
    return lawpackDigest(new Map([['akn/bench.xml', entry.c14n]]));
  }, { ms: 2000, warmup: 1 });

  const c = measure(() => lawpackDigest(new Map([['akn/bench.xml', c14nDocument(parseXmlDocument(xml, 'bench.xml'))]])), { ms: 2000, warmup: 1 });
  const big = new Uint8Array(16 * 1024 * 1024).fill(60);
  const raw = measure(() => lawpackDigest(new Map([['akn/x.xml', big]])), { ms: 1000, warmup: 2 });
  return {
    'pack.lawpack.ingest_largest.build_ms_median': round(samples[Math.floor(samples.length / 2)], 2),
    'pack.lawpack.c14n_index_digest.mb_per_s': round(mb * m.opsPerSecond, 2),
    'pack.lawpack.c14n_index_digest.input_mb': round(mb, 2),
    'pack.lawpack.c14n_index_digest.no_namespace.mb_per_s': round(plainMb * p.opsPerSecond, 2),
    'pack.lawpack.c14n_digest_no_index.mb_per_s': round(mb * c.opsPerSecond, 2),
    'pack.lawpack.digest_preimage.mb_per_s': round(16 * raw.opsPerSecond, 1),
  };
}
