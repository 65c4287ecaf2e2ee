import { randomBytes } from 'node:crypto';
import { digestCanonical, mcf, parseJson, sha256 } from '../build/src/core/index.js';
import { measure, round } from './_measure.mjs';

function doc(targetBytes, seed = 0) {
  const members = [];
  let size = 2;
  let i = seed;
  while (size < targetBytes) {
    const m = { id: `entity-${i}`, amount: i * 1000, currency: 'PKR', tags: ['sez', 'pk', 'ü'], ok: i % 2 === 0 };
    members.push(m);
    size += 90;
    i++;
  }
  return { zone: 'org.momentum.msez.zone.pk-sifc', issued: '2025-01-01T00:00:00Z', members };
}

export async function run() {
  const small = parseJson(JSON.stringify(doc(1024))).value;
  const smallBytes = mcf(small).length;
  const big = parseJson(JSON.stringify(doc(1024 * 1024))).value;
  const bigBytes = mcf(big).length;
  const m1 = measure(() => digestCanonical(mcf(small)));
  const m2 = measure(() => digestCanonical(mcf(big)), { ms: 2000, warmup: 2 });
  const input = randomBytes(64);
  const m3 = measure(() => sha256(input));
  const text = JSON.stringify(big);
  const m4 = measure(() => parseJson(text), { ms: 2000, warmup: 2 });
  return {
    'core.mcf_digest.1kb.doc_bytes': smallBytes,
    'core.mcf_digest.1kb.ops_per_s': round(m1.opsPerSecond),
    'core.mcf_digest.1mb.doc_bytes': bigBytes,
    'core.mcf_digest.1mb.mb_per_s': round((m2.opsPerSecond * bigBytes) / 1e6),
    'core.sha256.64b.ops_per_s': round(m3.opsPerSecond),
    'core.parse_json.1mb.mb_per_s': round((m4.opsPerSecond * text.length) / 1e6),
  };
}
