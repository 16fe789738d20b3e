/** Per-operator shape rules (ONNX operator specs), one small function per family. */
import { attrInt, attribute } from './attributes';
import { parseEinsum } from './einsum';
import { convShape, convTransposeShape, globalPoolShape, poolShape } from './shapeConv';
import { axisOf, broadcast, type Shape } from './shapeMath';
import {
  concat,
  constant,
  constantOfShape,
  expand,
  flatten,
  gather,
  reshape,
  shapeOf,
  slice,
  split,
  squeeze,
  transpose,
  unsqueeze,
} from './shapeLayout';
import { first, intsFrom, t, type OpContext, type Rule } from './shapeRule';
import type { TensorShape } from './shapeMap';
import type { Dim, Node } from './types';
import { dtypeName } from './dtypes';

const sameAsInput: Rule = (ctx) => [t(first(ctx).dtype, first(ctx).shape, first(ctx).values)];
const boolOf = (ctx: OpContext): TensorShape => t('bool', broadcast(ctx.inputs.map((i) => i.shape)));

/** Elementwise arithmetic, with value folding for small integer vectors (shape arithmetic). */
function arith(op: (a: number, b: number) => number): Rule {
  return (ctx) => {
    const [a, b] = ctx.inputs;
    const shape = broadcast(ctx.inputs.map((i) => i.shape));
    let values: Dim[] | undefined;
    if (a?.values && b?.values && (a.values.length === b.values.length || b.values.length === 1))
      values = a.values.map((x, i) => {
        const y = b.values![b.values!.length === 1 ? 0 : i];
        return typeof x === 'number' && typeof y === 'number' ? op(x, y) : null;
      });
    return [t(a?.dtype ?? null, shape, values)];
  };
}

const variadic: Rule = (ctx) => [t(first(ctx).dtype, broadcast(ctx.inputs.map((i) => i.shape)))];

function matmulShape(a: Shape, b: Shape): Shape {
  if (!a || !b || a.length === 0 || b.length === 0) return null;
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const batch = broadcast([a2.slice(0, -2), b2.slice(0, -2)]);
  if (!batch) return null;
  const out = [...batch, a2[a2.length - 2], b2[b2.length - 1]];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.pop();
  return out;
}

const einsum: Rule = (ctx) => {
  const eq = attribute(ctx.node, 'equation');
  const parsed =
    eq?.type === 'string'
      ? parseEinsum(
          eq.value,
          ctx.inputs.map((i) => i.shape),
        )
      : null;
  return [t(first(ctx).dtype, parsed ? parsed.output.map((name) => parsed.sizes.get(name) ?? null) : null)];
};

const matmul: Rule = (ctx) => [
  t(first(ctx).dtype, matmulShape(ctx.inputs[0]?.shape ?? null, ctx.inputs[1]?.shape ?? null)),
];

const gemm: Rule = (ctx) => {
  const [a, b] = [ctx.inputs[0]?.shape, ctx.inputs[1]?.shape];
  const m = a && a.length === 2 ? a[attrInt(ctx.node, 'transA', 0) ? 1 : 0] : null;
  const n = b && b.length === 2 ? b[attrInt(ctx.node, 'transB', 0) ? 0 : 1] : null;
  return [t(first(ctx).dtype, [m, n])];
};

const reduce: Rule = (ctx) => {
  const x = first(ctx);
  if (!x.shape) return [t(x.dtype, null)];
  const axes = intsFrom(ctx, 'axes', 1);
  const keep = attrInt(ctx.node, 'keepdims', 1) === 1;
  const rank = x.shape.length;
  const all = !axes || axes.length === 0;
  if (all && attrInt(ctx.node, 'noop_with_empty_axes', 0) === 1) return [t(x.dtype, x.shape)];
  const set = new Set(all ? x.shape.map((_, i) => i) : axes.map((a) => (a < 0 ? a + rank : a)));
  return [
    t(
      x.dtype,
      x.shape.flatMap((d, i) => (set.has(i) ? (keep ? [1] : []) : [d])),
    ),
  ];
};

const argReduce: Rule = (ctx) => {
  const x = first(ctx).shape;
  if (!x) return [t('int64', null)];
  const axis = axisOf(attrInt(ctx.node, 'axis', 0), x.length);
  const keep = attrInt(ctx.node, 'keepdims', 1) === 1;
  return [
    t(
      'int64',
      x.flatMap((d, i) => (i === axis ? (keep ? [1] : []) : [d])),
    ),
  ];
};

