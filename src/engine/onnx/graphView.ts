/** The graph as JSON for the CLI and views: nodes, tensor edges with shapes, and the name-scope tree. */
import { attributeText } from './attributes';
import { inferModelShapes, ShapeMap, type ModelShapes } from './shapes';
import { walkModel, type WalkedEdge, type WalkedNode } from './graphWalk';
import type { Attribute, Dim, Graph, ModelGraph, Node } from './types';

export interface GraphJsonAttribute {
  name: string;
  type: Attribute['type'];
  /** Numbers, strings and their lists as they are; tensors and graphs as short text. */
  value: number | string | number[] | string[];
}

export interface GraphJsonNode {
  id: string;
  name: string;
  op: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: GraphJsonAttribute[];
  subgraphs: { attribute: string; graph: GraphJson }[];
}

export interface GraphJsonEdge {
  id: string;
  /** A node id, or 'input:<name>' for a graph input (or a tensor from an enclosing graph). */
  source: string;
  /** A node id, or 'output:<name>' for a graph output. */
  target: string;
  tensor: string;
  shape: Dim[] | null;
}

export interface GraphJsonGroup {
  id: string;
  name: string;
  /** Scope names from the root, e.g. ['encoder', 'layer.3']. */
  path: string[];
  children: string[];
  /** Nodes directly in this group. */
  nodeIds: string[];
  /** Nodes in this group and below. */
  nodeCount: number;
}

export interface GraphJson {
  name: string;
  nodes: GraphJsonNode[];
  edges: GraphJsonEdge[];
  /** groups[0] is the root (id 'scope:' with the graph's prefix). */
  groups: GraphJsonGroup[];
}

export function graphJson(model: ModelGraph, shapes: ModelShapes = inferModelShapes(model)): GraphJson {
  const walked = walkModel(model);
  const byPrefix = new Map<string, { nodes: WalkedNode[]; edges: WalkedEdge[] }>();
  const of = (prefix: string) => {
    let entry = byPrefix.get(prefix);
    if (!entry) byPrefix.set(prefix, (entry = { nodes: [], edges: [] }));
    return entry;
  };
  for (const n of walked.nodes) of(n.prefix).nodes.push(n);
  for (const e of walked.edges) of(e.prefix).edges.push(e);
  return graphToJson(model.graph, '', shapes, of);
}

type ByPrefix = (prefix: string) => { nodes: WalkedNode[]; edges: WalkedEdge[] };

function graphToJson(graph: Graph, prefix: string, shapes: ModelShapes, of: ByPrefix): GraphJson {
  const map = shapes.byGraph.get(graph) ?? new ShapeMap();
  const walked = of(prefix);
  const nodes = walked.nodes.map((w): GraphJsonNode => ({
    id: w.id,
    name: w.node.name,
    op: w.node.op,
    domain: w.node.domain,
    inputs: w.node.inputs,
    outputs: w.node.outputs,
    attributes: w.node.attributes.map(attributeJson),
    subgraphs: w.bodies.map((b) => ({ attribute: b.name, graph: graphToJson(b.graph, b.prefix, shapes, of) })),
  }));
  const edges = walked.edges.map((e, k): GraphJsonEdge => ({
    id: `${prefix}e${k}`,
    source: e.localSource,
    target: e.target,
    tensor: e.tensor,
    shape: map.get(e.tensor)?.shape ?? null,
  }));
  return {
    name: graph.name,
    nodes,
    edges,
    groups: scopeGroups(
      graph.nodes,
      nodes.map((n) => n.id),
      prefix,
    ),
  };
}

function attributeJson(a: Attribute): GraphJsonAttribute {
  const simple =
    a.type === 'float' ||
    a.type === 'int' ||
    a.type === 'string' ||
    a.type === 'floats' ||
    a.type === 'ints' ||
    a.type === 'strings';
  return { name: a.name, type: a.type, value: simple ? (a.value as GraphJsonAttribute['value']) : attributeText(a) };
}

/** Scope names of a node from its name: '/a/b/Op' and 'a/b/Op' by slashes, 'a.b.c.Op' by dots, 'a_b_Op' by underscores. */
export function nodeScope(name: string): string[] {
  const trimmed = name.replace(/^\/+/, '');
  for (const sep of ['/', '.', '_']) {
    const parts = trimmed.split(sep).filter((p) => p !== '');
    if (parts.length >= (sep === '/' ? 2 : 3)) return parts.slice(0, -1);
  }
  return [];
}

/** Builds the scope tree; a group that would hold a single node is dissolved into its parent. */
export function scopeGroups(nodes: readonly Node[], ids: readonly string[], prefix = ''): GraphJsonGroup[] {
  const scopes = nodes.map((n) => nodeScope(n.name));
  const count = new Map<string, number>();
  for (const s of scopes)
    for (let k = 1; k <= s.length; k++)
      count.set(s.slice(0, k).join('/'), (count.get(s.slice(0, k).join('/')) ?? 0) + 1);
  const root: GraphJsonGroup = { id: `${prefix}scope:`, name: '', path: [], children: [], nodeIds: [], nodeCount: 0 };
  const groups = new Map<string, GraphJsonGroup>([['', root]]);
  scopes.forEach((scope, i) => {
    let group = root;
    root.nodeCount++;
    for (let k = 1; k <= scope.length; k++) {
      const key = scope.slice(0, k).join('/');
      if ((count.get(key) ?? 0) < 2) break;
      let child = groups.get(key);
      if (!child) {
        child = {
          id: `${prefix}scope:${key}`,
          name: scope[k - 1],
          path: scope.slice(0, k),
          children: [],
          nodeIds: [],
          nodeCount: 0,
        };
        groups.set(key, child);
        group.children.push(child.id);
      }
      child.nodeCount++;
      group = child;
    }
    group.nodeIds.push(ids[i]);
  });
  return [...groups.values()];
}
