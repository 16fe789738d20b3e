/**
 * Turns a read ONNX model into what the graph view folds and draws: operator, input and output
 * nodes with name scopes (If/Loop/Scan bodies become scopes inside their node), edges with shapes,
 * a search index, and node details on demand.
 */
import type { AttributeView, GraphIndexEntry, NodeDetails, WeightView } from '../../protocol/graphTypes';
import { walkModel, type WalkedEdge } from '../onnx/graphWalk';
import type { Attribute, Dim, ModelGraph, Node, TensorRef } from '../onnx/types';
import { allGraphs } from '../onnx/walk';
import type { GraphSource, SourceEdge, SourceNode } from './graphView';
import { opCategory } from './opCategory';
import { tensorDetails, weightView } from './tensorDetails';

export interface ModelGraphHelpers {
  /** Shape of a tensor by name (file value_info or propagated), null when unknown. */
  shapeOf(tensor: string): Dim[] | null;
  /** Statistics and a histogram of a weight tensor, read on demand. */
  weightStats?(tensor: TensorRef): Pick<WeightView, 'stats' | 'histogram'>;
}

interface Placed {
  id: string;
  node: Node;
  scope: string[];
}

export const shapeText = (shape: Dim[] | null): string =>
  shape ? `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]` : '';

const KEY_ATTRIBUTES = ['kernel_shape', 'strides', 'dilations', 'group', 'axis', 'axes', 'perm', 'to', 'mode', 'alpha'];

function attributeShort(a: Attribute): string | undefined {
  switch (a.type) {
    case 'ints':
      if (a.name === 'kernel_shape') return a.value.join('×');
      if (a.value.every((v) => v === 1) && (a.name === 'strides' || a.name === 'dilations')) return undefined;
      return `${a.name} ${a.value.join(',')}`;
    case 'int':
      return a.name === 'group' && a.value === 1 ? undefined : `${a.name} ${a.value}`;
    case 'float':
      return `${a.name} ${Number(a.value.toPrecision(3))}`;
    case 'string':
      return `${a.name} ${a.value}`;
    default:
      return undefined;
  }
}

function nodeDetail(node: Node): string {
  const parts: string[] = [];
  for (const name of KEY_ATTRIBUTES) {
    const a = node.attributes.find((x) => x.name === name);
    const t = a && attributeShort(a);
    if (t) parts.push(t);
    if (parts.length === 2) break;
  }
  return parts.join(', ');
}

/** Name scopes from exporter names such as "/encoder/layer.3/attention/MatMul" (the last part is the node). */
export function nameScope(name: string): string[] {
  if (!name.includes('/')) return [];
  const parts = name.split('/').filter((p) => p !== '');
  return parts.slice(0, -1);
}

function attributeValueText(a: Attribute): string {
  switch (a.type) {
    case 'tensor':
      return `tensor ${a.value.dtype} [${a.value.dims.join(', ')}]`;
    case 'graph':
      return `graph (${a.value.nodes.length} nodes)`;
    case 'graphs':
      return `${a.value.length} graphs`;
    case 'floats':
    case 'ints':
      return a.value.length > 16
        ? `[${a.value.slice(0, 16).join(', ')}, … ${a.value.length} values]`
        : `[${a.value.join(', ')}]`;
    case 'strings':
      return JSON.stringify(a.value.length > 16 ? [...a.value.slice(0, 16), '…'] : a.value);
    case 'string':
      return JSON.stringify(a.value);
    case 'undefined':
      return '';
    default:
      return typeof a.value === 'object' ? a.type : String(a.value);
  }
}

/** What a folded Constant node holds: its value tensor when it has one, else a list attribute's size. */
interface FoldedConstant {
  node: Node;
  tensor?: TensorRef;
  view: WeightView;
}

const CONSTANT_LISTS: Record<string, string> = {
  value_float: 'float32',
  value_floats: 'float32',
  value_int: 'int64',
  value_ints: 'int64',
  value_string: 'string',
  value_strings: 'string',
};

/**
 * A Constant node folded into its consumers like an initializer (some converters emit hundreds of them);
 * undefined when it should stay drawn (its value is a graph output, or it is not a plain ONNX Constant).
 */
function foldedConstant(node: Node, graphOutputs: ReadonlySet<string>): FoldedConstant | undefined {
  if (node.op !== 'Constant' || (node.domain !== '' && node.domain !== 'ai.onnx')) return undefined;
  const name = node.outputs[0];
  if (node.outputs.length !== 1 || !name || graphOutputs.has(name) || node.attributes.length !== 1) return undefined;
  const a = node.attributes[0];
  const location = `Constant node${node.name ? ` '${node.name}'` : ''} in the model file`;
  if (a.type === 'tensor') {
    const tensor = { ...a.value, name };
    return { node, tensor, view: { ...weightView(tensor), location } };
  }
  const dtype = CONSTANT_LISTS[a.name];
  if (!dtype) return undefined;
  const dims = a.name.endsWith('s') && Array.isArray(a.value) ? [a.value.length] : [];
  const elements = dims.length ? dims[0] : 1;
  const bytes = dtype === 'string' ? 0 : elements * (dtype === 'int64' ? 8 : 4);
  return { node, view: { name, dtype, dims, bytes, location } };
}