const cast: Rule = (ctx) => [t(dtypeName(attrInt(ctx.node, 'to', 0)), first(ctx).shape, first(ctx).values)];

/** A few outputs' dtype follow an input other than the first (QuantizeLinear's zero point). */
const quantize: Rule = (ctx) => [t(ctx.inputs[2]?.dtype ?? 'uint8', first(ctx).shape)];
const dequantize: Rule = (ctx) => [t(ctx.inputs[1]?.dtype ?? 'float32', first(ctx).shape)];
const qlinearBinary =
  (shape: (ctx: OpContext) => Shape): Rule =>
  (ctx) => [t(ctx.inputs[7]?.dtype ?? ctx.inputs[0]?.dtype ?? null, shape(ctx))];

/** RNN, GRU, LSTM: Y [seq, dirs, batch, hidden], Y_h / Y_c [dirs, batch, hidden] (layout 0). */
const recurrent: Rule = (ctx) => {
  const x = first(ctx).shape;
  const dirs = direction(ctx.node) === 'bidirectional' ? 2 : 1;
  const hidden = attrInt(ctx.node, 'hidden_size', 0) || null;
  if (!x || x.length !== 3) return [];
  const layout = attrInt(ctx.node, 'layout', 0);
  const [seq, batch] = layout === 0 ? [x[0], x[1]] : [x[1], x[0]];
  const y = layout === 0 ? [seq, dirs, batch, hidden] : [batch, seq, dirs, hidden];
  const state = layout === 0 ? [dirs, batch, hidden] : [batch, dirs, hidden];
  const dtype = first(ctx).dtype;
  return [t(dtype, y), t(dtype, state), t(dtype, state)];
};
function direction(node: Node): string {
  const a = attribute(node, 'direction');
  return a?.type === 'string' ? a.value : 'forward';
}

/** If: outputs take the then-branch's shapes where both branches agree on rank. */
const ifRule: Rule = (ctx) => {
  const branches = ['then_branch', 'else_branch']
    .map((n) => attribute(ctx.node, n))
    .flatMap((a) => (a?.type === 'graph' ? [a.value] : []));
  const results = branches.map((g) => {
    const map = ctx.subgraph(g);
    return g.outputs.map((o) => map.get(o.name));
  });
  return ctx.node.outputs.map((_, i) => {
    const [a, b] = results.map((r) => r[i]);
    if (!a || !b) return a ?? b;
    if (!a.shape || !b.shape || a.shape.length !== b.shape.length) return t(a.dtype ?? b.dtype, null);
    return t(
      a.dtype ?? b.dtype,
      a.shape.map((d, k) => (d === b.shape![k] ? d : null)),
    );
  });
};

const loopLike: Rule = (ctx) => {
  for (const a of ctx.node.attributes) if (a.type === 'graph') ctx.subgraph(a.value);
  return [];
};

const layerNorm: Rule = (ctx) => {
  const x = first(ctx);
  if (!x.shape) return [t(x.dtype, null)];
  const axis = axisOf(attrInt(ctx.node, 'axis', -1), x.shape.length) ?? x.shape.length - 1;
  const stat = x.shape.map((d, i) => (i < axis ? d : 1));
  return [t(x.dtype, x.shape), t('float32', stat), t('float32', stat)];
};

const UNARY =
  'Abs Acos Acosh Asin Asinh Atan Atanh BatchNormalization Ceil Celu Clip Cos Cosh CumSum Dropout Elu Erf Exp Floor Gelu HardSigmoid HardSwish Hardmax Identity InstanceNormalization LRN LeakyRelu Log LogSoftmax LpNormalization MeanVarianceNormalization Mish Neg Reciprocal Relu Round Selu Shrink Sigmoid Sign Sin Sinh Softmax Softplus Softsign Sqrt Tan Tanh ThresholdedRelu Trilu BitwiseNot Not GroupNormalization';
const COMPARE = 'Equal Greater GreaterOrEqual Less LessOrEqual And Or Xor IsNaN IsInf';
const BROADCAST = 'Pow Mod PRelu BitShift BitwiseAnd BitwiseOr BitwiseXor Max Min Sum Mean';

