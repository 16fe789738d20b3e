/** Crossing reduction: DFS initial order, then layer-by-layer barycenter sweeps (Sugiyama et al. 1981). */
import type { LayeredGraph } from './proper';
import { throwIfCancelled, type CancelToken } from './types';
import type { Csr } from './csr';

/** Nodes of rank r, left to right, are layerNodes[layerStart[r] .. layerStart[r + 1]); pos[v] is v's index there. */
export interface LayerOrder {
  layerStart: Int32Array;
  layerNodes: Int32Array;
  pos: Int32Array;
}

/** A depth-first order along downward edges: a tree laid out this way has no crossings at all. */
export function initialOrder(g: LayeredGraph): LayerOrder {
  const n = g.nodeCount;
  const layerStart = new Int32Array(g.rankCount + 1);
  for (let v = 0; v < n; v++) layerStart[g.rank[v] + 1]++;
  for (let r = 0; r < g.rankCount; r++) layerStart[r + 1] += layerStart[r];
  const byRank = new Int32Array(n);
  const fill = layerStart.slice(0, g.rankCount);
  for (let v = 0; v < n; v++) byRank[fill[g.rank[v]]++] = v;
  fill.set(layerStart.subarray(0, g.rankCount));
  const layerNodes = new Int32Array(n);
  const pos = new Int32Array(n);
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n + g.down.adj.length);
  for (const root of byRank) {
    let top = 0;
    stack[0] = root;
    while (top >= 0) {
      const v = stack[top--];
      if (seen[v]) continue;
      seen[v] = 1;
      const r = g.rank[v];
      pos[v] = fill[r] - layerStart[r];
      layerNodes[fill[r]++] = v;
      for (let s = g.down.start[v + 1] - 1; s >= g.down.start[v]; s--)
        if (!seen[g.down.adj[s]]) stack[++top] = g.down.adj[s];
    }
  }
  return { layerStart, layerNodes, pos };
}

/** Reorders one rank by the weighted mean position of each node's neighbours on the adjacent rank. */
function sortByBarycenter(
  g: LayeredGraph,
  order: LayerOrder,
  r: number,
  neighbours: Csr,
  biasRight: boolean,
  key: Float64Array,
): void {
  const { layerStart, layerNodes, pos } = order;
  const sortable: number[] = [];
  const fixedSlot = new Uint8Array(layerStart[r + 1] - layerStart[r]);
  for (let i = layerStart[r]; i < layerStart[r + 1]; i++) {
    const v = layerNodes[i];
    let sum = 0;
    let total = 0;
    for (let s = neighbours.start[v]; s < neighbours.start[v + 1]; s++) {
      const w = g.segmentWeight[neighbours.edge[s]];
      sum += w * pos[neighbours.adj[s]];
      total += w;
    }
    if (total > 0) {
      key[v] = sum / total;
      sortable.push(v);
    } else fixedSlot[i - layerStart[r]] = 1; // no neighbour: keep its place
  }
  sortable.sort((a, b) => key[a] - key[b] || (biasRight ? pos[b] - pos[a] : pos[a] - pos[b]));
  let next = 0;
  const placed = layerNodes.slice(layerStart[r], layerStart[r + 1]);
  for (let k = 0; k < placed.length; k++) {
    if (!fixedSlot[k]) placed[k] = sortable[next++];
  }
  for (let k = 0; k < placed.length; k++) {
    layerNodes[layerStart[r] + k] = placed[k];
    pos[placed[k]] = k;
  }
}

/** Scratch buffers for counting crossings without allocating per rank pair. */
interface CrossingScratch {
  bucketStart: Int32Array;
  entryPos: Int32Array;
  entryWeight: Float64Array;
  tree: Float64Array;
}

function makeScratch(g: LayeredGraph): CrossingScratch {
  let treeSize = 1;
  while (treeSize < g.nodeCount) treeSize <<= 1;
  return {
    bucketStart: new Int32Array(g.nodeCount + 2),
    entryPos: new Int32Array(g.down.adj.length),
    entryWeight: new Float64Array(g.down.adj.length),
    tree: new Float64Array(2 * treeSize),
  };
}

