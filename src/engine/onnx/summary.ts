/** What `model-lens summary` prints: counts, parameters, FLOPs, dtypes and quantisation, from structure only. */
import { typeText } from './decodeType';
import { shortDtype } from './dtypes';
import { FLOP_OPS, nodeMacs } from './flops';
import { withFreeDimSizes, type FreeDimSizes } from './freeDims';
import { ML_DOMAIN, ML_FLOP_OPS, mlParameters, mlWork, SAME_SHAPE_ML_OPS } from './mlOps';
import { inferModelShapes, ShapeMap, type ModelShapes } from './shapes';
import type { DtypeTotals, ModelSummary, SummaryTensor } from '../../protocol/modelTypes';
import type { Dim, ModelGraph, Node, TensorRef } from './types';
import { allGraphs } from './walk';

// The summary's shape is the protocol's (it crosses to the webviews); the engine fills it in.
export type { DtypeTotals, ModelSummary, SummaryTensor };

const QUANT_OP =
  /^(QLinear|Quantize|Dequantize|DynamicQuantize|QGemm|QAttention|QOrdered|QEmbed|DynamicQuantizeMatMul)|Integer$|NBits$|^MatMulBnb4$/;

export function isQuantizedOp(op: string): boolean {
  return QUANT_OP.test(op);
}

/** The weight-like tensors: initializers and Constant node values, every graph. */
export function weightTensors(model: ModelGraph): { tensor: TensorRef; constant: boolean }[] {
  const out: { tensor: TensorRef; constant: boolean }[] = [];
  for (const { graph } of allGraphs(model.graph)) {
    for (const t of graph.initializers) out.push({ tensor: t, constant: false });
    for (const s of graph.sparseInitializers) out.push({ tensor: s.values, constant: false });
    for (const n of graph.nodes)
      if (n.op === 'Constant' && n.domain === '')
        for (const a of n.attributes)
          if (a.type === 'tensor')
            out.push({ tensor: { ...a.value, name: a.value.name || n.outputs[0] || n.name }, constant: true });
  }
  return out;
}

/** Elements a Constant node holds (value tensor, or value_float(s)/value_int(s)/value_string(s)). */
function constantElements(n: Node): number {
  let total = 0;
  for (const a of n.attributes) {
    if (a.type === 'tensor') total += a.value.elements;
    else if (a.type === 'sparse_tensor') total += a.value.nonZeros;
    else if (a.type === 'floats' || a.type === 'ints' || a.type === 'strings') total += a.value.length;
    else if (a.type === 'float' || a.type === 'int' || a.type === 'string') total += 1;
  }
  return total;
}

function opKey(n: Node): string {
  return n.domain === '' ? n.op : `${n.domain}.${n.op}`;
}

