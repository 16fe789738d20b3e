/** A last pass that lines up each run of a chain (one real successor, one real predecessor) on one x where there is room. */
import type { LayerOrder } from './order';
import type { LayeredGraph } from './proper';
import { separation, type Spacing } from './spacing';

/** The interval in which v can move without coming closer than the separation to its rank neighbours. */
function room(g: LayeredGraph, order: LayerOrder, x: Float64Array, spacing: Spacing, v: number): [number, number] {
  const r = g.rank[v];
  const i = order.layerStart[r] + order.pos[v];
  const left = i > order.layerStart[r] ? order.layerNodes[i - 1] : -1;
  const right = i + 1 < order.layerStart[r + 1] ? order.layerNodes[i + 1] : -1;
  return [
    left < 0 ? -Infinity : x[left] + separation(g, spacing, left, v),
    right < 0 ? Infinity : x[right] - separation(g, spacing, v, right),
  ];
}

/** Moves a run of chain nodes to the common x nearest their median that every one of them has room for. */
function alignRun(g: LayeredGraph, order: LayerOrder, x: Float64Array, spacing: Spacing, run: number[]): void {
  if (run.length < 2) return;
  let lo = -Infinity;
  let hi = Infinity;
  for (const v of run) {
    const [a, b] = room(g, order, x, spacing, v);
    lo = Math.max(lo, a);
    hi = Math.min(hi, b);
  }
  const sorted = Float64Array.from(run, (v) => x[v]).sort();
  const median = sorted[sorted.length >> 1];
  const common = Math.min(hi, Math.max(lo, median));
  for (const v of run) x[v] = common;
}

/**
 * Walks every chain of real nodes linked by single edges between real nodes and
 * straightens it greedily: a run grows while its members still share room for a common x.
 */
export function straightenChains(g: LayeredGraph, order: LayerOrder, x: Float64Array, spacing: Spacing): void {
  const realNeighbour = (adjacency: typeof g.down, u: number): number => {
    let found = -1;
    for (let s = adjacency.start[u]; s < adjacency.start[u + 1]; s++) {
      const w = adjacency.adj[s];
      // Leaves (constants, side inputs) hang off a chain without breaking it.
      if (w < g.realCount && adjacency.start[w + 1] === adjacency.start[w]) continue;
      if (found >= 0 || w >= g.realCount) return -1;
      found = w;
    }
    return found;
  };
  const single = (u: number): number => {
    const v = realNeighbour(g.down, u);
    return v >= 0 && realNeighbour(g.up, v) === u ? v : -1;
  };
  for (let head = 0; head < g.realCount; head++) {
    // A chain starts at a node that is not the single successor of a single predecessor.
    const above = realNeighbour(g.up, head);
    if (above >= 0 && single(above) === head) continue;
    if (single(head) < 0) continue;
    let run: number[] = [head];
    let [lo, hi] = room(g, order, x, spacing, head);
    for (let v = single(head); v >= 0; v = single(v)) {
      const [a, b] = room(g, order, x, spacing, v);
      if (Math.max(lo, a) > Math.min(hi, b)) {
        alignRun(g, order, x, spacing, run);
        run = [];
        [lo, hi] = [a, b];
      }
      run.push(v);
      lo = Math.max(lo, a);
      hi = Math.min(hi, b);
    }
    alignRun(g, order, x, spacing, run);
  }
}
