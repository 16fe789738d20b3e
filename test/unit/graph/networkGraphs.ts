/** Deterministic graphs shaped like neural networks, shared by the graph tests and bench/graph-layout.ts. */
import type { LayoutInput, LayoutNodeInput, LayoutEdgeInput } from '../../../src/engine/graph/layout';

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/**
 * A main chain with residual skip edges every few nodes, branch-and-merge blocks (2-4 parallel
 * chains, like q/k/v or inception), and occasional side inputs feeding one node, exactly `nodeCount` nodes.
 */
export function networkGraph(nodeCount: number, seed: number): LayoutInput {
  const random = seededRandom(seed);
  const nodes: LayoutNodeInput[] = [];
  const edges: LayoutEdgeInput[] = [];
  const add = (): string => {
    const id = `n${nodes.length}`;
    nodes.push({ id, width: randomInt(random, 60, 160), height: randomInt(random, 28, 40) });
    return id;
  };
  const link = (source: string, target: string): void => void edges.push({ source, target });
  let cursor = add();
  let residualFrom = cursor;
  let sinceResidual = 0;
  while (nodes.length < nodeCount) {
    const left = nodeCount - nodes.length;
    const choice = random();
    if (choice < 0.12 && left >= 12) {
      const width = randomInt(random, 2, 4);
      const ends: string[] = [];
      for (let b = 0; b < width; b++) {
        let tail = cursor;
        for (let k = randomInt(random, 1, 3); k > 0; k--) {
          const next = add();
          link(tail, next);
          tail = next;
        }
        ends.push(tail);
      }
      const merge = add();
      for (const end of ends) link(end, merge);
      cursor = merge;
    } else if (choice < 0.18 && left >= 2) {
      const side = add(); // a constant or shape computation feeding the chain
      const next = add();
      link(cursor, next);
      link(side, next);
      cursor = next;
    } else {
      const next = add();
      link(cursor, next);
      cursor = next;
    }
    if (++sinceResidual >= 4 && nodes.length < nodeCount) {
      const sum = add(); // the residual Add
      link(cursor, sum);
      link(residualFrom, sum);
      cursor = residualFrom = sum;
      sinceResidual = 0;
    }
  }
  return { nodes, edges };
}

export interface ScopedGraph {
  nodes: { id: string; scope: string[]; width: number; height: number }[];
  edges: { source: string; target: string }[];
}

/**
 * A transformer encoder exported with name scopes (/encoder/layer.N/attention/self/query/...), padded
 * with a pooler chain to exactly `nodeCount` nodes; a mask input at the top level feeds every layer.
 */
export function transformerGraph(nodeCount: number, seed: number): ScopedGraph {
  const random = seededRandom(seed);
  const graph: ScopedGraph = { nodes: [], edges: [] };
  const add = (scope: string[], op: string): string => {
    const id = `/${[...scope, `${op}_${graph.nodes.length}`].join('/')}`;
    graph.nodes.push({ id, scope, width: randomInt(random, 70, 130), height: 32 });
    return id;
  };
  const link = (source: string, target: string): void => void graph.edges.push({ source, target });
  const chain = (from: string[], scope: string[], length: number, op: string): string => {
    let tail = add(scope, op);
    for (const f of from) link(f, tail);
    for (let k = 1; k < length; k++) {
      const next = add(scope, op);
      link(tail, next);
      tail = next;
    }
    return tail;
  };
  const input = add([], 'input_ids');
  const mask = add([], 'attention_mask');
  let x = chain([input], ['embeddings'], 20, 'Gather');
  const perLayer = 354;
  const layers = Math.floor((nodeCount - graph.nodes.length - 2) / perLayer);
  for (let i = 0; i < layers; i++) {
    const at = ['encoder', `layer.${i}`];
    const self = [...at, 'attention', 'self'];
    const q = chain([x], [...self, 'query'], 30, 'MatMul');
    const k = chain([x], [...self, 'key'], 30, 'MatMul');
    const v = chain([x], [...self, 'value'], 30, 'MatMul');
    const scores = chain([q, k, mask], self, 41, 'Softmax');
    const context = chain([scores, v], self, 21, 'MatMul');
    const projected = chain([context], [...at, 'attention', 'output'], 40, 'Dense');
    const added = chain([projected, x], [...at, 'attention', 'output'], 1, 'Add');
    const normed = chain([added], [...at, 'attention', 'output', 'LayerNorm'], 10, 'LayerNorm');
    const fc1 = chain([normed], [...at, 'mlp', 'fc1'], 60, 'MatMul');
    const act = chain([fc1], [...at, 'mlp', 'act'], 20, 'Gelu');
    const fc2 = chain([act], [...at, 'mlp', 'fc2'], 60, 'MatMul');
    const sum = chain([fc2, normed], [...at, 'mlp'], 1, 'Add');
    x = chain([sum], [...at, 'output', 'LayerNorm'], 10, 'LayerNorm');
  }
  const padding = nodeCount - graph.nodes.length - 1;
  if (padding > 0) x = chain([x], ['pooler'], padding, 'Dense');
  link(x, add([], 'output'));
  return graph;
}
