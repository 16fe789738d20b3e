import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readModel } from '../../../src/engine/onnx/reader';
import { DataType, onnxType } from '../../../src/engine/onnx/schema';
import { summarize } from '../../../src/engine/onnx/summary';
import { statsOf, weightStats } from '../../../src/engine/onnx/weightStats';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import { thirdPartyModel } from '../../support/thirdPartyModels';
import { encodeModel, floatTensor, graph, int64Tensor, node, seeded, valueInfo } from './build';

const MODELS = path.resolve(__dirname, '../../fixtures/models');
const F = DataType.FLOAT;

type RefTensor = { name: string; dims?: number[] };
type RefGraph = {
  initializer?: RefTensor[];
  input?: { name: string }[];
  node?: { op_type: string; input?: string[] }[];
};

/** protobufjs's own decode, as an independent reading of the same bytes. */
function reference(file: string): RefGraph {
  const M = onnxType('ModelProto');
  return (M.toObject(M.decode(readFileSync(file)), { longs: Number }) as { graph: RefGraph }).graph;
}

const product = (dims: number[] = []) => dims.reduce((a, b) => a * b, 1);

describe('onnx summary', () => {
  it('counts parameters as the sum of initializer dim products, and lists the inputs onnxruntime reports', async () => {
    const files = ['cnn_digits28', 'mlp_diabetes', 'lr_wine', 'rf_iris_zipmap'].map((n) =>
      path.join(MODELS, `${n}.onnx`),
    );
    files.push(await thirdPartyModel('silero_vad_v5'), await thirdPartyModel('silero_vad_legacy'));
    for (const file of files) {
      const s = summarize(readModel(readFileSync(file)));
      const ref = reference(file);
      // ONNX-ML models also count their attribute weights (mlSummary.test.ts).
      if (!file.includes('silero') && !/lr_wine|rf_iris/.test(file))
        assert.equal(
          s.parameters,
          (ref.initializer ?? []).reduce((sum, t) => sum + product(t.dims), 0),
          file,
        );
      assert.ok(s.total_nodes >= s.nodes && s.nodes > 0, file);
      const ort = await OrtBackend.create(file);
      try {
        assert.deepEqual(
          s.inputs.map((i) => i.name),
          ort.inputs.map((i) => i.name),
          file,
        );
        assert.deepEqual(
          s.outputs.map((o) => o.name),
          ort.outputs.map((o) => o.name),
          file,
        );
        ort.inputs.forEach((i, k) => i.isTensor && assert.equal(s.inputs[k].type, i.elementType, file));
      } finally {
        await ort.dispose();
      }
    }
  });

  it('describes Silero VAD v5: nested If subgraphs and Constant-node weights', async () => {
    const s = summarize(readModel(readFileSync(await thirdPartyModel('silero_vad_v5'))));
    assert.deepEqual(
      s.inputs.map((i) => [i.name, i.type]),
      [
        ['input', 'float32'],
        ['state', 'float32'],
        ['sr', 'int64'],
      ],
    );
    // Expected values from Python's onnx 1.12 walking every GRAPH/GRAPHS attribute of the same file:
    // /usr/bin/python3 -c 'import onnx; m = onnx.load(path); ...' counting nodes, subgraphs, depth, Constant elements.
    assert.equal(s.nodes, 5);
    assert.equal(s.total_nodes, 689);
    assert.equal(s.subgraphs, 50);
    assert.equal(s.max_depth, 4);
    assert.equal(s.constant_parameters, 545597);
    assert.equal(s.parameters, 0);
    assert.equal(s.opsets['ai.onnx'], 16);
    assert.equal(
      Object.values(s.op_histogram).reduce((a, b) => a + b, 0),
      s.total_nodes,
    );
  });

  it('estimates MACs in closed form for Conv, ConvTranspose, Gemm and MatMul', () => {
    const r = seeded(3);
    const w = (name: string, dims: number[]) =>
      floatTensor(
        name,
        dims,
        Array.from({ length: product(dims) }, () => r()),
      );
    const g = graph({
      nodes: [
        node('Conv', ['x', 'w'], ['c'], { pads: [1, 1, 1, 1] }, 'conv'),
        node('ConvTranspose', ['c', 'wt'], ['d'], { strides: [2, 2] }, 'deconv'),
        node('Flatten', ['d'], ['f']),
        node('MatMul', ['f', 'm'], ['mm'], {}, 'matmul'),
        node('Gemm', ['mm', 'gw'], ['y'], { transB: 1 }, 'gemm'),
        node('MatMul', ['f', 'unknownW'], ['z'], {}, 'unknown'),
      ],
      inputs: [valueInfo('x', F, ['batch', 3, 8, 8]), valueInfo('unknownW', F, null)],
      outputs: [valueInfo('y', F, null), valueInfo('z', F, null)],
      initializers: [w('w', [4, 3, 3, 3]), w('wt', [4, 2, 2, 2]), w('m', [2 * 16 * 16, 5]), w('gw', [7, 5])],
    });
    const s = summarize(readModel(encodeModel(g)));
    const conv = 4 * 8 * 8 * (3 * 3 * 3); // output elements x kernel volume
    const deconv = 4 * 8 * 8 * (2 * 2 * 2); // input elements x (C_out/group x kernel)
    const matmul = 5 * (2 * 16 * 16);
    const gemm = 7 * 5;
    assert.equal(s.flops.macs, conv + deconv + matmul + gemm);
    assert.equal(s.flops.total, 2 * s.flops.macs);
    assert.equal(s.flops.not_estimated, 1);
    assert.deepEqual(s.flops.not_estimated_nodes, ['unknown']);
    assert.deepEqual(s.flops.symbolic_dims_as_one, ['batch']);
    assert.equal(s.parameters, 4 * 27 + 4 * 8 + 512 * 5 + 35);
  });

  it('counts FLOPs for the sizes of the free dims when given, and says which were assumed', () => {
    // A 3x3 Conv, 3 -> 4 channels, 'same' padding, on x[batch, 3, height, width]: MACs = batch*4*H*W*27.
    const g = graph({
      nodes: [node('Conv', ['x', 'w'], ['y'], { pads: [1, 1, 1, 1] }, 'conv')],
      inputs: [valueInfo('x', F, ['batch', 3, 'height', null])],
      outputs: [valueInfo('y', F, null)],
      initializers: [floatTensor('w', [4, 3, 3, 3], new Array(108).fill(0.5))],
    });
    const model = readModel(encodeModel(g));
    const asOne = summarize(model);
    // Without sizes the spatial dims are symbols: the Conv's output size is unknown and it is not estimated.
    assert.deepEqual([asOne.flops.macs, asOne.flops.not_estimated], [0, 1]);
    assert.deepEqual(asOne.flops.assumed_dims, {});
    const sized = summarize(model, undefined, { dimSizes: { height: 224, 'x[3]': 160 }, defaultDimSize: 2 });
    assert.equal(sized.flops.macs, 2 * 4 * 224 * 160 * 27);
    assert.deepEqual(sized.flops.assumed_dims, { batch: 2, height: 224, 'x[3]': 160 });
    assert.deepEqual(sized.flops.symbolic_dims_as_one, []);
    // The inputs are still reported as declared.
    assert.deepEqual(sized.inputs[0].shape, ['batch', 3, 'height', null]);
  });

  it('estimates Einsum contractions: batched attention scores, with "..." and a symbolic batch', () => {
    const g = graph({
      nodes: [
        node('Einsum', ['q', 'k'], ['scores'], { equation: 'bhqd,bhkd->bhqk' }, 'scores'),
        node('Einsum', ['scores', 'v'], ['ctx'], { equation: '...qk,...kd->...qd' }, 'context'),
        node('Einsum', ['ctx'], ['t'], { equation: 'bhqd->bqhd' }, 'transpose'),
      ],
      inputs: [
        valueInfo('q', F, ['batch', 4, 16, 8]),
        valueInfo('k', F, ['batch', 4, 32, 8]),
        valueInfo('v', F, ['batch', 4, 32, 8]),
      ],
      outputs: [valueInfo('t', F, null)],
      initializers: [],
    });
    const s = summarize(readModel(encodeModel(g)));
    const scores = 4 * 16 * 32 * 8; // b h q k d, batch as 1
    const context = 4 * 16 * 32 * 8; // ... q k d
    assert.equal(s.flops.macs, scores + context);
    assert.equal(s.flops.not_estimated, 0);
    assert.deepEqual(s.flops.symbolic_dims_as_one, ['batch']);
  });

  it('counts nested If/Loop subgraphs, Constant weights and quantized ops', () => {
    const inner = graph({
      name: 'then',
      nodes: [
        node('Constant', [], ['k'], { value: { tensor: floatTensor('k', [2, 3], [1, 2, 3, 4, 5, 6]) } }),
        node('Add', ['v', 'k'], ['t']),
      ],
      outputs: [valueInfo('t', F, [2, 3])],
    });
    const other = graph({
      name: 'else',
      nodes: [node('Identity', ['v'], ['e'])],
      outputs: [valueInfo('e', F, [2, 3])],
    });
    const body = graph({
      name: 'body',
      nodes: [
        node('If', ['cond'], ['o'], { then_branch: { graph: inner }, else_branch: { graph: other } }),
        node('Identity', ['cond'], ['cond_out']),
      ],
      inputs: [valueInfo('i', DataType.INT64, []), valueInfo('cond', DataType.BOOL, [])],
      outputs: [valueInfo('cond_out', DataType.BOOL, []), valueInfo('o', F, [2, 3])],
    });
    const g = graph({
      nodes: [
        node('Loop', ['n', 'c0'], ['scan_o'], { body: { graph: body } }, 'loop'),
        node('QuantizeLinear', ['v', 'scale', 'zp'], ['q']),
        node('DequantizeLinear', ['q', 'scale', 'zp'], ['dq']),
        node('Constant', [], ['big'], { value_floats: { floats: [1, 2, 3] } }),
      ],
      inputs: [
        valueInfo('n', DataType.INT64, []),
        valueInfo('c0', DataType.BOOL, []),
        valueInfo('v', F, [2, 3]),
        valueInfo('cond', DataType.BOOL, []),
      ],
      outputs: [valueInfo('dq', F, [2, 3])],
      initializers: [
        floatTensor('scale', [], [0.1]),
        { name: 'zp', dims: [], data_type: DataType.INT8, raw_data: new Uint8Array([0]) },
      ],
    });
    const s = summarize(readModel(encodeModel(g)));
    assert.equal(s.nodes, 4);
    assert.equal(s.total_nodes, 4 + 2 + 2 + 1);
    assert.equal(s.subgraphs, 3);
    assert.equal(s.max_depth, 2);
    assert.equal(s.constant_parameters, 6 + 3);
    assert.equal(s.parameters, 2);
    assert.deepEqual(s.compression.quantized_ops, { DequantizeLinear: 1, QuantizeLinear: 1 });
    assert.deepEqual(s.compression.tensors_by_dtype.int8, { tensors: 1, elements: 1, bytes: 1 });
    assert.deepEqual(
      s.inputs.map((i) => i.name),
      ['n', 'c0', 'v', 'cond'],
    );
  });

  it('leaves graph inputs that are initializers out of the inputs', () => {
    const g = graph({
      nodes: [node('Add', ['x', 'w'], ['y'])],
      inputs: [valueInfo('x', F, [2]), valueInfo('w', F, [2])],
      outputs: [valueInfo('y', F, [2])],
      initializers: [floatTensor('w', [2], [1, 2])],
    });
    assert.deepEqual(
      summarize(readModel(encodeModel(g))).inputs.map((i) => i.name),
      ['x'],
    );
  });
});

