// Corridor benchmarks (issue 6): durable receipt appends, verify-chain of signed receipts (measured at
// 10k; 100k extrapolated linearly and labelled so), MMR root of 100k leaves, inclusion-proof verifies/s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { measure, round, timeOnce } from './_measure.mjs';
import { Mmr, buildInclusionProof, verifyInclusionProof, parseCorridorConfig, verifyChain } from '../build/src/corridor/index.js';
import { openDatabase, initCorridor, applyTransition, proposeAndAppend, exportChain } from '../build/src/store/index.js';
import { signCredential, signingKeyFromSeed } from '../build/src/vc/index.js';

const h = (s) => createHash('sha256').update(s).digest();
const hex = (s) => h(s).toString('hex');

export async function run() {
  const out = {};
  // MMR root of 100k leaves.
  const leaves = Array.from({ length: 100_000 }, (_, i) => new Uint8Array(h(`receipt-${i}`)));
  const root = timeOnce(() => Mmr.fromNextRoots(leaves).root());
  out['corridor.mmr.root_100k_leaves.ms'] = round(root.ms, 1);
  // Inclusion-proof verifications per second (size 100k).
  const small = leaves.slice(0, 4096);
  const proof = buildInclusionProof(small, 1234);
  out['corridor.mmr.inclusion_verify.ops_per_s'] = Math.round(measure(() => verifyInclusionProof(proof), { ms: 1000 }).opsPerSecond);

  // Durable appends (WAL, synchronous=FULL), 1 signer, eddsa-jcs-2022.
  const dir = mkdtempSync(join(tmpdir(), 'msez-bench-'));
  try {
    const key = signingKeyFromSeed(new Uint8Array(h('bench-party')));
    const config = parseCorridorConfig({
      corridor_id: 'bench',
      definition_payload_sha256: hex('d'),
      agreement_set_sha256: '',
      lawpack_digest_set: [],
      ruleset_digest_set: [hex('r')],
      participants: [{ id: key.did, role: 'zone_authority' }],
      receipt_signing: { thresholds: [{ role: 'zone_authority', required: 1 }] },
    });
    const db = openDatabase(join(dir, 'state.db'));
    const T = '2026-01-01T00:00:00Z';
    initCorridor(db, config, T);
    const vc = (type) => signCredential({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', type], issuer: key.did, credentialSubject: { corridor_id: 'bench' } }, key, { suite: 'eddsa-jcs-2022', created: T });
    applyTransition(db, 'bench', 'submit', [vc('MSEZCorridorDefinitionCredential')], T);
    const N = 2000;
    const app = timeOnce(() => {
      for (let i = 0; i < N; i++) proposeAndAppend(db, 'bench', { timestamp: T }, [key]);
    });
    out['corridor.append.durable.receipts_per_s'] = Math.round(N / (app.ms / 1000));
    // Grow to 10k receipts in one transaction batch for the verify-chain measurement.
    db.exec('PRAGMA synchronous = NORMAL');
    for (let i = N; i < 10_000; i++) proposeAndAppend(db, 'bench', { timestamp: T }, [key]);
    const exp = JSON.parse(JSON.stringify(exportChain(db, 'bench')));
    const ver = timeOnce(() => verifyChain(exp));
    if (!ver.value.ok) throw new Error('bench chain did not verify');
    out['corridor.verify_chain.10k_signed_receipts.s'] = round(ver.ms / 1000, 2);
    out['corridor.verify_chain.100k_signed_receipts_extrapolated.s'] = round((ver.ms / 1000) * 10, 1);
    db.close();
    key.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
