/** Which colour family an operator belongs to in the graph view. */
import type { NodeCategory } from '../../protocol/graphTypes';

const BY_OP: Record<string, NodeCategory> = {};
const add = (category: NodeCategory, ops: string) => ops.split(' ').forEach((op) => (BY_OP[op] = category));

add('conv', 'Conv ConvTranspose ConvInteger QLinearConv DeformConv');
add('linear', 'Gemm MatMul MatMulInteger QLinearMatMul Einsum Attention MultiHeadAttention LSTM GRU RNN');
add(
  'activation',
  'Relu LeakyRelu PRelu Elu Selu Celu Gelu FastGelu Sigmoid HardSigmoid Tanh Softmax LogSoftmax Softplus Softsign HardSwish Mish Swish ThresholdedRelu Erf',
);
add(
  'normalization',
  'BatchNormalization LayerNormalization InstanceNormalization GroupNormalization LpNormalization SkipLayerNormalization SimplifiedLayerNormalization RMSNormalization LRN MeanVarianceNormalization',
);
add('pooling', 'MaxPool AveragePool GlobalAveragePool GlobalMaxPool LpPool GlobalLpPool MaxRoiPool RoiAlign MaxUnpool');
add(
  'elementwise',
  'Add Sub Mul Div Pow Sqrt Exp Log Abs Neg Reciprocal Min Max Sum Mean Clip Floor Ceil Round Sign Equal Greater Less GreaterOrEqual LessOrEqual And Or Not Xor Where Mod BitShift Sin Cos ReduceMean ReduceSum ReduceMax ReduceMin ReduceProd ReduceL2 ReduceL1 ArgMax ArgMin CumSum Dropout Identity Cast CastLike',
);
add(
  'shape',
  'Reshape Flatten Transpose Squeeze Unsqueeze Concat Split Slice Gather GatherElements GatherND Scatter ScatterElements ScatterND Shape Size Expand Tile Pad Resize Upsample DepthToSpace SpaceToDepth ConstantOfShape Range OneHot NonZero TopK Constant Trilu',
);
add('control', 'If Loop Scan SequenceMap');
add(
  'quantization',
  'QuantizeLinear DequantizeLinear DynamicQuantizeLinear QLinearAdd QLinearMul QLinearSigmoid QLinearLeakyRelu QLinearAveragePool QLinearGlobalAveragePool QLinearConcat',
);

export function opCategory(op: string, domain = ''): NodeCategory {
  if (domain === 'ai.onnx.ml') return 'ml';
  return BY_OP[op] ?? (op.startsWith('QLinear') ? 'quantization' : 'other');
}
