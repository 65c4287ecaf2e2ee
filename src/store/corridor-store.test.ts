import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMsezError, mcf, mcfText, type MsezError, parseJsonBytes, sha256, toHex, type JsonObject } from '../core/index.js';
import { verifyChain, lifecycleTransitionCredential, proposeReceipt, type CorridorActivationReport } from '../corridor/index.js';
import { credentialPayloadDigest, signCredential } from '../vc/index.js';
import { expectMsezError } from '../../test/support/vectors.js';
import { corridorFixture } from '../../test/support/corridor-fixture.js';
import {
  activateCorridor,
  appendReceipt,
  appendReceipts,
  applyTransition,
  createCheckpoint,
  exportChain,
  getCorridor,
  initCorridor,
  listForks,
  listReceipts,
  proposeAndAppend,
  transitionLog,
} from './corridor-store.js';
import { openDatabase } from './db.js';

const T0 = '2026-01-01T00:00:00Z';
const fx = corridorFixture();
const id = fx.config.corridor_id;

function activeDb(receipts = 0) {
  const db = openDatabase(':memory:');
  initCorridor(db, fx.config, T0);
  applyTransition(db, id, 'submit', [fx.vc('MSEZCorridorDefinitionCredential', {})], T0);
  proposeAndAppend(db, id, { timestamp: T0 }, fx.parties);
  activateCorridor(db, id, fx.activation(), T0);
  for (let i = 1; i < receipts; i++) proposeAndAppend(db, id, { timestamp: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` }, fx.parties);
  return db;
}

describe('lifecycle on SQLite', () => {
  test('DRAFT → PENDING → ACTIVE with evidence; log records evidence digests', () => {
    const db = openDatabase(':memory:');
    expect(initCorridor(db, fx.config, T0).state).toBe('DRAFT');
    expectMsezError(() => initCorridor(db, fx.config, T0), 'CONFLICT');
    expectMsezError(() => activateCorridor(db, id, fx.activation(), T0), 'INVALID_TRANSITION');
    expectMsezError(() => applyTransition(db, id, 'submit', [fx.vc('MSEZCorridorAgreementCredential', {})], T0), 'INVALID_TRANSITION');
    expectMsezError(() => applyTransition(db, id, 'submit', [fx.vc('MSEZCorridorDefinitionCredential', {}, [fx.outsider])], T0), 'SIGNATURE_INVALID');
    const forged = { ...fx.vc('MSEZCorridorDefinitionCredential', {}), issuer: 'did:example:other' };
    expectMsezError(() => applyTransition(db, id, 'submit', [forged], T0), 'SIGNATURE_INVALID');
    const entry = applyTransition(db, id, 'submit', [fx.vc('MSEZCorridorDefinitionCredential', {})], T0);
    expect(entry).toMatchObject({ kind: 'submit', from_state: 'DRAFT', to_state: 'PENDING' });
    expect(entry.evidence[0]!.digest_sha256).toMatch(/^[0-9a-f]{64}$/);
    // activation needs finality receipt_signed
    expectMsezError(() => activateCorridor(db, id, fx.activation(), T0), 'INVALID_TRANSITION');
    proposeAndAppend(db, id, { timestamp: T0 }, fx.parties);
    // a bare signature check is not enough: applyTransition refuses activate
    expectMsezError(() => applyTransition(db, id, 'activate', [fx.vc('MSEZCorridorAgreementCredential', {})], T0), 'USAGE');
    const outcome = activateCorridor(db, id, fx.activation(), T0);
    expect(outcome.activation).toMatchObject({ activated: true, errors: [], binding: [], blockers: [], pattern: 'party-specific', agreement_set_sha256: fx.config.agreement_set_sha256 });
    expect(outcome.entry).toMatchObject({ kind: 'activate', from_state: 'PENDING', to_state: 'ACTIVE' });
    expect(outcome.entry.evidence.map((e) => e.digest_sha256)).toEqual(fx.agreements.map((a) => credentialPayloadDigest(a)));
    expect(getCorridor(db, id).state).toBe('ACTIVE');
    // zone_authority gate
    expectMsezError(() => applyTransition(db, id, 'suspend', [fx.vc('MSEZCorridorDefinitionCredential', {})], T0), 'INVALID_TRANSITION');
    const susp = lifecycleTransitionCredential(fx.config, 'ACTIVE', 'SUSPENDED', T0, fx.parties[0]!.did);
    applyTransition(db, id, 'suspend', [signCredential(susp, fx.parties[0]!, { suite: 'eddsa-jcs-2022', created: T0 })], T0);
    expectMsezError(() => proposeAndAppend(db, id, { timestamp: T0 }, fx.parties), 'INVALID_STATE');
    const dep = lifecycleTransitionCredential(fx.config, 'SUSPENDED', 'DEPRECATED', T0, fx.parties[1]!.did);
    applyTransition(db, id, 'deprecate', [signCredential(dep, fx.parties[1]!, { suite: 'eddsa-jcs-2022', created: T0 })], T0);
    expectMsezError(() => applyTransition(db, id, 'resume', [], T0), 'INVALID_TRANSITION');
    expect(transitionLog(db, id).map((e) => e.kind)).toEqual(['submit', 'activate', 'suspend', 'deprecate_from_suspension']);
  });
});

describe('activation runs the full corridors.md §2 check (with its code and report)', () => {
  function pendingDb() {
    const db = openDatabase(':memory:');
    initCorridor(db, fx.config, T0);
    applyTransition(db, id, 'submit', [fx.definition], T0);
    proposeAndAppend(db, id, { timestamp: T0 }, fx.parties);
    return db;
  }
  const refused = (db: ReturnType<typeof openDatabase>, input: ReturnType<typeof fx.activation>, code: 'THRESHOLD_NOT_MET' | 'ACTIVATION_BLOCKED') => {
    let err: unknown;
    try {
      activateCorridor(db, id, input, T0);
    } catch (e) {
      err = e;
    }
    expect(isMsezError(err) && err.code).toBe(code);
    expect(getCorridor(db, id).state).toBe('PENDING'); // nothing written
    expect(transitionLog(db, id).map((e) => e.kind)).toEqual(['submit']);
    return (err as MsezError).details as unknown as CorridorActivationReport;
  };
  test('one of two parties: THRESHOLD_NOT_MET with the per-role count', () => {
    const r = refused(pendingDb(), fx.activation(fx.agreements.slice(0, 1)), 'THRESHOLD_NOT_MET');
    expect(r.thresholds).toEqual([{ role: 'zone_authority', required: 2, of: 2, parties: [fx.parties[0]!.did], met: false }]);
    expect(r.activated).toBe(false);
    expect(r.binding).toEqual([expect.objectContaining({ check: 'agreement_set' })]);
  });
  test('a non-affirmative commitment blocks', () => {
    const r = refused(pendingDb(), fx.activation([fx.agreements[0]!, fx.agreement(1, { commitment: 'reject' })]), 'ACTIVATION_BLOCKED');
    expect(r.blockers).toEqual([`${fx.parties[1]!.did}:reject`]);
  });
  test('a party VC signed by another party (all signatures valid) is blocked', () => {
    const r = refused(pendingDb(), fx.activation([fx.agreements[0]!, fx.agreement(1, {}, fx.parties[0])]), 'ACTIVATION_BLOCKED');
    expect(r.errors.map((e) => e.check)).toContain('party_signature');
  });
  test('binding to another definition payload is blocked', () => {
    const other = 'f'.repeat(64);
    const r = refused(pendingDb(), fx.activation([fx.agreement(0, { definition_payload_sha256: other }), fx.agreement(1, { definition_payload_sha256: other })]), 'ACTIVATION_BLOCKED');
    expect(r.errors.map((e) => e.check)).toContain('definition_binding');
    expect(r.binding.map((b) => b.check)).toContain('agreement_set');
  });
  test('a signer missing from the trust anchors is blocked (allow_list)', () => {
    const input = { ...fx.activation(), trustAnchors: fx.activation().trustAnchors.slice(0, 1) };
    const r = refused(pendingDb(), input, 'ACTIVATION_BLOCKED');
    expect(r.errors).toContainEqual(expect.objectContaining({ check: 'agreement_signer' }));
  });
  test('an authority-registry chain whose root is not a trust anchor is blocked', () => {
    const registry = signCredential(
      { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential', 'MSEZAuthorityRegistryCredential'], issuer: fx.outsider.did, issuanceDate: T0, credentialSubject: { authorities: [{ did: fx.parties[0]!.did, allowed_attestations: ['*'] }, { did: fx.parties[1]!.did, allowed_attestations: ['*'] }] } },
      fx.outsider,
      { suite: 'eddsa-jcs-2022', created: T0 },
    );
    const r = refused(pendingDb(), { ...fx.activation(), registryChain: [{ name: 'registry.json', vc: registry }] }, 'ACTIVATION_BLOCKED');
    expect(r.errors).toContainEqual(expect.objectContaining({ check: 'allow_list' }));
  });
  test('a package for other participants than the stored corridor is blocked (binding)', () => {
    const db = openDatabase(':memory:');
    const cfg = { ...fx.config, receipt_signing: { thresholds: [{ role: 'zone_authority', required: 1 }] } };
    initCorridor(db, cfg, T0);
    applyTransition(db, id, 'submit', [fx.definition], T0);
    proposeAndAppend(db, id, { timestamp: T0 }, fx.parties);
    const r = refused(db, fx.activation(), 'ACTIVATION_BLOCKED');
    expect(r.errors).toEqual([]);
    expect(r.binding).toEqual([expect.objectContaining({ check: 'receipt_signing' })]);
  });
});

describe('receipts', () => {
  test('append checks linkage, next_root, signatures and thresholds', () => {
    const db = activeDb(3);
    const [r0] = listReceipts(db, id);
    const rec = getCorridor(db, id);
    expect(rec.receipt_count).toBe(3);
    expect(r0!.prev_root).toBe(rec.genesis_root);
    const one = proposeWith(db, [fx.parties[0]!]);
    expectMsezError(() => appendReceipt(db, id, one, T0), 'THRESHOLD_NOT_MET');
    const stranger = proposeWith(db, [...fx.parties, fx.outsider]);
    expectMsezError(() => appendReceipt(db, id, stranger, T0), 'SIGNATURE_INVALID');
    const good = proposeWith(db, fx.parties);
    expectMsezError(() => appendReceipt(db, id, { ...good, timestamp: '2026-02-01T00:00:00Z' }, T0), 'CHAIN_BROKEN');
    expect(appendReceipt(db, id, good, T0).sequence).toBe(3);
    expectMsezError(() => appendReceipt(db, id, good, T0), 'CONFLICT');
  });
  test('a second signed receipt at a used (sequence, prev_root) is recorded as a fork', () => {
    const db = activeDb(2);
    const rival = proposeAt(db, 1, '2026-01-01T00:05:00Z');
    expectMsezError(() => appendReceipt(db, id, rival, T0), 'FORK_DETECTED');
    expect(listForks(db, id)).toEqual([{ sequence: 1, prev_root: rival.prev_root, next_roots: expect.any(Array), detected_at: T0 }]);
    expect(listForks(db, id)[0]!.next_roots).toHaveLength(2);
  });
});

describe('batch append (appendReceipts)', () => {
  /** `n` signed receipts chained from the current head, without touching the database. */
  function chainFrom(db: ReturnType<typeof openDatabase>, n: number): JsonObject[] {
    const rec = getCorridor(db, id);
    const out: JsonObject[] = [];
    let prev = rec.head;
    for (let i = 0; i < n; i++) {
      let r = proposeReceipt(fx.config, { sequence: rec.receipt_count + i, prev_root: prev, timestamp: `2026-01-03T00:00:${String(i).padStart(2, '0')}Z` });
      for (const k of fx.parties) r = signCredential(r, k, { suite: 'eddsa-jcs-2022', created: T0 });
      out.push(r);
      prev = String(r.next_root);
    }
    return out;
  }
  test('one transaction; same head and MMR as appending one by one', () => {
    const a = activeDb(2);
    const b = activeDb(2);
    const batch = chainFrom(a, 5);
    const r = appendReceipts(a, id, batch, T0);
    for (const x of batch) appendReceipt(b, id, x, T0);
    expect(r).toEqual({ first_sequence: 2, appended: 5, receipt_count: 7, head: batch[4]!.next_root, mmr_root: getCorridor(b, id).mmr_root });
    expect(getCorridor(a, id)).toEqual(getCorridor(b, id));
    expect(verifyChain(JSON.parse(JSON.stringify(exportChain(a, id))))).toMatchObject({ ok: true, receipt_count: 7 });
  });
  test('atomic: a bad receipt anywhere stores nothing and is named by index', () => {
    const db = activeDb(2);
    const batch = chainFrom(db, 4);
    const before = getCorridor(db, id);
    const bad = [...batch];
    bad[2] = { ...batch[2]!, proof: (batch[2]!.proof as JsonObject[]).slice(0, 1) };
    let err: unknown;
    try {
      appendReceipts(db, id, bad, T0);
    } catch (e) {
      err = e;
    }
    expect(isMsezError(err) && [err.code, err.details.index, err.details.sequence]).toEqual(['THRESHOLD_NOT_MET', 2, 4]);
    expect(getCorridor(db, id)).toEqual(before);
    expect(listReceipts(db, id)).toHaveLength(2);
    expectMsezError(() => appendReceipts(db, id, [], T0), 'VALIDATION_FAILED');
    expectMsezError(() => appendReceipts(db, id, [batch[0]!, batch[0]!], T0), 'CHAIN_BROKEN');
    expect(appendReceipts(db, id, batch, T0).receipt_count).toBe(6);
  });
  test('a fork inside a batch drops the batch but the fork is recorded', () => {
    const db = activeDb(3);
    const rival = proposeAt(db, 1, '2026-01-01T00:05:00Z');
    const next = chainFrom(db, 2);
    expectMsezError(() => appendReceipts(db, id, [next[0]!, rival, next[1]!], T0), 'FORK_DETECTED');
    expect(listForks(db, id)).toEqual([expect.objectContaining({ sequence: 1, prev_root: rival.prev_root })]);
    expect(getCorridor(db, id).receipt_count).toBe(3);
  });
});

function proposeWith(db: ReturnType<typeof openDatabase>, signers: typeof fx.parties): JsonObject {
  const rec = getCorridor(db, id);
  return proposeAt(db, rec.receipt_count, '2026-01-02T00:00:00Z', signers);
}

function proposeAt(db: ReturnType<typeof openDatabase>, sequence: number, ts: string, signers = fx.parties): JsonObject {
  const prev = sequence === 0 ? getCorridor(db, id).genesis_root : String(listReceipts(db, id, sequence - 1, sequence)[0]!.next_root);
  const base = { type: 'MSEZCorridorStateReceipt', corridor_id: id, sequence, timestamp: ts, prev_root: prev, lawpack_digest_set: fx.config.lawpack_digest_set, ruleset_digest_set: fx.config.ruleset_digest_set } as JsonObject;
  const digest = toHex(sha256(mcf(base)));
  let r: JsonObject = { ...base, next_root: digest };
  for (const k of signers) r = signCredential(r, k, { suite: 'eddsa-jcs-2022', created: ts });
  return r;
}


describe('verify-chain over an export', () => {
  const db = activeDb(5);
  createCheckpoint(db, id, '2026-01-01T01:00:00Z', fx.parties);
  proposeAndAppend(db, id, { timestamp: '2026-01-01T01:00:01Z' }, fx.parties);
  const exp = exportChain(db, id);
  const bytes = mcf(exp);
  test('a clean export verifies', () => {
    expect(verifyChain(parseJsonBytes(bytes).value)).toMatchObject({ ok: true, receipt_count: 6, checkpoints_verified: 1 });
  });
  test('names the first bad receipt', () => {
    const copy = parseJsonBytes(bytes).value as JsonObject;
    const receipts = copy.receipts as JsonObject[];
    receipts[3] = { ...receipts[3]!, timestamp: '2026-01-01T00:00:04Z' };
    expect(verifyChain(copy).first_bad).toMatchObject({ kind: 'receipt', index: 3, code: 'CHAIN_BROKEN' });
  });
  test('property: any single-byte change makes the chain fail', () => {
    const text = mcfText(exp);
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (pos, delta) => {
        const mutated = Uint8Array.from(bytes);
        mutated[pos] = (mutated[pos]! + delta) & 0xff;
        let ok: boolean;
        try {
          ok = verifyChain(parseJsonBytes(mutated).value).ok;
        } catch {
          ok = false; // unreadable JSON/UTF-8 is a failure too (exit 2)
        }
        expect(ok, `byte ${pos} of ${text.length}`).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

describe('two processes appending', () => {
  test('never fork or lose a receipt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msez-corridor-'));
    const path = join(dir, 'state.db');
    const db = openDatabase(path);
    initCorridor(db, fx.config, T0);
    applyTransition(db, id, 'submit', [fx.vc('MSEZCorridorDefinitionCredential', {})], T0);
    db.close();
    const worker = fileURLToPath(new URL('../../test/support/corridor-append-worker.ts', import.meta.url));
    const run = (tag: string) =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', worker, path, tag, '25'], { stdio: 'inherit' });
        p.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run('p'), run('q')])).toEqual([0, 0]);
    const db2 = openDatabase(path);
    const rec = getCorridor(db2, id);
    expect(rec.receipt_count).toBe(50);
    const report = verifyChain(JSON.parse(JSON.stringify(exportChain(db2, id))));
    expect(report).toMatchObject({ ok: true, receipt_count: 50, head: rec.head, mmr_root: rec.mmr_root });
    const tags = listReceipts(db2, id).map((r) => String((r.transition as JsonObject).kind));
    expect(tags.filter((t) => t === 'p')).toHaveLength(25);
    expect(tags.filter((t) => t === 'q')).toHaveLength(25);
    db2.close();
  });
});
