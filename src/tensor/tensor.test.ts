import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hexToBytes, mcf, sha256, toHex } from '../core/index.js';
import { expectMsezError, vectorJson } from '../../test/support/vectors.js';
import {
  COMPLIANCE_DOMAINS,
  COMPLIANCE_STATES,
  LeafHashes,
  auditPath,
  cellBytes,
  cellToJson,
  commitTensor,
  evaluateSubject,
  join,
  leafHash,
  makeCell,
  meet,
  merkleTreeHash,
  nodeHash,
  parseComplianceDomain,
  parseComplianceState,
  proveCell,
  rootFromLeafHashes,
  splitPoint,
  verifyAuditPath,
  verifyCellProof,
  type ComplianceState,
  type TensorCell,
} from './index.js';

const stateArb = fc.constantFrom(...COMPLIANCE_STATES);

describe('ComplianceDomain (D10)', () => {
  it('has exactly 20 values in enum order, without civic', () => {
    expect(COMPLIANCE_DOMAINS).toHaveLength(20);
    expect(COMPLIANCE_DOMAINS[0]).toBe('aml');
    expect(COMPLIANCE_DOMAINS[19]).toBe('trade');
    expect(new Set(COMPLIANCE_DOMAINS).size).toBe(20);
    expectMsezError(() => parseComplianceDomain('civic'), 'VALIDATION_FAILED');
    expectMsezError(() => parseComplianceDomain('data-privacy'), 'VALIDATION_FAILED');
  });
});

describe('ComplianceState lattice (D10)', () => {
  it('orders worst to best and treats missing as pending, unknown as invalid', () => {
    expect(meet('compliant', 'non_compliant')).toBe('non_compliant');
    expect(join('expired', 'pending')).toBe('pending');
    expect(meet('exempt', 'not_applicable')).toBe('not_applicable');
    expect(parseComplianceState(undefined)).toBe('pending');
    expect(parseComplianceState('')).toBe('pending');
    expectMsezError(() => parseComplianceState('unknown'), 'VALIDATION_FAILED');
  });
  it('meet and join are commutative, associative, idempotent and absorptive', () => {
    fc.assert(
      fc.property(stateArb, stateArb, stateArb, (a: ComplianceState, b: ComplianceState, c: ComplianceState) => {
        expect(meet(a, b)).toBe(meet(b, a));
        expect(join(a, b)).toBe(join(b, a));
        expect(meet(meet(a, b), c)).toBe(meet(a, meet(b, c)));
        expect(join(join(a, b), c)).toBe(join(a, join(b, c)));
        expect(meet(a, a)).toBe(a);
        expect(join(a, a)).toBe(a);
        expect(meet(a, join(a, b))).toBe(a);
        expect(join(a, meet(a, b))).toBe(a);
        expect(meet(a, 'non_compliant')).toBe('non_compliant');
      }),
    );
  });
});

