import { MsezError, compareCodePoints, digestParts } from '../core/index.js';

/**
 * Compliance manifold path planning (compliance.md §4): cheapest corridor path between jurisdictions by
 * Dijkstra, subject to a PathConstraint. Money is integer USD cents and fees are integer bps (msez rule).
 */
export interface ManifoldJurisdiction {
  readonly jurisdiction_id: string;
  /** Entry fee charged when a path enters this jurisdiction, in cents. */
  readonly entry_fee_cents: number;
}

export interface ManifoldCorridor {
  readonly corridor_id: string;
  readonly source: string;
  readonly target: string;
  readonly bidirectional: boolean;
  readonly flat_fee_cents: number;
  readonly fee_bps: number;
  /** Attestation types the corridor requires; each one the asset lacks costs `attestation_costs[type]`. */
  readonly required_attestations: readonly string[];
  /** Estimated transit time in seconds (reported, not optimised). */
  readonly estimated_seconds: number;
}

export interface ManifoldGraph {
  readonly jurisdictions: readonly ManifoldJurisdiction[];
  readonly corridors: readonly ManifoldCorridor[];
  /** Price in cents of obtaining one missing attestation of a type; unknown types cost 0. */
  readonly attestation_costs: Readonly<Record<string, number>>;
}

export interface PathConstraint {
  /** Default 5 (compliance.md §4). */
  readonly max_hops?: number;
  readonly max_total_cost_cents?: number;
  /** Refuses any corridor whose bps exceeds this. */
  readonly max_fee_bps?: number;
  readonly excluded_jurisdictions?: readonly string[];
  readonly excluded_corridors?: readonly string[];
}

export interface PathAsset {
  readonly asset_id: string;
  readonly value_cents: number;
  readonly attestations: readonly string[];
}

export interface PathHop {
  readonly corridor_id: string;
  readonly from: string;
  readonly to: string;
  readonly cost_cents: number;
  readonly missing_attestations: readonly string[];
}

export interface MigrationPath {
  readonly path_id: string;
  readonly source: string;
  readonly target: string;
  readonly asset_id: string;
  readonly hops: readonly PathHop[];
  readonly total_cost_cents: number;
  readonly estimated_seconds: number;
}

export const DEFAULT_MAX_HOPS = 5;

interface Edge {
  readonly corridor: ManifoldCorridor;
  readonly from: string;
  readonly to: string;
}

function assertCents(v: number, field: string): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new MsezError('VALIDATION_FAILED', `${field}: expected a non-negative integer`, { field, found: v });
}

/** Edge cost = flat fee + ⌊value·bps/10000⌋ + missing-attestation costs + the target's entry fee. */
export function edgeCost(graph: ManifoldGraph, corridor: ManifoldCorridor, to: string, asset: PathAsset): { cost: number; missing: string[] } {
  const held = new Set(asset.attestations);
  const missing = [...new Set(corridor.required_attestations)].filter((a) => !held.has(a)).sort(compareCodePoints);
  const entry = graph.jurisdictions.find((j) => j.jurisdiction_id === to)?.entry_fee_cents ?? 0;
  const pct = (BigInt(asset.value_cents) * BigInt(corridor.fee_bps)) / 10000n;
  const cost = corridor.flat_fee_cents + Number(pct) + missing.reduce((s, a) => s + (graph.attestation_costs[a] ?? 0), 0) + entry;
  return { cost, missing };
}

/** `path_id` = first 16 hex of sha256("src:dst:corridorIds"), corridor ids joined by "," (msez rule for the join). */
export function pathId(source: string, target: string, corridorIds: readonly string[]): string {
  return digestParts([new TextEncoder().encode(`${source}:${target}:${corridorIds.join(',')}`)]).hex.slice(0, 16);
}

interface Label {
  readonly node: string;
  readonly cost: number;
  readonly hops: readonly PathHop[];
  readonly visited: ReadonlySet<string>;
  readonly key: string;
}

function better(a: Label, b: Label): number {
  return a.cost - b.cost || a.hops.length - b.hops.length || compareCodePoints(a.key, b.key);
}

