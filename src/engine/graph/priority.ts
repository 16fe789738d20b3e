/**
 * Horizontal coordinates by the priority layout method (Sugiyama, Tagawa & Toda 1981, section 4):
 * rank by rank, each node moves towards the median of its neighbours on the rank just placed; a node
 * may push nodes of lower priority aside but never one of higher priority. Inner segments of long
 * edges come first (long edges stay straight), then real nodes by degree, so chains stay straight and
 * a skip edge leaves and joins the chain at an angle instead of bending it.
 */
import type { Csr } from './csr';
import type { LayerOrder } from './order';
import type { LayeredGraph } from './proper';
import { separation, type Spacing } from './spacing';
import { straightenChains } from './straighten';
import { throwIfCancelled, type CancelToken } from './types';

const INNER = 1e9;
const REAL = 1e6;

/** Scratch arrays sized once for the widest rank. */
interface Scratch {
  target: Float64Array;
  priority: Float64Array;
  fixed: Uint8Array;
  byPriority: number[];
  values: Float64Array;
}

/**
 * Median x of v's neighbours on the rank just placed. A real node sees a long edge at the real node
 * at its far end, so a residual Add sits under the two ends it joins and a merge of branches of
 * unequal length centres on the branches, not on the longest one; leaves (a constant or side input
 * with nothing beyond it) do not pull when there are other neighbours. NaN without neighbours.
 */
function medianTarget(
  g: LayeredGraph,
  x: Float64Array,
  neighbours: Csr,
  downward: boolean,
  v: number,
  values: Float64Array,
): number {
  const a = neighbours.start[v];
  const b = neighbours.start[v + 1];
  const leaf = (u: number): boolean => u < g.realCount && neighbours.start[u + 1] === neighbours.start[u];
  let inner = 0;
  for (let s = a; s < b; s++) if (!leaf(neighbours.adj[s])) inner++;
  let count = 0;
  for (let s = a; s < b; s++) {
    let u = neighbours.adj[s];
    if (inner > 0 && leaf(u)) continue;
    if (v < g.realCount && u >= g.realCount) u = (downward ? g.chainTop : g.chainBottom)[u - g.realCount];
    values[count++] = x[u];
  }
  if (count === 0) return NaN;
  const sorted = values.subarray(0, count).sort();
  return count % 2 ? sorted[count >> 1] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
}

/**
 * Neighbouring nodes of equal priority that aim at the same x (the children of one split) aim at a
 * packing centred there instead, so that a split does not lean to the side placed second.
 */
function spreadSiblings(
  g: LayeredGraph,
  order: LayerOrder,
  r: number,
  spacing: Spacing,
  scratch: Scratch,
  size: number,
): void {
  const { target, priority } = scratch;
  const first = order.layerStart[r];
  for (let i = 0; i < size;) {
    let j = i + 1;
    while (j < size && target[j] === target[i] && priority[j] === priority[i]) j++;
    if (j - i > 1 && !Number.isNaN(target[i])) {
      let offset = 0;
      const centre = target[i];
      for (let k = i + 1; k < j; k++) {
        offset += separation(g, spacing, order.layerNodes[first + k - 1], order.layerNodes[first + k]);
        target[k] = centre + offset;
      }
      for (let k = i; k < j; k++) target[k] -= offset / 2;
    }
    i = j;
  }
}

/** Places the nodes of rank r, in priority order, as close to their targets as the fixed nodes allow. */
function placeRank(
  g: LayeredGraph,
  order: LayerOrder,
  r: number,
  x: Float64Array,
  neighbours: Csr,
  spacing: Spacing,
  scratch: Scratch,
): void {
  const first = order.layerStart[r];
  const size = order.layerStart[r + 1] - first;
  const nodes = order.layerNodes;
  const { target, priority, fixed, byPriority, values } = scratch;
  byPriority.length = 0;
  for (let i = 0; i < size; i++) {
    const v = nodes[first + i];
    target[i] = medianTarget(g, x, neighbours, neighbours === g.up, v, values);
    const degree = neighbours.start[v + 1] - neighbours.start[v];
    const inner = v >= g.realCount && degree > 0 && neighbours.adj[neighbours.start[v]] >= g.realCount;
    priority[i] = inner ? INNER : v < g.realCount ? REAL + degree : degree;
    fixed[i] = 0;
    byPriority.push(i);
  }
  spreadSiblings(g, order, r, spacing, scratch, size);
  byPriority.sort((a, b) => priority[b] - priority[a] || a - b);
  const sep = (i: number): number => separation(g, spacing, nodes[first + i - 1], nodes[first + i]);
  for (const i of byPriority) {
    const v = nodes[first + i];
    const want = target[i];
    if (!Number.isNaN(want) && want > x[v]) {
      let limit = Infinity;
      let gap = 0;
      for (let j = i + 1; j < size; j++) {
        gap += sep(j);
        if (fixed[j]) {
          limit = x[nodes[first + j]] - gap;
          break;
        }
      }
      x[v] = Math.max(x[v], Math.min(want, limit));
      for (let j = i + 1; j < size && x[nodes[first + j]] < x[nodes[first + j - 1]] + sep(j); j++) {
        x[nodes[first + j]] = x[nodes[first + j - 1]] + sep(j);
      }
    } else if (!Number.isNaN(want) && want < x[v]) {
      let limit = -Infinity;
      let gap = 0;
      for (let j = i - 1; j >= 0; j--) {
        gap += sep(j + 1);
        if (fixed[j]) {
          limit = x[nodes[first + j]] + gap;
          break;
        }
      }
      x[v] = Math.min(x[v], Math.max(want, limit));
      for (let j = i - 1; j >= 0 && x[nodes[first + j]] > x[nodes[first + j + 1]] - sep(j + 1); j--) {
        x[nodes[first + j]] = x[nodes[first + j + 1]] - sep(j + 1);
      }
    }
    fixed[i] = 1;
  }
}

/** Centre x of every node (real and dummy); neighbours on a rank keep at least their separation. */
export function assignX(
  g: LayeredGraph,
  order: LayerOrder,
  spacing: Spacing,
  token: CancelToken,
  sweeps = 4,
): Float64Array {
  const x = new Float64Array(g.nodeCount);
  let widest = 0;
  for (let r = 0; r < g.rankCount; r++) {
    const first = order.layerStart[r];
    const size = order.layerStart[r + 1] - first;
    widest = Math.max(widest, size);
    // Start packed left to right, centred on 0.
    for (let i = 1; i < size; i++) {
      x[order.layerNodes[first + i]] =
        x[order.layerNodes[first + i - 1]] +
        separation(g, spacing, order.layerNodes[first + i - 1], order.layerNodes[first + i]);
    }
    const middle = size > 0 ? (x[order.layerNodes[first]] + x[order.layerNodes[first + size - 1]]) / 2 : 0;
    for (let i = 0; i < size; i++) x[order.layerNodes[first + i]] -= middle;
  }
  const scratch: Scratch = {
    target: new Float64Array(widest),
    priority: new Float64Array(widest),
    fixed: new Uint8Array(widest),
    byPriority: [],
    values: new Float64Array(g.nodeCount),
  };
  for (let sweep = 0; sweep < sweeps; sweep++) {
    throwIfCancelled(token);
    if (sweep % 2 === 0) {
      for (let r = 1; r < g.rankCount; r++) placeRank(g, order, r, x, g.up, spacing, scratch);
    } else {
      for (let r = g.rankCount - 2; r >= 0; r--) placeRank(g, order, r, x, g.down, spacing, scratch);
    }
  }
  straightenChains(g, order, x, spacing);
  return x;
}
