// Corridor benchmarks (issue 6): durable receipt appends (single and batched), verify-chain of signed receipts,
// MMR root of 100k leaves, inclusion-proof verifies/s.
//
// Durable = WAL with synchronous=FULL (the default of openDatabase): a receipt is acknowledged only after its
// commit is fsynced. The synchronous=NORMAL figure is labelled and informational only (WAL+NORMAL survives a
// process crash but may lose the last commits on power loss; it is not the default).
//
// verify-chain of 100k signed receipts is measured for real only with MSEZ_BENCH_FULL=1 (it signs 100k receipts
// first, about a minute on 2 cores); by default it is measured at 10k and the 100k figure is extrapolated and
// labelled so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { measure, round, timeOnce } from './_measure.mjs';
import { Mmr, buildInclusionProof, verifyInclusionProof, parseCorridorConfig, proposeReceipt, makeChainExport, verifyChain } from '../build/src/corridor/index.js';
import { openDatabase, initCorridor, applyTransition, proposeAndAppend, appendReceipt, appendReceipts, getCorridor } from '../build/src/store/index.js';
import { signCredential, signingKeyFromSeed } from '../build/src/vc/index.js';

const h = (s) => createHash('sha256').update(s).digest();
const hex = (s) => h(s).toString('hex');
const T = '2026-01-01T00:00:00Z';
const FULL = process.env.MSEZ_BENCH_FULL === '1';

export async function run() {
  const out = {};
  // MMR root of 100k leaves.
  const leaves = Array.from({ length: 100_000 }, (_, i) => new Uint8Array(h(`receipt-${i}`)));
  const root = timeOnce(() => Mmr.fromNextRoots(leaves).root());
  out['corridor.mmr.root_100k_leaves.ms'] = round(root.ms, 1);
  const proof = buildInclusionProof(leaves.slice(0, 4096), 1234);
  out['corridor.mmr.inclusion_verify.ops_per_s'] = Math.round(measure(() => verifyInclusionProof(proof), { ms: 1000 }).opsPerSecond);

  const dir = mkdtempSync(join(tmpdir(), 'msez-bench-'));
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
  const vc = (type) => signCredential({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', type], issuer: key.did, credentialSubject: { corridor_id: 'bench' } }, key, { suite: 'eddsa-jcs-2022', created: T });
  /** `n` receipts signed by the one party, chained from (sequence, prev_root); pure, no database. */
  const signedChain = (from, prev, n) => {
    const rs = [];
    for (let i = 0; i < n; i++) {
      const r = signCredential(proposeReceipt(config, { sequence: from + i, prev_root: prev, timestamp: T }), key, { suite: 'eddsa-jcs-2022', created: T });
      rs.push(r);
      prev = r.next_root;
    }
    return rs;
  };
  const freshDb = (name, synchronous) => {
    const db = openDatabase(join(dir, name));
    if (synchronous !== undefined) db.pragma(`synchronous = ${synchronous}`);
    initCorridor(db, config, T);
    applyTransition(db, 'bench', 'submit', [vc('MSEZCorridorDefinitionCredential')], T);
    return db;
  };
  try {
    // Single durable appends of externally signed receipts (one IMMEDIATE transaction + fsync each).
    {
      const db = freshDb('single.db');
      const rs = signedChain(0, getCorridor(db, 'bench').head, 1500);
      const t = timeOnce(() => rs.forEach((r) => appendReceipt(db, 'bench', r, T)));
      out['corridor.append.durable.single.receipts_per_s'] = Math.round(rs.length / (t.ms / 1000));
      // The local operator path: build, sign (1 signer) and append at the head in one transaction.
      const N = 1000;
      const p = timeOnce(() => {
        for (let i = 0; i < N; i++) proposeAndAppend(db, 'bench', { timestamp: T }, [key]);
      });
      out['corridor.append.durable.propose_sign_append.receipts_per_s'] = Math.round(N / (p.ms / 1000));
      db.close();
    }
    // Batched durable appends: every receipt still fully verified, one commit per batch.
    for (const size of [100, 1000]) {
      const db = freshDb(`batch-${size}.db`);
      const rs = signedChain(0, getCorridor(db, 'bench').head, 5000);
      const t = timeOnce(() => {
        for (let i = 0; i < rs.length; i += size) appendReceipts(db, 'bench', rs.slice(i, i + size), T);
      });
      out[`corridor.append.durable.batch_${size}.receipts_per_s`] = Math.round(rs.length / (t.ms / 1000));
      db.close();
    }
    // Informational, NOT the default: WAL + synchronous=NORMAL (loses the last commits on power loss).
    {
      const db = freshDb('normal.db', 'NORMAL');
      const rs = signedChain(0, getCorridor(db, 'bench').head, 1500);
      const t = timeOnce(() => rs.forEach((r) => appendReceipt(db, 'bench', r, T)));
      out['corridor.append.wal_normal_not_durable_on_power_loss.single.receipts_per_s'] = Math.round(rs.length / (t.ms / 1000));
      db.close();
    }
    // verify-chain: MCF + SHA-256 + Ed25519 per receipt, linkage, MMR.
    const n = FULL ? 100_000 : 10_000;
    const receipts = signedChain(0, makeChainExport(config, [], []).genesis_root, n);
    const exp = JSON.parse(JSON.stringify(makeChainExport(config, receipts, [])));
    const ver = timeOnce(() => verifyChain(exp));
    if (!ver.value.ok || ver.value.receipt_count !== n) throw new Error('bench chain did not verify');
    if (FULL) out['corridor.verify_chain.100k_signed_receipts.s'] = round(ver.ms / 1000, 2);
    else {
      out['corridor.verify_chain.10k_signed_receipts.s'] = round(ver.ms / 1000, 2);
      out['corridor.verify_chain.100k_signed_receipts_extrapolated.s'] = round((ver.ms / 1000) * 10, 1);
    }
  } finally {
    key.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