/**
 * Cheapest loop-free path from `source` to `target` within the constraint. Ties break on fewer hops, then
 * the corridor-id sequence, so the result is deterministic.
 * @throws NOT_FOUND when no path satisfies the constraint; VALIDATION_FAILED for bad graph numbers.
 */
export function findPath(graph: ManifoldGraph, source: string, target: string, asset: PathAsset, constraint: PathConstraint = {}): MigrationPath {
  const maxHops = constraint.max_hops ?? DEFAULT_MAX_HOPS;
  if (!Number.isSafeInteger(maxHops) || maxHops < 1) throw new MsezError('VALIDATION_FAILED', 'max_hops: expected a positive integer', { found: maxHops });
  assertCents(asset.value_cents, 'asset.value_cents');
  for (const c of graph.corridors) {
    assertCents(c.flat_fee_cents, `${c.corridor_id}.flat_fee_cents`);
    assertCents(c.fee_bps, `${c.corridor_id}.fee_bps`);
  }
  for (const j of graph.jurisdictions) assertCents(j.entry_fee_cents, `${j.jurisdiction_id}.entry_fee_cents`);
  const excludedJ = new Set(constraint.excluded_jurisdictions ?? []);
  const excludedC = new Set(constraint.excluded_corridors ?? []);
  if (excludedJ.has(source) || excludedJ.has(target)) throw new MsezError('NOT_FOUND', 'source or target is excluded by the constraint', { source, target });

  const edges = new Map<string, Edge[]>();
  const add = (e: Edge): void => {
    const list = edges.get(e.from) ?? [];
    list.push(e);
    edges.set(e.from, list);
  };
  for (const c of graph.corridors) {
    if (excludedC.has(c.corridor_id)) continue;
    if (constraint.max_fee_bps !== undefined && c.fee_bps > constraint.max_fee_bps) continue;
    add({ corridor: c, from: c.source, to: c.target });
    if (c.bidirectional) add({ corridor: c, from: c.target, to: c.source });
  }

  // Label-setting search over (node, path) labels; settled per (node, hop count) keeps it Dijkstra-like
  // while allowing a cheaper-but-longer path to lose to a dearer-but-shorter one under max_hops.
  const frontier: Label[] = [{ node: source, cost: 0, hops: [], visited: new Set([source]), key: '' }];
  const settled = new Set<string>();
  while (frontier.length > 0) {
    frontier.sort(better);
    const cur = frontier.shift() as Label;
    if (cur.node === target && cur.hops.length > 0) {
      if (constraint.max_total_cost_cents !== undefined && cur.cost > constraint.max_total_cost_cents) break;
      const ids = cur.hops.map((h) => h.corridor_id);
      return {
        path_id: pathId(source, target, ids),
        source,
        target,
        asset_id: asset.asset_id,
        hops: cur.hops,
        total_cost_cents: cur.cost,
        estimated_seconds: cur.hops.reduce((s, h) => s + (graph.corridors.find((c) => c.corridor_id === h.corridor_id)?.estimated_seconds ?? 0), 0),
      };
    }
    const sk = `${cur.node}#${cur.hops.length}`;
    if (settled.has(sk)) continue;
    settled.add(sk);
    if (cur.hops.length >= maxHops) continue;
    for (const e of edges.get(cur.node) ?? []) {
      if (cur.visited.has(e.to) || excludedJ.has(e.to)) continue;
      const { cost, missing } = edgeCost(graph, e.corridor, e.to, asset);
      const hop: PathHop = { corridor_id: e.corridor.corridor_id, from: e.from, to: e.to, cost_cents: cost, missing_attestations: missing };
      frontier.push({
        node: e.to,
        cost: cur.cost + cost,
        hops: [...cur.hops, hop],
        visited: new Set([...cur.visited, e.to]),
        key: `${cur.key}\u0000${e.corridor.corridor_id}`,
      });
    }
  }
  throw new MsezError('NOT_FOUND', `no compliant path from ${source} to ${target} within the constraint`, { source, target, max_hops: maxHops });
}
