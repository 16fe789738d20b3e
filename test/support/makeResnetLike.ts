/**
 * A ResNet-18-sized image classifier with seeded random weights, for benchmarks: 224x224x3 in, 1000 logits out,
 * about 11.7 M parameters and 1.8 G multiply-adds, the architecture of He et al. 2015 ("Deep Residual Learning",
 * table 1, 18-layer) without batch normalisation (a conv bias instead). Too big to commit (45 MB): built on
 * demand into test/fixtures/generated/ with the project's own protobufjs encoder (test/unit/onnx/build.ts).
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { DataType } from '../../src/engine/onnx/schema';
import {
  encodeModel,
  floatTensor,
  GENERATED,
  graph,
  node,
  seeded,
  valueInfo,
  writeGenerated,
  type Obj,
} from '../unit/onnx/build';

export interface ResnetLike {
  path: string;
  inputName: 'image';
  outputName: 'logits';
  /** [N, 3, 224, 224], N symbolic. */
  inputShape: ['batch', 3, number, number];
  classes: number;
  parameters: number;
  /** Multiply-adds of one image (convolutions and the final layer). */
  macs: number;
}

interface Builder {
  nodes: Obj[];
  initializers: Obj[];
  random: () => number;
  parameters: number;
  macs: number;
  count: number;
}

/** Conv (+ optional Relu) with He-uniform weights scaled by `gain`; returns the output name and its side. */
function conv(
  b: Builder,
  x: string,
  side: number,
  cin: number,
  cout: number,
  k: number,
  stride: number,
  relu: boolean,
  gain = 1,
): [string, number] {
  const id = `conv${b.count++}`;
  const fanIn = cin * k * k;
  const bound = gain * Math.sqrt(6 / fanIn);
  const w = new Float32Array(cout * fanIn);
  for (let i = 0; i < w.length; i++) w[i] = (b.random() * 2 - 1) * bound;
  const bias = new Float32Array(cout);
  for (let i = 0; i < cout; i++) bias[i] = (b.random() * 2 - 1) * 0.01;
  b.initializers.push(floatTensor(`${id}.w`, [cout, cin, k, k], w), floatTensor(`${id}.b`, [cout], bias));
  const pad = (k - 1) >> 1;
  const out = Math.floor((side + 2 * pad - k) / stride) + 1;
  b.nodes.push(
    node('Conv', [x, `${id}.w`, `${id}.b`], [relu ? `${id}.pre` : id], {
      kernel_shape: [k, k],
      strides: [stride, stride],
      pads: [pad, pad, pad, pad],
    }),
  );
  if (relu) b.nodes.push(node('Relu', [`${id}.pre`], [id]));
  b.parameters += w.length + bias.length;
  b.macs += w.length * out * out;
  return [id, out];
}

/** A basic block: two 3x3 convs, the shortcut (a strided 1x1 conv when the shape changes), add, relu. */
function basicBlock(b: Builder, x: string, side: number, cin: number, cout: number, stride: number): [string, number] {
  const [h, s1] = conv(b, x, side, cin, cout, 3, stride, true);
  // The residual branch starts small so 8 blocks without normalisation keep activations in range.
  const [r] = conv(b, h, s1, cout, cout, 3, 1, false, 0.3);
  const [shortcut] = stride === 1 && cin === cout ? [x] : conv(b, x, side, cin, cout, 1, stride, false);
  const id = `block${b.count++}`;
  b.nodes.push(node('Add', [r, shortcut], [`${id}.sum`]), node('Relu', [`${id}.sum`], [id]));
  return [id, s1];
}

export interface ResnetOptions {
  seed?: number;
  classes?: number;
  /** Input side (default 224). */
  size?: number;
  /** Channels of the first stage (default 64, as ResNet-18); smaller for quick tests. */
  width?: number;
}

/** The graph (weights included) and its counts; encodeModel(graph) gives the file's bytes. */
export function buildResnetLike(options: ResnetOptions = {}): { graph: Obj; parameters: number; macs: number } {
  const { seed = 0, classes = 1000, size = 224, width = 64 } = options;
  const b: Builder = { nodes: [], initializers: [], random: seeded(seed), parameters: 0, macs: 0, count: 0 };
  let [x, side] = conv(b, 'image', size, 3, width, 7, 2, true);
  b.nodes.push(node('MaxPool', [x], ['pool'], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }));
  x = 'pool';
  side = Math.floor((side + 2 - 3) / 2) + 1;
  let cin = width;
  for (const [cout, stride] of [
    [width, 1],
    [2 * width, 2],
    [4 * width, 2],
    [8 * width, 2],
  ]) {
    [x, side] = basicBlock(b, x, side, cin, cout, stride);
    [x, side] = basicBlock(b, x, side, cout, cout, 1);
    cin = cout;
  }
  b.nodes.push(node('GlobalAveragePool', [x], ['gap']), node('Flatten', ['gap'], ['features'], { axis: 1 }));
  const w = new Float32Array(classes * cin);
  const bound = Math.sqrt(6 / cin);
  for (let i = 0; i < w.length; i++) w[i] = (b.random() * 2 - 1) * bound;
  b.initializers.push(
    floatTensor('fc.w', [classes, cin], w),
    floatTensor('fc.b', [classes], new Float32Array(classes)),
  );
  b.nodes.push(node('Gemm', ['features', 'fc.w', 'fc.b'], ['logits'], { transB: 1 }));
  b.parameters += w.length + classes;
  b.macs += w.length;
  const g = graph({
    name: 'resnet18_like',
    nodes: b.nodes,
    inputs: [valueInfo('image', DataType.FLOAT, ['batch', 3, size, size])],
    outputs: [valueInfo('logits', DataType.FLOAT, ['batch', classes])],
    initializers: b.initializers,
  });
  return { graph: g, parameters: b.parameters, macs: b.macs };
}

/** The model in test/fixtures/generated/, built once per seed (about 2 s) and reused after. */
export function makeResnetLike(seed = 0): ResnetLike {
  const name = `resnet18_like_seed${seed}.onnx`;
  const file = path.join(GENERATED, name);
  const built = buildResnetLike({ seed });
  if (!existsSync(file)) {
    // Write under a temporary name and rename, so a concurrent reader never sees half a file.
    const tmp = writeGenerated(`${name}.${process.pid}.tmp`, encodeModel(built.graph, { '': 17 }));
    renameSync(tmp, file);
  }
  return {
    path: file,
    inputName: 'image',
    outputName: 'logits',
    inputShape: ['batch', 3, 224, 224],
    classes: 1000,
    parameters: built.parameters,
    macs: built.macs,
  };
}
