/**
 * The one converter from a read model to nodes and tensor edges, shared by the CLI's `graph` (graphView.ts) and
 * the Graph tab (engine/graph/fromModel.ts) so the two cannot drift apart: node ids, subgraph prefixes, which
 * tensors are edges (initializers never are) and where each edge comes from are decided here only.
 */
import type { Graph, ModelGraph, Node } from './types';
import { subgraphsOf } from './walk';

export interface WalkedNode {
  /** `${prefix}n${index}`: the node's index in its graph, after its graph's prefix. */
  id: string;
  node: Node;
  index: number;
  /** The prefix of the graph the node is in ('' for the main graph). */
  prefix: string;
  /** Its If/Loop/Scan bodies, each with the prefix its nodes' ids start with. */
  bodies: { attribute: string; name: string; graph: Graph; prefix: string }[];
}

export interface WalkedEdge {
  /** The producing node's id, or 'input:<name>' for a main-graph input or a tensor nothing in the model produces. */
  source: string;
  /**
   * Where the tensor comes from as seen inside its own graph: the same as `source`, except that a tensor made in an
   * enclosing graph is 'input:<name>' here (a subgraph's implicit input).
   */
  localSource: string;
  /** A node id, or 'output:<name>' for an output of the edge's graph. */
  target: string;
  tensor: string;
  /** The prefix of the graph the edge is in. */
  prefix: string;
}

export interface ModelWalk {
  /** Every node, parents before their bodies' nodes, in file order within a graph. */
  nodes: WalkedNode[];
  edges: WalkedEdge[];
  /** The main graph's inputs that are not initializers (the model's real inputs). */
  inputs: string[];
}

export interface WalkOptions {
  /** Nodes left out (e.g. Constants drawn inside their consumers): not nodes, not producers; their outputs draw no edge. */
  skip?: (node: Node, prefix: string) => boolean;
}

export function walkModel(model: ModelGraph, options: WalkOptions = {}): ModelWalk {
  const nodes: WalkedNode[] = [];
  const edges: WalkedEdge[] = [];
  const mainInit = new Set(model.graph.initializers.map((t) => t.name));
  const inputs = model.graph.inputs.map((v) => v.name).filter((n) => !mainInit.has(n));
  const skipped = new Set<string>();

  const walk = (graph: Graph, prefix: string, outer: (t: string) => string | undefined): void => {
    const initializers = new Set(graph.initializers.map((t) => t.name));
    const producer = new Map<string, string>();
    if (prefix === '') for (const name of inputs) producer.set(name, `input:${name}`);
    const resolve = (t: string): string | undefined => producer.get(t) ?? (initializers.has(t) ? undefined : outer(t));
    const add = (tensor: string, target: string): void => {
      if (tensor === '' || initializers.has(tensor) || skipped.has(tensor)) return;
      const local = producer.get(tensor);
      const source = local ?? outer(tensor) ?? `input:${tensor}`;
      edges.push({ source, localSource: local ?? `input:${tensor}`, target, tensor, prefix });
    };
    graph.nodes.forEach((node, index) => {
      if (options.skip?.(node, prefix)) {
        for (const t of node.outputs) if (t) skipped.add(t);
        return;
      }
      const id = `${prefix}n${index}`;
      const bodies = subgraphsOf(node).map((s) => ({
        attribute: s.name.replace(/\[\d+\]$/, ''),
        name: s.name,
        graph: s.graph,
        prefix: `${id}/${s.name}/`,
      }));
      nodes.push({ id, node, index, prefix, bodies });
      for (const t of node.inputs) add(t, id);
      for (const t of node.outputs) if (t) producer.set(t, id);
      for (const b of bodies) walk(b.graph, b.prefix, resolve);
    });
    for (const out of graph.outputs) add(out.name, `output:${out.name}`);
  };
  walk(model.graph, '', () => undefined);
  return { nodes, edges, inputs };
}