describe('RFC 9162 tree (crypto.md §9)', () => {
  it('empty root is SHA-256("")', () => {
    expect(toHex(rootFromLeafHashes([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(commitTensor([]).root).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('matches the MMR vectors (MMR root = MTH over the next_root bytes)', () => {
    const v = vectorJson<{ next_roots: string[]; incremental_roots: { size: number; root: string }[] }>('reference/mmr_roots.json');
    const data = v.next_roots.map(hexToBytes);
    for (const r of v.incremental_roots) expect(toHex(merkleTreeHash(data.slice(0, r.size)))).toBe(r.root);
  });
  it('bottom-up root equals the recursive definition and every audit path verifies', () => {
    const mth = (l: Uint8Array[]): Uint8Array => {
      if (l.length === 1) return l[0] as Uint8Array;
      const k = splitPoint(l.length);
      return nodeHash(mth(l.slice(0, k)), mth(l.slice(k)));
    };
    for (let n = 1; n <= 33; n++) {
      const leaves = Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`leaf-${i}`)));
      const root = rootFromLeafHashes(leaves);
      expect(toHex(root)).toBe(toHex(mth(leaves)));
      for (let i = 0; i < n; i++) {
        const path = auditPath(leaves, i);
        expect(verifyAuditPath(leaves[i] as Uint8Array, i, n, path, root)).toBe(true);
        if (n > 1) expect(verifyAuditPath(leaves[i] as Uint8Array, (i + 1) % n, n, path, root)).toBe(false);
        expect(verifyAuditPath(sha256(new Uint8Array([1])), i, n, path, root)).toBe(false);
      }
    }
  });
});

const DIG = 'ab'.repeat(32);
const cellArb = fc.record({
  entity_id: fc.constantFrom('e1', 'e2', 'e3'),
  jurisdiction_id: fc.constantFrom('pk-sifc', 'ae-difc'),
  domain: fc.constantFrom(...COMPLIANCE_DOMAINS),
  state: stateArb,
  reason: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
  digests: fc.subarray(['ab'.repeat(32), 'cd'.repeat(32), 'ef'.repeat(32)]),
});

function uniqueCells(raw: { entity_id: string; jurisdiction_id: string; domain: string; state: ComplianceState; reason: string | undefined; digests: string[] }[]): TensorCell[] {
  const seen = new Map<string, TensorCell>();
  for (const r of raw) {
    const c = makeCell({ ...r, attestation_digests: r.digests, reason_code: r.reason });
    seen.set(`${c.entity_id}|${c.jurisdiction_id}|${c.domain}`, c);
  }
  return [...seen.values()];
}

describe('tensor commitment (D11)', () => {
  it('is independent of input order and changes iff a cell changes', () => {
    fc.assert(
      fc.property(fc.array(cellArb, { minLength: 1, maxLength: 30 }), fc.nat(), stateArb, fc.boolean(), (raw, pick, newState, touchReason) => {
        const cells = uniqueCells(raw);
        const base = commitTensor(cells);
        expect(commitTensor([...cells].reverse()).root).toBe(base.root);
        const i = pick % cells.length;
        const old = cells[i] as TensorCell;
        const changed = touchReason
          ? makeCell({ ...old, reason_code: old.reason_code === 'x' ? 'y' : 'x' })
          : makeCell({ ...old, state: newState, reason_code: old.reason_code });
        const next = cells.map((c, j) => (j === i ? changed : c));
        const same = changed.state === old.state && changed.reason_code === old.reason_code;
        expect(commitTensor(next).root === base.root).toBe(same);
      }),
      { numRuns: 150 },
    );
  });
  it('absent reason_code is omitted (not null) and digests are normalised', () => {
    const a = makeCell({ entity_id: 'e', jurisdiction_id: 'j', domain: 'aml', state: 'compliant', attestation_digests: [DIG.toUpperCase(), DIG] });
    expect(a.attestation_digests).toEqual([DIG]);
    expect('reason_code' in a).toBe(false);
    expectMsezError(() => commitTensor([a, a]), 'VALIDATION_FAILED');
  });
  it('proves every cell and rejects a tampered cell', () => {
    const cells = evaluateSubject({ entity_id: 'e1', jurisdiction_id: 'pk-sifc', facts: [{ domain: 'sanctions', state: 'non_compliant', reason_code: 'listed' }] }, '2026-01-01T00:00:00Z');
    const { root } = commitTensor(cells);
    for (const c of cells) {
      const p = proveCell(cells, c);
      expect(p.root).toBe(root);
      expect(verifyCellProof(p)).toBe(true);
    }
    const p = proveCell(cells, { entity_id: 'e1', jurisdiction_id: 'pk-sifc', domain: 'sanctions' });
    expect(p.cell.state).toBe('non_compliant');
    expect(verifyCellProof({ ...p, cell: makeCell({ ...p.cell, state: 'compliant' }) })).toBe(false);
    expect(verifyCellProof(p, '00'.repeat(32))).toBe(false);
    expectMsezError(() => proveCell(cells, { entity_id: 'nobody', jurisdiction_id: 'pk-sifc', domain: 'aml' }), 'NOT_FOUND');
  });
});

describe('fast commitment path (bench/tensor.mjs)', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom('ent-1', 'pk-sifc', 'sanctions_listed:SDN-1', 'a"b\\c', 'tab\there', '2026-03-01T10:00:00+05:00', '2026-03-01T10:00:00Z', 'x/y|z@w', 'ü€😀'),
  );
  const cellArb = fc.record({
    entity_id: text.filter((s) => s !== ''),
    jurisdiction_id: text.filter((s) => s !== ''),
    domain: fc.constantFrom(...COMPLIANCE_DOMAINS),
    state: stateArb,
    attestation_digests: fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toHex), { maxLength: 3 }),
    reason_code: fc.option(text, { nil: undefined }),
  });
  it('leaf data is MCF of the cell object', () => {
    fc.assert(
      fc.property(cellArb, (input) => {
        const cell = makeCell(input);
        expect(Buffer.from(cellBytes(cell)).equals(Buffer.from(mcf(cellToJson(cell))))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('LeafHashes gives the same root as the array construction for every size 0..70', () => {
    for (let n = 0; n <= 70; n++) {
      const data = Array.from({ length: n }, (_, i) => `leaf-${i}-é`);
      const acc = new LeafHashes();
      for (const d of data) acc.add(new TextEncoder().encode(d));
      expect(acc.size).toBe(n);
      expect(toHex(acc.root())).toBe(toHex(merkleTreeHash(data.map((d) => new TextEncoder().encode(d)))));
    }
    const big = new LeafHashes();
    big.add(new TextEncoder().encode('x'.repeat(10000))); // grows the scratch buffer
    expect(toHex(big.root())).toBe(toHex(leafHash(new TextEncoder().encode('x'.repeat(10000)))));
  });
});

describe('default evaluation (compliance.md §3)', () => {
  it('gives 20 cells, pending by default, meet of facts, expired attestations in the first 8 domains', () => {
    const cells = evaluateSubject(
      {
        entity_id: 'e1',
        jurisdiction_id: 'pk-sifc',
        facts: [
          { domain: 'kyc', state: 'compliant', attestations: [{ digest: DIG, expires_at: '2025-12-31T00:00:00Z' }] },
          { domain: 'licensing', state: 'compliant', attestations: [{ digest: DIG, expires_at: '2025-12-31T00:00:00Z' }] },
          { domain: 'tax', state: 'compliant', reason_code: 'filer' },
          { domain: 'tax', state: 'pending', reason_code: 'late' },
        ],
      },
      '2026-01-01T00:00:00Z',
    );
    expect(cells).toHaveLength(20);
    const by = new Map(cells.map((c) => [c.domain, c]));
    expect(by.get('aml')?.state).toBe('pending');
    expect(by.get('kyc')?.state).toBe('expired');
    expect(by.get('kyc')?.reason_code).toBe('attestation_expired');
    expect(by.get('licensing')?.state).toBe('compliant');
    expect(by.get('tax')?.state).toBe('pending');
    expect(by.get('tax')?.reason_code).toBe('late');
  });
});
