import { MsezError, compareCodePoints, isJsonObject, type JsonValue } from '../core/index.js';

/** A directed corridor edge (corridors.md §13). Only ACTIVE corridors carry traffic. */
export interface CorridorEdge {
  readonly corridor_id: string;
  readonly from: string;
  readonly to: string;
  readonly fee_bps: number;
  readonly settlement_seconds: number;
  readonly state: string;
}

export interface Route {
  readonly source: string;
  readonly target: string;
  readonly corridor_ids: string[];
  readonly hops: string[];
  readonly total_fee_bps: number;
  readonly total_settlement_seconds: number;
}

/** Reads `{corridors:[{corridor_id, from, to, fee_bps, settlement_seconds?, state?}]}` or a bare list. */
export function parseCorridorGraph(value: JsonValue): CorridorEdge[] {
  const list = Array.isArray(value) ? value : isJsonObject(value) && Array.isArray(value.corridors) ? value.corridors : undefined;
  if (list === undefined) throw new MsezError('SCHEMA_INVALID', 'expected {corridors: [...]} or a list of corridor edges', { fields: [{ path: '', message: 'not a list' }] });
  return list.map((e, i) => {
    const nonneg = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
    if (!isJsonObject(e) || typeof e.corridor_id !== 'string' || typeof e.from !== 'string' || typeof e.to !== 'string' || !nonneg(e.fee_bps) || (e.settlement_seconds !== undefined && !nonneg(e.settlement_seconds)) || (e.state !== undefined && typeof e.state !== 'string')) {
      throw new MsezError('SCHEMA_INVALID', `corridors[${i}]: need {corridor_id, from, to, fee_bps ≥ 0 integer, settlement_seconds?, state?}`, { fields: [{ path: `/corridors/${i}`, message: 'invalid' }] });
    }
    return { corridor_id: e.corridor_id, from: e.from, to: e.to, fee_bps: e.fee_bps, settlement_seconds: (e.settlement_seconds as number | undefined) ?? 0, state: (e.state as string | undefined) ?? 'ACTIVE' };
  });
}

interface Label {
  fee: number;
  ids: string[];
  nodes: string[];
  secs: number;
}

/** Orders labels by fee, then hops, then the corridor-id sequence (msez tie rule). */
function better(a: Label, b: Label): boolean {
  if (a.fee !== b.fee) return a.fee < b.fee;
  if (a.ids.length !== b.ids.length) return a.ids.length < b.ids.length;
  for (let i = 0; i < a.ids.length; i++) {
    const c = compareCodePoints(a.ids[i] as string, b.ids[i] as string);
    if (c !== 0) return c < 0;
  }
  return false;
}

/**
 * Dijkstra over ACTIVE corridors weighted by `fee_bps` only; settlement time is summed, not weighted.
 * Returns undefined when no route exists or source = target.
 */
export function findRoute(edges: readonly CorridorEdge[], source: string, target: string): Route | undefined {
  if (source === target) return undefined;
  const active = edges.filter((e) => e.state === 'ACTIVE');
  const best = new Map<string, Label>([[source, { fee: 0, ids: [], nodes: [source], secs: 0 }]]);
  const done = new Set<string>();
  for (;;) {
    let node: string | undefined;
    let label: Label | undefined;
    for (const [n, l] of best) if (!done.has(n) && (label === undefined || better(l, label))) [node, label] = [n, l];
    if (node === undefined || label === undefined) return undefined;
    if (node === target) {
      return { source, target, corridor_ids: label.ids, hops: label.nodes, total_fee_bps: label.fee, total_settlement_seconds: label.secs };
    }
    done.add(node);
    for (const e of active) {
      if (e.from !== node || done.has(e.to) || label.nodes.includes(e.to)) continue;
      const cand: Label = { fee: label.fee + e.fee_bps, ids: [...label.ids, e.corridor_id], nodes: [...label.nodes, e.to], secs: label.secs + e.settlement_seconds };
      const cur = best.get(e.to);
      if (cur === undefined || better(cand, cur)) best.set(e.to, cand);
    }
  }
}
