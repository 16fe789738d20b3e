/** Details for the graph's tensor nodes: graph inputs (`in:`), graph outputs (`out:`) and initializers (`init:`). */
import type { NodeDetails, NodeLink, WeightView } from '../../protocol/graphTypes';
import { typeText } from '../onnx/decodeType';
import type { Graph, Node, TensorRef, ValueInfo } from '../onnx/types';
import type { SourceEdge, SourceNode } from './graphView';

export interface TensorDetailsContext {
  /** The top-level graph: only its inputs and outputs are drawn as nodes. */
  graph: Graph;
  /** Initializers of every graph, any depth, by name. */
  initializers: ReadonlyMap<string, TensorRef>;
  nodes: readonly SourceNode[];
  edges: readonly SourceEdge[];
  operators: readonly { id: string; node: Node }[];
  /** Shape text of a tensor ("[batch, 3]"), empty when unknown. */
  shape(tensor: string): string;
  weightStats?(tensor: TensorRef): Pick<WeightView, 'stats' | 'histogram'>;
}

/** A weight tensor as the details show it; values are only read through `weightStats`, external data never. */
export function weightView(t: TensorRef, weightStats?: TensorDetailsContext['weightStats']): WeightView {
  return {
    name: t.name,
    dtype: t.dtype,
    dims: t.dims,
    bytes: t.byteSize,
    location: t.storage.kind === 'external' ? `external: ${t.storage.location}` : 'in the model file',
    ...(weightStats?.(t) ?? {}),
  };
}

const PREFIXES = { 'in:': 'input', 'out:': 'output', 'init:': 'initializer' } as const;

/** Details for an `in:`/`out:`/`init:` id; undefined for any other id (operators are described elsewhere). */
export function tensorDetails(id: string, ctx: TensorDetailsContext): NodeDetails | undefined {
  const prefix = (Object.keys(PREFIXES) as (keyof typeof PREFIXES)[]).find((p) => id.startsWith(p));
  if (!prefix) return undefined;
  const kind = PREFIXES[prefix];
  const name = id.slice(prefix.length);
  const byId = new Map(ctx.nodes.map((n) => [n.id, n]));
  const link = (nodeId: string): NodeLink => {
    const n = byId.get(nodeId);
    return { id: nodeId, label: n?.label ?? nodeId, name: n?.name ?? '' };
  };
  const unique = (ids: string[]) => [...new Set(ids)].map(link);

  if (kind === 'initializer') {
    const t = ctx.initializers.get(name);
    if (!t) throw new Error(`No initializer named '${name}' in this graph.`);
    // Initializers are not producers in the edge list, so their consumers come from the nodes' inputs.
    const consumers = ctx.operators.filter((o) => o.node.inputs.includes(name)).map((o) => o.id);
    return {
      kind,
      id,
      name,
      op: 'Initializer',
      domain: '',
      doc: t.docString,
      attributes: [],
      inputs: [],
      outputs: [],
      // An external file can hold gigabytes: say where it is, never read it from a click.
      weights: [weightView(t, t.storage.kind === 'external' ? undefined : ctx.weightStats)],
      tensor: { name, type: t.dtype, shape: `[${t.dims.join(', ')}]`, producers: [], consumers: unique(consumers) },
    };
  }

  const declared: ValueInfo | undefined = (kind === 'input' ? ctx.graph.inputs : ctx.graph.outputs).find(
    (v) => v.name === name,
  );
  if (!declared || !byId.has(id)) throw new Error(`No graph ${kind} named '${name}' in this graph.`);
  // Edges carry resolved node ids, so a subgraph tensor of the same name is never mistaken for this one.
  const producers = kind === 'input' ? [] : ctx.edges.filter((e) => e.target === id).map((e) => e.source);
  const consumers =
    kind === 'input'
      ? ctx.edges.filter((e) => e.source === id).map((e) => e.target)
      : ctx.edges
          .filter((e) => producers.includes(e.source) && e.tensor === name && e.target !== id)
          .map((e) => e.target);
  return {
    kind,
    id,
    name,
    op: kind === 'input' ? 'Graph input' : 'Graph output',
    domain: '',
    doc: declared.docString,
    attributes: [],
    inputs: [],
    outputs: [],
    weights: [],
    tensor: {
      name,
      type: declared.type ? typeText(declared.type) : '',
      shape: ctx.shape(name),
      producers: unique(producers),
      consumers: unique(consumers),
    },
  };
}
