import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { readInput } from '../../cli/compliance.js';
import { MsezError, isJsonObject } from '../../src/core/index.js';
import { findPath, type ManifoldGraph, type MigrationPath } from '../../src/tensor/index.js';

export default class TensorPath extends MsezCommand<MigrationPath> {
  static override summary = 'Find the cheapest compliant migration path between jurisdictions (Dijkstra, max 5 hops).';
  static override description = 'The graph file holds {jurisdictions[{jurisdiction_id, entry_fee_cents}], corridors[{corridor_id, source, target, bidirectional, flat_fee_cents, fee_bps, required_attestations[], estimated_seconds}], attestation_costs{}}.';
  static override flags = {
    graph: Flags.string({ summary: 'Manifold graph file (.json or .yaml).', required: true }),
    from: Flags.string({ summary: 'Source jurisdiction.', required: true }),
    to: Flags.string({ summary: 'Target jurisdiction.', required: true }),
    asset: Flags.string({ summary: 'Asset id.', required: true }),
    'value-cents': Flags.integer({ summary: 'Asset value in USD cents.', default: 0 }),
    attestation: Flags.string({ summary: 'Attestation the asset already holds (repeat).', multiple: true }),
    'max-hops': Flags.integer({ summary: 'Maximum hops.', default: 5 }),
    'max-fee-bps': Flags.integer({ summary: 'Refuse corridors charging more bps.' }),
    exclude: Flags.string({ summary: 'Jurisdiction to avoid (repeat).', multiple: true }),
  };

  async run(): Promise<MigrationPath> {
    const { flags } = await this.parse(TensorPath);
    const graph = readInput(flags.graph);
    if (!isJsonObject(graph) || !Array.isArray(graph.jurisdictions) || !Array.isArray(graph.corridors)) throw new MsezError('SCHEMA_INVALID', 'graph: expected {jurisdictions[], corridors[], attestation_costs{}}', { file: flags.graph });
    const p = findPath(graph as unknown as ManifoldGraph, flags.from, flags.to, { asset_id: flags.asset, value_cents: flags['value-cents'], attestations: flags.attestation ?? [] }, {
      max_hops: flags['max-hops'],
      ...(flags['max-fee-bps'] !== undefined ? { max_fee_bps: flags['max-fee-bps'] } : {}),
      excluded_jurisdictions: flags.exclude ?? [],
    });
    this.print(`${p.path_id}: ${[p.source, ...p.hops.map((h) => `-[${h.corridor_id}]-> ${h.to}`)].join(' ')}\ncost ${p.total_cost_cents} cents, ${p.hops.length} hop(s)\n`);
    return p;
  }
}
