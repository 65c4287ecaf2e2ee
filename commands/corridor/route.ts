import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { MsezError, readDataFile } from '../../src/core/index.js';
import { findRoute, parseCorridorGraph, type Route } from '../../src/corridor/index.js';

export default class CorridorRoute extends MsezCommand<Route> {
  static override summary = 'Cheapest route (fee_bps, Dijkstra) over the ACTIVE corridors of a graph.';
  static override examples = ['<%= config.bin %> corridor route graph.yaml --from PK-KHI --to AE-DXB'];
  static override args = {
    file: Args.string({ description: 'corridor graph {corridors: [{corridor_id, from, to, fee_bps, settlement_seconds?, state?}]}', required: true, ignoreStdin: true }),
  };
  static override flags = {
    from: Flags.string({ summary: 'Source jurisdiction.', required: true }),
    to: Flags.string({ summary: 'Target jurisdiction.', required: true }),
  };

  async run(): Promise<Route> {
    const { args, flags } = await this.parse(CorridorRoute);
    const route = findRoute(parseCorridorGraph(readDataFile(args.file).value), flags.from, flags.to);
    if (route === undefined) throw new MsezError('NOT_FOUND', `no route from ${flags.from} to ${flags.to} over ACTIVE corridors`, { from: flags.from, to: flags.to });
    this.print(`${route.hops.join(' -> ')} via ${route.corridor_ids.join(', ')}: ${route.total_fee_bps} bps, ${route.total_settlement_seconds} s\n`);
    return route;
  }
}
