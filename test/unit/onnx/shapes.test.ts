import assert from 'node:assert/strict';
import { readModel } from '../../../src/engine/onnx/reader';
import { DataType } from '../../../src/engine/onnx/schema';
import { inferModelShapes } from '../../../src/engine/onnx/shapes';
import { broadcast, mulDims } from '../../../src/engine/onnx/shapeMath';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import { encodeModel, floatTensor, graph, int64Tensor, node, seeded, valueInfo } from './build';

const F = DataType.FLOAT;
const rand = seeded(7);
const weights = (name: string, dims: number[]) =>
  floatTensor(
    name,
    dims,
    Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => rand() - 0.5),
  );

/** One model exercising the common ops; every intermediate tensor is a graph output so onnxruntime reports its shape. */
function opsModel(batch: number | string): { bytes: Uint8Array; outputs: string[] } {
  const nodes = [
    node('Conv', ['x', 'w'], ['conv'], { pads: [1, 1, 1, 1], strides: [2, 2] }),
    node('Relu', ['conv'], ['relu']),
    node('MaxPool', ['relu'], ['pool'], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }),
    node('AveragePool', ['relu'], ['same'], { kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_UPPER' }),
    node('ConvTranspose', ['relu', 'wt'], ['deconv'], { strides: [2, 2], output_padding: [1, 1] }),
    node('GlobalAveragePool', ['deconv'], ['gap']),
    node('Flatten', ['gap'], ['flat']),
    node('MatMul', ['flat', 'm'], ['mm']),
    node('Gemm', ['mm', 'gw'], ['gemm'], { transB: 1 }),
    node('Shape', ['x'], ['xshape']),
    node('Gather', ['xshape', 'zero'], ['b'], { axis: 0 }),
    node('Unsqueeze', ['b', 'zeros1'], ['bu']),
    node('Concat', ['bu', 'minus1'], ['target'], { axis: 0 }),
    node('Reshape', ['conv', 'target'], ['reshaped']),
    node('Transpose', ['conv'], ['nhwc'], { perm: [0, 2, 3, 1] }),
    node('ReduceMean', ['nhwc'], ['rmean'], { axes: [1, 2], keepdims: 0 }),
    node('Softmax', ['rmean'], ['soft'], { axis: -1 }),
    node('Add', ['x', 'bias'], ['biased']),
    node('Split', ['conv', 'split'], ['s1', 's2'], { axis: 1 }),
    node('Slice', ['conv', 'starts', 'ends', 'axes'], ['sliced']),
    node('Unsqueeze', ['soft', 'axes2'], ['unsq']),
    node('Squeeze', ['unsq', 'axes2'], ['sq']),
    node('LayerNormalization', ['nhwc', 'lnw', 'lnb'], ['ln'], { axis: -1 }),
    node('Cast', ['conv'], ['half'], { to: DataType.FLOAT16 }),
    node('Greater', ['x', 'bias'], ['gt']),
  ];
  const initializers = [
    weights('w', [8, 3, 3, 3]),
    weights('wt', [8, 4, 3, 3]),
    weights('m', [4, 5]),
    weights('gw', [6, 5]),
    weights('bias', [15]),
    weights('lnw', [8]),
    weights('lnb', [8]),
    int64Tensor('zero', [], [0]),
    int64Tensor('zeros1', [1], [0]),
    int64Tensor('minus1', [1], [-1]),
    int64Tensor('split', [2], [3, 5]),
    int64Tensor('starts', [2], [1, -4]),
    int64Tensor('ends', [2], [100, -1]),
    int64Tensor('axes', [2], [2, 3]),
    int64Tensor('axes2', [1], [1]),
  ];
  const outputs = nodes.flatMap((n) => n.output as string[]);
  const g = graph({
    nodes,
    initializers,
    inputs: [valueInfo('x', F, [batch, 3, 17, 15])],
    outputs: outputs.map((o) => ({ name: o })),
  });
  return { bytes: encodeModel(g, { '': 17 }), outputs };
}

describe('onnx shape propagation', () => {
  it('matches the shapes onnxruntime produces for concrete inputs', async () => {
    const { bytes, outputs } = opsModel(2);
    const shapes = inferModelShapes(readModel(bytes)).main;
    const ort = await OrtBackend.create(bytes);
    try {
      const x = Float32Array.from({ length: 2 * 3 * 17 * 15 }, () => rand());
      const result = await ort.run({ x: { type: 'float32', dims: [2, 3, 17, 15], data: x } }, outputs);
      for (const name of outputs) assert.deepEqual(shapes.get(name)?.shape, result[name].dims, name);
      assert.equal(shapes.get('half')?.dtype, 'float16');
      assert.equal(shapes.get('gt')?.dtype, 'bool');
    } finally {
      await ort.dispose();
    }
  });

  it('keeps a symbolic batch symbolic and everything else as with a concrete batch', () => {
    const concrete = inferModelShapes(readModel(opsModel(2).bytes)).main;
    const { bytes, outputs } = opsModel('N');
    const symbolic = inferModelShapes(readModel(bytes)).main;
    for (const name of outputs) {
      const c = concrete.get(name)!.shape!;
      const s = symbolic.get(name)!.shape!;
      assert.equal(s.length, c.length, name);
      s.forEach((d, i) =>
        assert.ok(
          d === c[i] || (d === 'N' && c[i] === 2) || (name === 'reshaped' && i === 1 && d === null),
          `${name}[${i}] = ${d} vs ${c[i]}`,
        ),
      );
    }
    assert.deepEqual(symbolic.get('reshaped')?.shape, ['N', null]);
    assert.deepEqual(symbolic.get('target')?.values, ['N', -1]);
  });

  it('leaves tensors after an unknown op unknown, not guessed', () => {
    const g = graph({
      nodes: [node('Mystery', ['x'], ['y'], {}, 'm', 'custom'), node('Relu', ['y'], ['z'])],
      inputs: [valueInfo('x', F, [1, 2])],
      outputs: [{ name: 'z' }],
    });
    const shapes = inferModelShapes(readModel(encodeModel(g, { '': 17, custom: 1 }))).main;
    assert.equal(shapes.get('z')?.shape, null);
  });

  it('broadcasts like numpy and multiplies symbolic dims only by one', () => {
    assert.deepEqual(
      broadcast([
        [3, 1, 5],
        [4, 1],
      ]),
      [3, 4, 5],
    );
    assert.deepEqual(
      broadcast([
        ['b', 1],
        [1, 7],
      ]),
      ['b', 7],
    );
    assert.equal(mulDims(['b', 1, 1]), 'b');
    assert.equal(mulDims(['b', 2]), null);
    assert.equal(mulDims([2, 3, 4]), 24);
  });
});
