/**
 * Static shape propagation: graph inputs, initializers and value_info seed a map from tensor name to
 * {dtype, shape}; nodes are visited in topological order and per-op rules (shapeOps.ts) fill in the
 * rest. Symbolic dims stay symbolic, unknown stays null. Small integer tensors also carry their
 * values (Shape -> Gather -> Concat -> Reshape chains resolve that way).
 */
import { opRule, type OpContext } from './shapeOps';
import { ShapeMap, UNKNOWN, type TensorShape } from './shapeMap';
import type { Graph, ModelGraph, Node, TypeInfo } from './types';

export { ShapeMap, UNKNOWN, type TensorShape };

export interface ModelShapes {
  /** Shapes per graph (the main graph and every subgraph). */
  byGraph: Map<Graph, ShapeMap>;
  main: ShapeMap;
}

export function inferModelShapes(model: ModelGraph): ModelShapes {
  const byGraph = new Map<Graph, ShapeMap>();
  const main = inferGraphShapes(model.graph, model.info.opsets[''] ?? 0, undefined, byGraph);
  return { byGraph, main };
}

export function typeToShape(type: TypeInfo | null): TensorShape {
  if (type && (type.kind === 'tensor' || type.kind === 'sparse_tensor'))
    return { dtype: type.elemType, shape: type.shape ? [...type.shape] : null };
  return UNKNOWN;
}

export function inferGraphShapes(
  graph: Graph,
  opset: number,
  outer: ShapeMap | undefined,
  byGraph: Map<Graph, ShapeMap>,
): ShapeMap {
  const map = new ShapeMap(outer);
  byGraph.set(graph, map);
  for (const v of graph.inputs) map.own.set(v.name, typeToShape(v.type));
  for (const t of graph.initializers) {
    const entry: TensorShape = { dtype: t.dtype, shape: [...t.dims] };
    if (t.smallValues && t.dims.length <= 1) entry.values = [...t.smallValues];
    map.own.set(t.name, entry);
  }
  for (const t of graph.sparseInitializers) map.own.set(t.name, { dtype: t.values.dtype, shape: [...t.dims] });
  const declared = new Map(graph.valueInfo.map((v) => [v.name, typeToShape(v.type)]));
  for (const v of graph.outputs) if (!declared.has(v.name)) declared.set(v.name, typeToShape(v.type));
  for (const node of topologicalOrder(graph)) {
    const inputs = node.inputs.map((name) =>
      name === '' ? UNKNOWN : (map.get(name) ?? declared.get(name) ?? UNKNOWN),
    );
    const ctx: OpContext = { node, inputs, opset, subgraph: (g) => inferGraphShapes(g, opset, map, byGraph) };
    let outs: (TensorShape | undefined)[] = [];
    try {
      outs = opRule(node.op, node.domain)?.(ctx) ?? [];
    } catch {
      outs = []; // a rule meeting inconsistent attributes leaves its outputs unknown
    }
    if (!opRule(node.op, node.domain)) visitSubgraphs(node, ctx);
    node.outputs.forEach((name, i) => {
      if (name !== '') map.own.set(name, merge(outs[i], declared.get(name)));
    });
  }
  return map;
}

/** Subgraphs of ops without a rule still get their own shapes. */
function visitSubgraphs(node: Node, ctx: OpContext): void {
  for (const a of node.attributes) {
    if (a.type === 'graph') ctx.subgraph(a.value);
    else if (a.type === 'graphs') a.value.forEach((g) => ctx.subgraph(g));
  }
}

/** Inferred dims win; value_info fills what inference left unknown. */
function merge(inferred: TensorShape | undefined, declared: TensorShape | undefined): TensorShape {
  if (!inferred) return declared ?? UNKNOWN;
  if (!declared) return inferred;
  const dtype = inferred.dtype ?? declared.dtype;
  let shape = inferred.shape ?? declared.shape;
  if (inferred.shape && declared.shape && inferred.shape.length === declared.shape.length)
    shape = inferred.shape.map((d, i) => (d === null ? declared.shape![i] : d));
  return inferred.values ? { dtype, shape, values: inferred.values } : { dtype, shape };
}

/** Kahn order; nodes left on cycles keep their file order at the end. */
export function topologicalOrder(graph: Graph): Node[] {
  const producer = new Map<string, number>();
  graph.nodes.forEach((n, i) => n.outputs.forEach((o) => o && producer.set(o, i)));
  const indegree = new Int32Array(graph.nodes.length);
  const consumers: number[][] = graph.nodes.map(() => []);
  graph.nodes.forEach((n, i) => {
    for (const input of n.inputs) {
      const p = producer.get(input);
      if (p !== undefined && p !== i) {
        consumers[p].push(i);
        indegree[i]++;
      }
    }
  });
  const order: number[] = [];
  for (let i = 0; i < graph.nodes.length; i++) if (indegree[i] === 0) order.push(i);
  for (let h = 0; h < order.length; h++) for (const c of consumers[order[h]]) if (--indegree[c] === 0) order.push(c);
  if (order.length < graph.nodes.length)
    for (let i = 0; i < graph.nodes.length; i++) if (indegree[i] > 0) order.push(i);
  return order.map((i) => graph.nodes[i]);
}
