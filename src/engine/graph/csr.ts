/** Compressed sparse rows: the out-edges of node v are adj[start[v] .. start[v + 1]). */
export interface Csr {
  start: Int32Array;
  adj: Int32Array;
  /** Index of the originating edge for each adjacency entry. */
  edge: Int32Array;
}

/** Groups edges (from[e] -> to[e]) by their source node, keeping edge order within a node. */
export function buildCsr(nodeCount: number, from: Int32Array, to: Int32Array, edgeCount = from.length): Csr {
  const start = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) start[from[e] + 1]++;
  for (let v = 0; v < nodeCount; v++) start[v + 1] += start[v];
  const fill = start.slice(0, nodeCount);
  const adj = new Int32Array(edgeCount);
  const edge = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const slot = fill[from[e]]++;
    adj[slot] = to[e];
    edge[slot] = e;
  }
  return { start, adj, edge };
}
