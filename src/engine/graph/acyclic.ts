/** Cycle removal: reverse the back edges of a depth-first search (Sugiyama et al. 1981, step 1). */
import { buildCsr } from './csr';
import { throwIfCancelled, type CancelToken } from './types';

/**
 * Returns 1 for each edge that must be reversed to make the graph acyclic. Self-loops are never
 * reversed (the caller lays them out apart). The search starts from sources so that, in a graph
 * with a few feedback edges, the edges closing a cycle are the ones turned around.
 */
export function findBackEdges(nodeCount: number, from: Int32Array, to: Int32Array, token: CancelToken): Uint8Array {
  const edgeCount = from.length;
  const out = buildCsr(nodeCount, from, to);
  const inDegree = new Int32Array(nodeCount);
  for (let e = 0; e < edgeCount; e++) if (from[e] !== to[e]) inDegree[to[e]]++;
  const reversed = new Uint8Array(edgeCount);
  const state = new Uint8Array(nodeCount); // 0 unseen, 1 on the DFS stack, 2 finished
  const stack = new Int32Array(nodeCount);
  const cursor = new Int32Array(nodeCount);
  const visit = (root: number): void => {
    let top = 0;
    stack[0] = root;
    state[root] = 1;
    cursor[root] = out.start[root];
    while (top >= 0) {
      const v = stack[top];
      if (cursor[v] === out.start[v + 1]) {
        state[v] = 2;
        top--;
        continue;
      }
      const slot = cursor[v]++;
      const w = out.adj[slot];
      if (w === v) continue;
      if (state[w] === 1) reversed[out.edge[slot]] = 1;
      else if (state[w] === 0) {
        state[w] = 1;
        cursor[w] = out.start[w];
        stack[++top] = w;
      }
    }
  };
  for (let pass = 0; pass < 2; pass++) {
    for (let v = 0; v < nodeCount; v++) {
      if ((v & 1023) === 0) throwIfCancelled(token);
      if (state[v] === 0 && (pass === 1 || inDegree[v] === 0)) visit(v);
    }
  }
  return reversed;
}