const RULES = new Map<string, Rule>([
  ...UNARY.split(' ').map((op): [string, Rule] => [op, sameAsInput]),
  ...COMPARE.split(' ').map((op): [string, Rule] => [op, (ctx) => [boolOf(ctx)]]),
  ...BROADCAST.split(' ').map((op): [string, Rule] => [op, variadic]),
  ['Add', arith((a, b) => a + b)],
  ['Sub', arith((a, b) => a - b)],
  ['Mul', arith((a, b) => a * b)],
  ['Div', arith((a, b) => Math.trunc(a / b))],
  ['Where', (ctx) => [t(ctx.inputs[1]?.dtype ?? null, broadcast(ctx.inputs.map((i) => i.shape)))]],
  ['MatMul', matmul],
  ['Einsum', einsum],
  ['MatMulInteger', (ctx) => [t('int32', matmulShape(ctx.inputs[0]?.shape ?? null, ctx.inputs[1]?.shape ?? null))]],
  ['QLinearMatMul', qlinearBinary((ctx) => matmulShape(ctx.inputs[0]?.shape ?? null, ctx.inputs[3]?.shape ?? null))],
  ['Gemm', gemm],
  ['Conv', (ctx) => [t(first(ctx).dtype, convShape(ctx.node, first(ctx).shape, ctx.inputs[1]?.shape ?? null))]],
  ['ConvInteger', (ctx) => [t('int32', convShape(ctx.node, first(ctx).shape, ctx.inputs[1]?.shape ?? null))]],
  ['QLinearConv', qlinearBinary((ctx) => convShape(ctx.node, first(ctx).shape, ctx.inputs[3]?.shape ?? null))],
  [
    'ConvTranspose',
    (ctx) => [t(first(ctx).dtype, convTransposeShape(ctx.node, first(ctx).shape, ctx.inputs[1]?.shape ?? null))],
  ],
  [
    'MaxPool',
    (ctx) => [
      t(first(ctx).dtype, poolShape(ctx.node, first(ctx).shape)),
      t('int64', poolShape(ctx.node, first(ctx).shape)),
    ],
  ],
  ['AveragePool', (ctx) => [t(first(ctx).dtype, poolShape(ctx.node, first(ctx).shape))]],
  ['LpPool', (ctx) => [t(first(ctx).dtype, poolShape(ctx.node, first(ctx).shape))]],
  ['GlobalAveragePool', (ctx) => [t(first(ctx).dtype, globalPoolShape(first(ctx).shape))]],
  ['GlobalMaxPool', (ctx) => [t(first(ctx).dtype, globalPoolShape(first(ctx).shape))]],
  ['GlobalLpPool', (ctx) => [t(first(ctx).dtype, globalPoolShape(first(ctx).shape))]],
  ['LayerNormalization', layerNorm],
  ['Reshape', reshape],
  ['Flatten', flatten],
  ['Transpose', transpose],
  ['Concat', concat],
  ['Squeeze', squeeze],
  ['Unsqueeze', unsqueeze],
  ['Gather', gather],
  ['Shape', shapeOf],
  ['Size', () => [t('int64', [])]],
  ...'ReduceMean ReduceSum ReduceMax ReduceMin ReduceProd ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp ReduceSumSquare'
    .split(' ')
    .map((op): [string, Rule] => [op, reduce]),
  ['ArgMax', argReduce],
  ['ArgMin', argReduce],
  ['Cast', cast],
  ['CastLike', (ctx) => [t(ctx.inputs[1]?.dtype ?? null, first(ctx).shape, first(ctx).values)]],
  ['QuantizeLinear', quantize],
  // y (uint8, x's shape), y_scale and y_zero_point (scalars): the scales feed the dequantising Mul after MatMulInteger.
  ['DynamicQuantizeLinear', (ctx) => [t('uint8', first(ctx).shape), t('float32', []), t('uint8', [])]],
  ['DequantizeLinear', dequantize],
  ['Constant', constant],
  ['ConstantOfShape', constantOfShape],
  ['Expand', expand],
  ['Slice', slice],
  ['Split', split],
  ['RNN', recurrent],
  ['GRU', recurrent],
  ['LSTM', recurrent],
  ['If', ifRule],
  ['Loop', loopLike],
  ['Scan', loopLike],
  ['NonZero', (ctx) => [t('int64', [first(ctx).shape?.length ?? null, null])]],
]);

/** The rule for an op of the default ONNX domain (custom domains have none). */
export type { OpContext };

export function opRule(op: string, domain: string): Rule | undefined {
  return domain === '' || domain === 'ai.onnx' ? RULES.get(op) : undefined;
}