function sortedCounts(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/**
 * The summary of `model`. With `sizes`, FLOPs are counted for those sizes of its free input dims (which are
 * reported); without, every symbolic dim counts as 1.
 */
export function summarize(model: ModelGraph, shapes?: ModelShapes, sizes?: FreeDimSizes): ModelSummary {
  const declared = model.graph;
  let assumed: Record<string, number> = {};
  if (sizes) ({ model, assumed } = withFreeDimSizes(model, sizes));
  shapes ??= inferModelShapes(model);
  const g = model.graph;
  const initNames = new Set(g.initializers.map((t) => t.name));
  const io = (v: (typeof g.inputs)[number]): SummaryTensor => ({
    name: v.name,
    type: typeText(v.type),
    shape: v.type && 'shape' in v.type ? v.type.shape : null,
  });
  const histogram = new Map<string, number>();
  const quantized = new Map<string, number>();
  const flops = {
    total: 0,
    macs: 0,
    not_estimated: 0,
    not_estimated_nodes: [] as string[],
    symbolic_dims_as_one: [] as string[],
    assumed_dims: assumed,
  };
  const symbols = new Set<string>();
  let totalNodes = 0;
  let subgraphs = 0;
  let maxDepth = 0;
  let parameters = 0;
  let constantParameters = 0;
  /** Tree ensembles' threshold comparisons: FLOPs that are no multiply-add. */
  let comparisons = 0;
  for (const visit of allGraphs(g)) {
    if (visit.depth > 0) subgraphs++;
    maxDepth = Math.max(maxDepth, visit.depth);
    totalNodes += visit.graph.nodes.length;
    for (const t of visit.graph.initializers) parameters += t.elements;
    for (const s of visit.graph.sparseInitializers) parameters += s.nonZeros;
    const map = shapes.byGraph.get(visit.graph) ?? new ShapeMap();
    const passedOn = new Map<string, readonly Dim[]>();
    const shapeOf = (name: string) => map.get(name)?.shape ?? passedOn.get(name);
    for (const n of visit.graph.nodes) {
      const key = opKey(n);
      histogram.set(key, (histogram.get(key) ?? 0) + 1);
      if (isQuantizedOp(n.op)) quantized.set(key, (quantized.get(key) ?? 0) + 1);
      if (n.op === 'Constant' && n.domain === '') constantParameters += constantElements(n);
      // ONNX-ML models keep their weights in attributes (see mlOps.ts for what is counted).
      parameters += mlParameters(n) ?? 0;
      const ml = n.domain === ML_DOMAIN && ML_FLOP_OPS.has(n.op);
      if (!ml && (!FLOP_OPS.has(n.op) || n.domain !== '')) continue;
      const work = ml ? mlWork(n, shapeOf, symbols) : undefined;
      const same = n.domain === ML_DOMAIN && SAME_SHAPE_ML_OPS.has(n.op) ? shapeOf(n.inputs[0] ?? '') : undefined;
      if (same && n.outputs[0]) passedOn.set(n.outputs[0], same);
      if (work) comparisons += work.comparisons;
      const macs = ml ? (work?.macs ?? null) : nodeMacs(n, map, symbols);
      if (macs === null) {
        flops.not_estimated++;
        flops.not_estimated_nodes.push(n.name || `${n.op}(${n.outputs[0] ?? ''})`);
      } else flops.macs += macs;
    }
  }
  flops.total = 2 * flops.macs + comparisons;
  flops.symbolic_dims_as_one = [...symbols].sort();
  const byDtype: Record<string, DtypeTotals> = {};
  for (const { tensor } of weightTensors(model)) {
    const key = shortDtype(tensor.dtype);
    const totals = (byDtype[key] ??= { tensors: 0, elements: 0, bytes: 0 });
    totals.tensors++;
    totals.elements += tensor.elements;
    totals.bytes += tensor.byteSize;
  }
  const opsets = Object.fromEntries(Object.entries(model.info.opsets).map(([d, v]) => [d === '' ? 'ai.onnx' : d, v]));
  return {
    ir_version: model.info.irVersion,
    producer: [model.info.producerName, model.info.producerVersion].filter(Boolean).join(' '),
    opsets,
    // The inputs as declared, symbolic dims and all (the sizes only count FLOPs).
    inputs: declared.inputs.filter((v) => !initNames.has(v.name)).map(io),
    outputs: declared.outputs.map(io),
    nodes: g.nodes.length,
    total_nodes: totalNodes,
    subgraphs,
    max_depth: maxDepth,
    parameters,
    constant_parameters: constantParameters,
    op_histogram: sortedCounts(histogram),
    flops,
    bytes_by_dtype: Object.fromEntries(Object.entries(byDtype).map(([k, v]) => [k, v.bytes])),
    compression: {
      quantized_ops: sortedCounts(quantized),
      quantized_op_count: [...quantized.values()].reduce((a, b) => a + b, 0),
      tensors_by_dtype: byDtype,
    },
    warnings: [...model.warnings],
  };
}