/** Weighted crossings between ranks r and r + 1 with an accumulator tree (Barth, Jünger & Mutzel 2004). */
function crossingsBetween(g: LayeredGraph, order: LayerOrder, r: number, scratch: CrossingScratch): number {
  const { layerStart, layerNodes, pos } = order;
  const upperSize = layerStart[r + 1] - layerStart[r];
  const lowerSize = layerStart[r + 2] - layerStart[r + 1];
  const { bucketStart, entryPos, entryWeight, tree } = scratch;
  bucketStart.fill(0, 0, upperSize + 1);
  // Bucket the segments by their upper end; visiting the lower rank in order sorts each bucket.
  for (let i = layerStart[r + 1]; i < layerStart[r + 2]; i++) {
    const v = layerNodes[i];
    for (let s = g.up.start[v]; s < g.up.start[v + 1]; s++) bucketStart[pos[g.up.adj[s]] + 1]++;
  }
  for (let k = 0; k < upperSize; k++) bucketStart[k + 1] += bucketStart[k];
  const entryCount = bucketStart[upperSize];
  for (let i = layerStart[r + 1]; i < layerStart[r + 2]; i++) {
    const v = layerNodes[i];
    for (let s = g.up.start[v]; s < g.up.start[v + 1]; s++) {
      const slot = bucketStart[pos[g.up.adj[s]]]++;
      entryPos[slot] = i - layerStart[r + 1];
      entryWeight[slot] = g.segmentWeight[g.up.edge[s]];
    }
  }
  let firstLeaf = 1;
  while (firstLeaf < lowerSize) firstLeaf <<= 1;
  tree.fill(0, 0, 2 * firstLeaf);
  firstLeaf -= 1;
  let crossings = 0;
  for (let k = 0; k < entryCount; k++) {
    let index = entryPos[k] + firstLeaf;
    const w = entryWeight[k];
    tree[index] += w;
    let heavierRight = 0;
    while (index > 0) {
      if (index % 2) heavierRight += tree[index + 1];
      index = (index - 1) >> 1;
      tree[index] += w;
    }
    crossings += w * heavierRight;
  }
  return crossings;
}

export function countCrossings(g: LayeredGraph, order: LayerOrder, scratch = makeScratch(g)): number {
  let total = 0;
  for (let r = 0; r + 1 < g.rankCount; r++) total += crossingsBetween(g, order, r, scratch);
  return total;
}

/**
 * Alternating down and up barycenter sweeps, keeping the best order seen; stops after `maxSweeps`
 * sweeps or four sweeps without improvement (the schedule of Gansner et al. 1993).
 */
export function reduceCrossings(g: LayeredGraph, order: LayerOrder, maxSweeps: number, token: CancelToken): number {
  const scratch = makeScratch(g);
  const key = new Float64Array(g.nodeCount);
  let best = countCrossings(g, order, scratch);
  let bestNodes = order.layerNodes.slice();
  let sinceBest = 0;
  for (let sweep = 0; sweep < maxSweeps && best > 0 && sinceBest < 4; sweep++) {
    const biasRight = sweep % 4 >= 2;
    if (sweep % 2 === 0) {
      for (let r = 1; r < g.rankCount; r++) {
        if ((r & 63) === 0) throwIfCancelled(token);
        sortByBarycenter(g, order, r, g.up, biasRight, key);
      }
    } else {
      for (let r = g.rankCount - 2; r >= 0; r--) {
        if ((r & 63) === 0) throwIfCancelled(token);
        sortByBarycenter(g, order, r, g.down, biasRight, key);
      }
    }
    throwIfCancelled(token);
    const crossings = countCrossings(g, order, scratch);
    if (crossings < best) {
      best = crossings;
      bestNodes = order.layerNodes.slice();
      sinceBest = 0;
    } else sinceBest++;
  }
  order.layerNodes.set(bestNodes);
  for (let r = 0; r < g.rankCount; r++) {
    for (let i = order.layerStart[r]; i < order.layerStart[r + 1]; i++)
      order.pos[order.layerNodes[i]] = i - order.layerStart[r];
  }
  return best;
}
