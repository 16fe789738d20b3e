// A float64 forward pass of a small exported MLP (Sub, Div, Gemm, MatMul, Add, Relu, Softmax on one
// row), read with Model Lens's own ONNX reader: the reference the onnxruntime results are held to.

import { readModelFile } from '../../../../src/engine/onnx/loadFile';
import { readTensorValues } from '../../../../src/engine/onnx/tensorValues';

type Vec = Float64Array;

export async function mlpReference(file: string): Promise<(row: Float64Array) => number[]> {
  const { model, bytes } = await readModelFile(file);
  const consts = new Map<string, { v: Float64Array; dims: number[] }>();
  for (const t of model.graph.initializers) {
    consts.set(t.name, {
      v: Float64Array.from(readTensorValues(t, bytes, model.modelDir) as ArrayLike<number>),
      dims: t.dims,
    });
  }
  const input = model.graph.inputs[0].name;
  const output = model.graph.outputs[0].name;
  const attr = (n: (typeof model.graph.nodes)[number], name: string, d: number) =>
    (n.attributes.find((a) => a.name === name)?.value as number | undefined) ?? d;
  return (row) => {
    const env = new Map<string, Vec>([[input, Float64Array.from(row)]]);
    const get = (name: string) => env.get(name) ?? consts.get(name)!.v;
    for (const n of model.graph.nodes) {
      const a = get(n.inputs[0]);
      let out: Vec;
      switch (n.op) {
        case 'Sub':
        case 'Div':
        case 'Add': {
          const b = get(n.inputs[1]);
          out = Float64Array.from(a, (x, i) => {
            const y = b[b.length === 1 ? 0 : i];
            return n.op === 'Sub' ? x - y : n.op === 'Div' ? x / y : x + y;
          });
          break;
        }
        case 'Gemm':
        case 'MatMul': {
          const w = consts.get(n.inputs[1])!;
          const transB = n.op === 'Gemm' && attr(n, 'transB', 0) === 1;
          const outs = transB ? w.dims[0] : w.dims[1];
          const bias = n.inputs[2] ? get(n.inputs[2]) : undefined;
          out = new Float64Array(outs);
          for (let o = 0; o < outs; o++) {
            let s = bias ? bias[bias.length === 1 ? 0 : o] : 0;
            for (let i = 0; i < a.length; i++) s += a[i] * (transB ? w.v[o * a.length + i] : w.v[i * outs + o]);
            out[o] = s;
          }
          break;
        }
        case 'Relu':
          out = a.map((x) => Math.max(0, x));
          break;
        case 'Softmax': {
          const m = Math.max(...a);
          const e = a.map((x) => Math.exp(x - m));
          const s = e.reduce((p, q) => p + q, 0);
          out = e.map((x) => x / s);
          break;
        }
        default:
          throw new Error(`the reference does not know ${n.op}`);
      }
      env.set(n.outputs[0], out);
    }
    return Array.from(env.get(output)!);
  };
}

/** Exact Shapley values by the subset formula in float64, every coalition evaluated from scratch. */
export function bruteForceShapley(f: (row: Float64Array) => number[], x: Float64Array, bg: Float64Array[]): number[][] {
  const m = x.length;
  const total = 1 << m;
  const v: number[][] = [];
  for (let k = 0; k < total; k++) {
    const acc = f(bg[0]).map(() => 0);
    for (const b of bg) {
      const y = f(Float64Array.from(b, (bv, i) => ((k >> i) & 1 ? x[i] : bv)));
      y.forEach((yv, j) => (acc[j] += yv / bg.length));
    }
    v.push(acc);
  }
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const phi = Array.from({ length: m }, () => v[0].map(() => 0));
  for (let k = 0; k < total; k++) {
    let size = 0;
    for (let i = 0; i < m; i++) size += (k >> i) & 1;
    for (let i = 0; i < m; i++) {
      if ((k >> i) & 1) continue;
      const w = (fact(size) * fact(m - size - 1)) / fact(m);
      v[k].forEach((_, j) => (phi[i][j] += w * (v[k | (1 << i)][j] - v[k][j])));
    }
  }
  return phi;
}
