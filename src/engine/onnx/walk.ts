/** Visiting every graph of a model (main graph and subgraphs at any depth) without deep recursion. */
import type { Graph, Node } from './types';

export interface GraphVisit {
  graph: Graph;
  /** 0 for the main graph, 1 for a subgraph of one of its nodes, ... */
  depth: number;
  /** The node owning this subgraph (undefined for the main graph). */
  owner?: Node;
  /** Attribute name holding it ('then_branch', 'body', ...). */
  attribute?: string;
}

/** Subgraphs held by a node's GRAPH/GRAPHS attributes, with their attribute names. */
export function subgraphsOf(node: Node): { name: string; graph: Graph }[] {
  const out: { name: string; graph: Graph }[] = [];
  for (const a of node.attributes) {
    if (a.type === 'graph') out.push({ name: a.name, graph: a.value });
    else if (a.type === 'graphs') a.value.forEach((g, i) => out.push({ name: `${a.name}[${i}]`, graph: g }));
  }
  return out;
}

/** Every graph, parents before children (explicit stack). */
export function allGraphs(main: Graph): GraphVisit[] {
  const out: GraphVisit[] = [];
  const stack: GraphVisit[] = [{ graph: main, depth: 0 }];
  while (stack.length) {
    const visit = stack.pop()!;
    out.push(visit);
    for (const node of visit.graph.nodes)
      for (const s of subgraphsOf(node))
        stack.push({ graph: s.graph, depth: visit.depth + 1, owner: node, attribute: s.name });
  }
  return out;
}