export function modelGraphSource(model: ModelGraph, helpers: ModelGraphHelpers) {
  const placed: Placed[] = [];
  const nodes: SourceNode[] = [];
  const edges: SourceEdge[] = [];
  const controlGroups = new Map<string, { label: string; detail: string }>();
  const subgraphGroup = new Map<string, string>(); // node id -> group id of its bodies
  const initializers = new Map<string, TensorRef>();
  const constants = new Map<string, FoldedConstant>();
  const topOutputs = new Set(model.graph.outputs.map((o) => o.name));

  const edge = (source: string, target: string, tensor: string) =>
    edges.push({ source, target, tensor, shape: shapeText(helpers.shapeOf(tensor)) });
  const ioNode = (id: string, name: string, category: 'input' | 'output'): SourceNode => ({
    id,
    label: name,
    detail: shapeText(helpers.shapeOf(name)),
    name,
    category,
    scope: [],
  });

  // The shared converter decides ids and edges; here they get scopes, labels and the graph tab's in:/out: nodes.
  const walked = walkModel(model, {
    skip(node, prefix) {
      const folded = foldedConstant(node, prefix === '' ? topOutputs : new Set());
      // Not a producer: like an initializer, its consumers draw no edge from it and list it in their details.
      if (folded) constants.set(node.outputs[0], folded);
      return folded !== undefined;
    },
  });
  const topInputs = new Set(walked.inputs);
  for (const name of walked.inputs) nodes.push(ioNode(`in:${name}`, name, 'input'));
  for (const { graph } of allGraphs(model.graph)) for (const t of graph.initializers) initializers.set(t.name, t);
  const bodyScope = new Map<string, string[]>([['', []]]);
  const edgesTo = new Map<string, WalkedEdge[]>();
  // Keyed by target; a graph output by its graph too (a body's outputs are not the model's).
  const key = (e: { prefix: string; target: string }) =>
    e.target.startsWith('output:') ? `${e.prefix}|${e.target}` : e.target;
  for (const e of walked.edges) edgesTo.set(key(e), [...(edgesTo.get(key(e)) ?? []), e]);
  const addEdges = (target: string, id: string) => {
    for (const e of edgesTo.get(target.startsWith('output:') ? `|${target}` : target) ?? []) {
      const from = e.source.startsWith('input:') ? e.source.slice(6) : undefined;
      if (from === undefined) edge(e.source, id, e.tensor);
      else if (topInputs.has(from)) edge(`in:${from}`, id, e.tensor);
    }
  };
  for (const { id, node, index: i, prefix, bodies } of walked.nodes) {
    let nodeScope = [...(bodyScope.get(prefix) ?? []), ...nameScope(node.name)];
    if (bodies.length) {
      nodeScope = [...nodeScope, node.name ? node.name.split('/').pop() || `${node.op}${i}` : `${node.op} ${i}`];
      const groupId = `§${nodeScope.join('/')}`;
      const attributes = [...new Set(bodies.map((b) => b.attribute))];
      controlGroups.set(groupId, { label: node.op, detail: attributes.join(', ') });
      subgraphGroup.set(id, groupId);
      for (const b of bodies) {
        const several = bodies.filter((o) => o.attribute === b.attribute).length > 1;
        const k = /\[(\d+)\]$/.exec(b.name)?.[1] ?? '';
        bodyScope.set(b.prefix, [...nodeScope, several ? `${b.attribute}${k}` : b.attribute]);
      }
    }
    placed.push({ id, node, scope: nodeScope });
    nodes.push({
      id,
      label: node.op,
      detail: nodeDetail(node),
      name: node.name,
      category: opCategory(node.op, node.domain),
      scope: nodeScope,
    });
    addEdges(id, id);
  }
  for (const output of model.graph.outputs) {
    const id = `out:${output.name}`;
    nodes.push(ioNode(id, output.name, 'output'));
    addEdges(`output:${output.name}`, id);
  }

  const source: GraphSource = { nodes, edges, controlGroups, warnings: model.warnings };
  const byId = new Map(placed.map((p) => [p.id, p]));
  const index: GraphIndexEntry[] = placed.map((p) => ({
    id: p.id,
    name: p.node.name,
    op: p.node.op,
    tensors: [...p.node.inputs, ...p.node.outputs].filter((t) => t !== ''),
    ancestors: [],
  }));

  const details = (id: string): NodeDetails => {
    const tensor = tensorDetails(id, {
      graph: model.graph,
      initializers,
      nodes,
      edges,
      operators: placed,
      shape: (t) => shapeText(helpers.shapeOf(t)),
      weightStats: helpers.weightStats,
    });
    if (tensor) return tensor;
    const p = byId.get(id);
    if (!p) throw new Error(`No node with id '${id}' in this graph.`);
    const { node } = p;
    const group = subgraphGroup.get(id);
    const attributes: AttributeView[] = node.attributes.map((a) => ({
      name: a.name,
      type: a.type,
      value: attributeValueText(a),
      ...(group && (a.type === 'graph' || a.type === 'graphs') ? { subgraphIds: [group] } : {}),
    }));
    const io = (t: string) => ({
      name: t,
      shape: shapeText(helpers.shapeOf(t)),
      type: initializers.get(t)?.dtype ?? constants.get(t)?.view.dtype ?? '',
    });
    const weights: WeightView[] = node.inputs.flatMap((t) => {
      const init = initializers.get(t);
      if (init) return [weightView(init, helpers.weightStats)];
      const c = constants.get(t);
      if (!c) return [];
      return [c.tensor ? { ...c.view, ...(helpers.weightStats?.(c.tensor) ?? {}) } : c.view];
    });
    return {
      kind: 'operator',
      id,
      name: node.name,
      op: node.op,
      domain: node.domain || 'ai.onnx',
      doc: node.docString,
      attributes,
      inputs: node.inputs.filter((t) => t !== '').map(io),
      outputs: node.outputs.filter((t) => t !== '').map(io),
      weights,
    };
  };
  return { source, index, details };
}