describe('onnx weight statistics', () => {
  it('matches a brute-force computation on the MLP fixture', () => {
    const bytes = readFileSync(path.join(MODELS, 'mlp_diabetes.onnx'));
    const stats = weightStats(readModel(bytes), bytes, { bins: 10 });
    assert.equal(stats.skipped.length, 0);
    for (const t of stats.tensors) {
      assert.equal(
        t.histogram.counts.reduce((a, b) => a + b, 0),
        t.elements,
      );
      assert.ok(t.min <= t.mean && t.mean <= t.max);
    }
    assert.equal(stats.overall.elements, summarize(readModel(bytes)).parameters);
  });

  it('computes min, max, mean, std, zeros and sparsity exactly on known values', () => {
    const s = statsOf(Float64Array.from([0, 0, 1, 2, 3, 0, -2, 4]), 4);
    const values = [0, 0, 1, 2, 3, 0, -2, 4];
    const mean = values.reduce((a, b) => a + b, 0) / 8;
    const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 8);
    assert.equal(s.min, -2);
    assert.equal(s.max, 4);
    assert.ok(Math.abs(s.mean - mean) < 1e-12 && Math.abs(s.std - std) < 1e-12);
    assert.equal(s.zeros, 3);
    assert.equal(s.sparsity, 3 / 8);
    assert.deepEqual(s.histogram.edges, [-2, -0.5, 1, 2.5, 4]);
    assert.deepEqual(s.histogram.counts, [1, 3, 2, 2]);
  });

  it('reads int64 constants exactly', () => {
    const g = graph({
      nodes: [node('Reshape', ['x', 's'], ['y'])],
      inputs: [valueInfo('x', F, [6])],
      outputs: [valueInfo('y', F, null)],
      initializers: [int64Tensor('s', [2], [-1, 3])],
    });
    const m = readModel(encodeModel(g));
    assert.deepEqual(m.graph.initializers[0].smallValues, [-1, 3]);
  });
});
