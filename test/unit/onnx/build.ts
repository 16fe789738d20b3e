/** Builds ONNX models in tests by ENCODING with the project's protobufjs schema (no Python at test time). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { AttributeType, DataType, onnxType } from '../../../src/engine/onnx/schema';

// Deeply nested test graphs (150 levels of If) exceed protobufjs's default nesting bound when encoding.
protobuf.util.recursionLimit = 2000;

export const GENERATED = path.resolve(__dirname, '../../fixtures/generated');

export type Obj = Record<string, unknown>;

export function valueInfo(name: string, elemType: number, dims: (number | string | null)[] | null): Obj {
  const shape = dims && {
    dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : typeof d === 'string' ? { dim_param: d } : {})),
  };
  return { name, type: { tensor_type: { elem_type: elemType, ...(shape ? { shape } : {}) } } };
}

/** A float tensor in raw_data (default) or float_data. */
export function floatTensor(
  name: string,
  dims: number[],
  values: ArrayLike<number>,
  where: 'raw' | 'float_data' = 'raw',
): Obj {
  const f32 = Float32Array.from(values);
  return where === 'raw'
    ? { name, dims, data_type: DataType.FLOAT, raw_data: new Uint8Array(f32.buffer) }
    : { name, dims, data_type: DataType.FLOAT, float_data: Array.from(f32) };
}

export function int64Tensor(name: string, dims: number[], values: number[]): Obj {
  return { name, dims, data_type: DataType.INT64, int64_data: values };
}

type AttrValue =
  number | string | number[] | Obj | { graph: Obj } | { graphs: Obj[] } | { floats: number[] } | { tensor: Obj };

export function attr(name: string, v: AttrValue): Obj {
  if (typeof v === 'number')
    return Number.isInteger(v) ? { name, type: AttributeType.INT, i: v } : { name, type: AttributeType.FLOAT, f: v };
  if (typeof v === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: AttributeType.INTS, ints: v };
  if ('graph' in v) return { name, type: AttributeType.GRAPH, g: v.graph };
  if ('graphs' in v) return { name, type: AttributeType.GRAPHS, graphs: v.graphs };
  if ('floats' in v) return { name, type: AttributeType.FLOATS, floats: v.floats };
  if ('tensor' in v) return { name, type: AttributeType.TENSOR, t: v.tensor };
  throw new Error('unsupported attribute value');
}

export function node(
  op: string,
  inputs: string[],
  outputs: string[],
  attrs: Record<string, AttrValue> = {},
  name = '',
  domain = '',
): Obj {
  return {
    op_type: op,
    input: inputs,
    output: outputs,
    name,
    domain,
    attribute: Object.entries(attrs).map(([k, v]) => attr(k, v)),
  };
}

export function graph(parts: {
  name?: string;
  nodes: Obj[];
  inputs?: Obj[];
  outputs?: Obj[];
  initializers?: Obj[];
  valueInfo?: Obj[];
}): Obj {
  return {
    name: parts.name ?? 'g',
    node: parts.nodes,
    input: parts.inputs ?? [],
    output: parts.outputs ?? [],
    initializer: parts.initializers ?? [],
    value_info: parts.valueInfo ?? [],
  };
}

export function encodeModel(g: Obj, opsets: Record<string, number> = { '': 17 }, extra: Obj = {}): Uint8Array {
  const M = onnxType('ModelProto');
  const msg = M.fromObject({
    ir_version: 9,
    producer_name: 'model-lens-tests',
    producer_version: '1',
    opset_import: Object.entries(opsets).map(([domain, version]) => ({ domain, version })),
    graph: g,
    ...extra,
  });
  return M.encode(msg).finish();
}

export function writeGenerated(name: string, bytes: Uint8Array): string {
  mkdirSync(GENERATED, { recursive: true });
  const file = path.join(GENERATED, name);
  writeFileSync(file, bytes);
  return file;
}

/** A mulberry32 generator (Tommy Ettinger's public-domain PRNG), for seeded tests. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** If nested `depth` levels: each then/else branch holds the next If; the innermost branches are Identity. */
export function nestedIf(depth: number): Obj {
  const leaf = (d: number): Obj =>
    graph({
      name: `leaf${d}`,
      nodes: [node('Identity', ['x'], [`y${d}`])],
      outputs: [valueInfo(`y${d}`, DataType.FLOAT, [2])],
    });
  let inner = leaf(depth);
  for (let d = depth - 1; d >= 0; d--) {
    const out = `o${d}`;
    const ifNode = node(
      'If',
      ['cond'],
      [out],
      { then_branch: { graph: inner }, else_branch: { graph: leaf(d) } },
      `if${d}`,
    );
    inner = graph({ name: `level${d}`, nodes: [ifNode], outputs: [valueInfo(out, DataType.FLOAT, [2])] });
  }
  return inner;
}
