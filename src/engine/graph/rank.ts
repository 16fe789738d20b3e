/** Layering: longest path from the sources, then a balancing pass that shortens edges. */
import { buildCsr } from './csr';
import { throwIfCancelled, type CancelToken } from './types';

/**
 * Ranks for an acyclic graph (from[e] -> to[e], no self-loops), so that rank[to] > rank[from].
 * Longest-path layering (Sugiyama et al. 1981) puts every node right below its lowest predecessor;
 * then, in reverse topological order, a node with more (weighted) out-edges than in-edges moves down
 * next to its highest successor, which lowers the total edge length the way one network-simplex
 * move would (Gansner et al. 1993) and pulls constants and side inputs next to their consumers.
 */
export function assignRanks(
  nodeCount: number,
  from: Int32Array,
  to: Int32Array,
  weight: Float64Array,
  token: CancelToken,
): Int32Array {
  const edgeCount = from.length;
  const out = buildCsr(nodeCount, from, to);
  const inDegree = new Int32Array(nodeCount);
  const inWeight = new Float64Array(nodeCount);
  const outWeight = new Float64Array(nodeCount);
  for (let e = 0; e < edgeCount; e++) {
    inDegree[to[e]]++;
    inWeight[to[e]] += weight[e];
    outWeight[from[e]] += weight[e];
  }
  const topo = new Int32Array(nodeCount);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < nodeCount; v++) if (inDegree[v] === 0) topo[tail++] = v;
  const rank = new Int32Array(nodeCount);
  while (head < tail) {
    if ((head & 4095) === 0) throwIfCancelled(token);
    const v = topo[head++];
    for (let s = out.start[v]; s < out.start[v + 1]; s++) {
      const w = out.adj[s];
      if (rank[w] < rank[v] + 1) rank[w] = rank[v] + 1;
      if (--inDegree[w] === 0) topo[tail++] = w;
    }
  }
  if (tail !== nodeCount) throw new Error('assignRanks: the graph has a cycle');
  for (let i = nodeCount - 1; i >= 0; i--) {
    const v = topo[i];
    if (out.start[v] === out.start[v + 1] || outWeight[v] <= inWeight[v]) continue;
    let lowest = Infinity;
    for (let s = out.start[v]; s < out.start[v + 1]; s++) lowest = Math.min(lowest, rank[out.adj[s]]);
    rank[v] = lowest - 1;
  }
  let min = Infinity;
  for (let v = 0; v < nodeCount; v++) min = Math.min(min, rank[v]);
  if (nodeCount > 0 && min !== 0) for (let v = 0; v < nodeCount; v++) rank[v] -= min;
  return rank;
}
