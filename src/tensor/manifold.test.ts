import { describe, expect, it } from 'vitest';
import { expectMsezError } from '../../test/support/vectors.js';
import { findPath, pathId, type ManifoldGraph } from './index.js';

const graph: ManifoldGraph = {
  jurisdictions: [
    { jurisdiction_id: 'pk-sifc', entry_fee_cents: 0 },
    { jurisdiction_id: 'ae-difc', entry_fee_cents: 5000 },
    { jurisdiction_id: 'sg', entry_fee_cents: 1000 },
    { jurisdiction_id: 'gb', entry_fee_cents: 0 },
  ],
  corridors: [
    { corridor_id: 'pk-ae', source: 'pk-sifc', target: 'ae-difc', bidirectional: true, flat_fee_cents: 10000, fee_bps: 50, required_attestations: ['kyc'], estimated_seconds: 600 },
    { corridor_id: 'ae-gb', source: 'ae-difc', target: 'gb', bidirectional: false, flat_fee_cents: 2000, fee_bps: 10, required_attestations: [], estimated_seconds: 300 },
    { corridor_id: 'pk-sg', source: 'pk-sifc', target: 'sg', bidirectional: false, flat_fee_cents: 1000, fee_bps: 200, required_attestations: ['aml', 'kyc'], estimated_seconds: 900 },
    { corridor_id: 'sg-gb', source: 'sg', target: 'gb', bidirectional: false, flat_fee_cents: 1000, fee_bps: 10, required_attestations: [], estimated_seconds: 100 },
  ],
  attestation_costs: { kyc: 2500, aml: 4000 },
};
const asset = { asset_id: 'asset-1', value_cents: 1_000_000, attestations: ['kyc'] };

describe('manifold path planning (compliance.md §4)', () => {
  it('finds the cheapest path with exact integer costs', () => {
    // pk→ae: 10000 + 5000 (50 bps) + 0 + 5000 entry = 20000; ae→gb: 2000 + 1000 = 3000 → 23000.
    // pk→sg: 1000 + 20000 + 4000 (aml) + 1000 = 26000; sg→gb: 1000 + 1000 = 2000 → 28000.
    const p = findPath(graph, 'pk-sifc', 'gb', asset);
    expect(p.hops.map((h) => h.corridor_id)).toEqual(['pk-ae', 'ae-gb']);
    expect(p.total_cost_cents).toBe(23000);
    expect(p.estimated_seconds).toBe(900);
    expect(p.path_id).toBe(pathId('pk-sifc', 'gb', ['pk-ae', 'ae-gb']));
    expect(p.path_id).toMatch(/^[0-9a-f]{16}$/);
  });
  it('honours constraints, bidirectional edges and max hops', () => {
    expectMsezError(() => findPath(graph, 'pk-sifc', 'gb', asset, { max_fee_bps: 40 }), 'NOT_FOUND');
    expectMsezError(() => findPath(graph, 'pk-sifc', 'gb', asset, { max_hops: 1 }), 'NOT_FOUND');
    expectMsezError(() => findPath(graph, 'pk-sifc', 'gb', asset, { max_total_cost_cents: 22999 }), 'NOT_FOUND');
    const around = findPath(graph, 'pk-sifc', 'gb', asset, { excluded_jurisdictions: ['ae-difc'] });
    expect([around.hops.map((h) => h.corridor_id), around.total_cost_cents, around.hops[0]?.missing_attestations]).toEqual([['pk-sg', 'sg-gb'], 28000, ['aml']]);
    const back = findPath(graph, 'ae-difc', 'pk-sifc', asset);
    expect([back.hops.map((h) => `${h.from}>${h.to}`), back.total_cost_cents]).toEqual([['ae-difc>pk-sifc'], 15000]);
    expectMsezError(() => findPath(graph, 'gb', 'pk-sifc', asset), 'NOT_FOUND');
    expectMsezError(() => findPath(graph, 'pk-sifc', 'gb', { ...asset, value_cents: -1 }), 'VALIDATION_FAILED');
  });
});
