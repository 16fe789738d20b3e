/**
 * Layered top-to-bottom layout of a directed graph (Sugiyama, Tagawa & Toda 1981): cycle removal,
 * layering (Gansner et al. 1993 style balancing), dummy nodes for long edges, barycenter crossing
 * reduction, then x by the priority layout method and a chain-straightening pass.
 */
import { findBackEdges } from './acyclic';
import { initialOrder, reduceCrossings, type LayerOrder } from './order';
import { assignX } from './priority';
import { buildLayeredGraph, type LayeredGraph } from './proper';
import { assignRanks } from './rank';
import {
  NEVER_CANCELLED,
  throwIfCancelled,
  type CancelToken,
  type GraphLayout,
  type LaidOutEdge,
  type LayoutInput,
  type LayoutOptions,
  type Point,
} from './types';

export * from './types';

const STEPS = 6;

/** The input with integer ids: edge e goes from source[e] to target[e]. */
interface IndexedInput {
  width: Float64Array;
  height: Float64Array;
  source: Int32Array;
  target: Int32Array;
}

function indexInput(input: LayoutInput): IndexedInput {
  const index = new Map<string, number>();
  const n = input.nodes.length;
  const width = new Float64Array(n);
  const height = new Float64Array(n);
  input.nodes.forEach((node, i) => {
    if (index.has(node.id)) throw new Error(`layoutGraph: duplicate node id "${node.id}"`);
    index.set(node.id, i);
    width[i] = Math.max(0, node.width);
    height[i] = Math.max(0, node.height);
  });
  const m = input.edges.length;
  const source = new Int32Array(m);
  const target = new Int32Array(m);
  input.edges.forEach((edge, e) => {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined) {
      throw new Error(`layoutGraph: edge ${edge.source} -> ${edge.target} names an unknown node`);
    }
    source[e] = s;
    target[e] = t;
  });
  return { width, height, source, target };
}

/** Parallel edges (after reversal) share one layout edge whose weight is their number. */
interface LayoutEdges {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  /** Layout edge of each input edge, -1 for a self-loop. */
  of: Int32Array;
}

function mergeEdges(n: number, input: IndexedInput, reversed: Uint8Array): LayoutEdges {
  const m = input.source.length;
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const of = new Int32Array(m);
  const seen = new Map<number, number>();
  for (let e = 0; e < m; e++) {
    const s = input.source[e];
    const t = input.target[e];
    if (s === t) {
      of[e] = -1;
      continue;
    }
    const [a, b] = reversed[e] ? [t, s] : [s, t];
    const key = a * n + b;
    let k = seen.get(key);
    if (k === undefined) {
      k = from.length;
      seen.set(key, k);
      from.push(a);
      to.push(b);
      weight.push(0);
    }
    weight[k]++;
    of[e] = k;
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), weight: Float64Array.from(weight), of };
}

/** Top of each rank and its height (the tallest node on it), ranks rankSeparation apart. */
function rankTops(g: LayeredGraph, order: LayerOrder, rankSeparation: number): [Float64Array, Float64Array] {
  const top = new Float64Array(g.rankCount + 1);
  const tallest = new Float64Array(g.rankCount);
  for (let r = 0; r < g.rankCount; r++) {
    for (let i = order.layerStart[r]; i < order.layerStart[r + 1]; i++) {
      tallest[r] = Math.max(tallest[r], g.height[order.layerNodes[i]]);
    }
    top[r + 1] = top[r] + tallest[r] + (r + 1 < g.rankCount ? rankSeparation : 0);
  }
  return [top, tallest];
}

/** Lays out `input` top to bottom. Throws CancelledError when `token` flips; reports (done, total) steps. */
export function layoutGraph(
  input: LayoutInput,
  options: LayoutOptions = {},
  token: CancelToken = NEVER_CANCELLED,
  onProgress?: (done: number, total: number) => void,
): GraphLayout {
  const nodeSeparation = options.nodeSeparation ?? 24;
  const rankSeparation = options.rankSeparation ?? 40;
  const edgeSeparation = options.edgeSeparation ?? 12;
  const maxSweeps = options.maxOrderingSweeps ?? 24;
  const progress = (done: number): void => {
    throwIfCancelled(token);
    onProgress?.(done, STEPS);
  };
  throwIfCancelled(token);
  const n = input.nodes.length;
  const indexed = indexInput(input);
  const reversed = findBackEdges(n, indexed.source, indexed.target, token);
  const edges = mergeEdges(n, indexed, reversed);
  progress(1);
  const rank = assignRanks(n, edges.from, edges.to, edges.weight, token);
  progress(2);
  const g = buildLayeredGraph(n, rank, indexed.width, indexed.height, edges.from, edges.to, edges.weight);
  progress(3);
  const order = initialOrder(g);
  const crossings = reduceCrossings(g, order, maxSweeps, token);
  progress(4);
  const xs = assignX(g, order, { nodeSeparation, edgeSeparation }, token);
  progress(5);
  const [top, tallest] = rankTops(g, order, rankSeparation);
  const centreY = (v: number): number => top[g.rank[v]] + tallest[g.rank[v]] / 2;
  let minX = Infinity;
  let maxX = -Infinity;
  for (let v = 0; v < g.nodeCount; v++) {
    minX = Math.min(minX, xs[v] - g.width[v] / 2);
    maxX = Math.max(maxX, xs[v] + g.width[v] / 2);
  }
  if (g.nodeCount === 0) minX = maxX = 0;
  const x = (v: number): number => xs[v] - minX;
  const nodes = input.nodes.map((node, v) => ({
    id: node.id,
    x: x(v),
    y: centreY(v),
    width: g.width[v],
    height: g.height[v],
    rank: g.rank[v],
  }));
  const routes = new Array<Point[]>(edges.from.length);
  const route = (k: number): Point[] => {
    const a = edges.from[k];
    const b = edges.to[k];
    const points: Point[] = [{ x: x(a), y: centreY(a) + g.height[a] / 2 }];
    for (let d = g.chainStart[k]; d < g.chainStart[k] + g.chainLength[k]; d++) points.push({ x: x(d), y: centreY(d) });
    points.push({ x: x(b), y: centreY(b) - g.height[b] / 2 });
    return points;
  };
  let width = maxX - minX;
  const laidOutEdges: LaidOutEdge[] = input.edges.map((edge, e) => {
    const k = edges.of[e];
    const id = edge.id ?? String(e);
    if (k < 0) {
      const loop = selfLoop(nodes[indexed.source[e]]);
      width = Math.max(width, loop[1].x);
      return { id, source: edge.source, target: edge.target, points: loop, reversed: false };
    }
    routes[k] ??= route(k);
    const points = reversed[e] ? routes[k].slice().reverse() : routes[k].slice();
    return { id, source: edge.source, target: edge.target, points, reversed: reversed[e] === 1 };
  });
  progress(6);
  return { nodes, edges: laidOutEdges, width, height: top[g.rankCount], rankCount: g.rankCount, crossings };
}

/** A small loop on the right side of a node, for an edge from the node to itself. */
function selfLoop(node: { x: number; y: number; width: number; height: number }): Point[] {
  const right = node.x + node.width / 2;
  const reach = Math.max(12, node.height / 2);
  return [
    { x: right, y: node.y - node.height / 4 },
    { x: right + reach, y: node.y - node.height / 4 },
    { x: right + reach, y: node.y + node.height / 4 },
    { x: right, y: node.y + node.height / 4 },
  ];
}
