import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readModel } from '../../../src/engine/onnx/reader';
import { onnxType } from '../../../src/engine/onnx/schema';
import { readTensorValues } from '../../../src/engine/onnx/tensorValues';
import { OnnxReadError, type Graph } from '../../../src/engine/onnx/types';
import { allGraphs } from '../../../src/engine/onnx/walk';
import { thirdPartyModel } from '../../support/thirdPartyModels';
import { DataType } from '../../../src/engine/onnx/schema';
import { encodeModel, floatTensor, graph, nestedIf, node, valueInfo } from './build';

const MODELS = path.resolve(__dirname, '../../fixtures/models');
const committed = ['cnn_digits28', 'mlp_diabetes', 'rf_iris_zipmap', 'gb_breast_cancer', 'lr_wine'].map((n) =>
  path.join(MODELS, `${n}.onnx`),
);

type Decoded = { node?: DecodedNode[]; initializer?: { name: string; dims?: number[] }[] };
type DecodedNode = {
  op_type?: string;
  name?: string;
  input?: string[];
  attribute?: { name: string; g?: Decoded; graphs?: Decoded[] }[];
};

/** Every graph of a protobufjs-decoded model, for cross-checking the wire-level reader. */
function referenceGraphs(g: Decoded): Decoded[] {
  const out: Decoded[] = [];
  const stack = [g];
  while (stack.length) {
    const x = stack.pop()!;
    out.push(x);
    for (const n of x.node ?? [])
      for (const a of n.attribute ?? []) [a.g, ...(a.graphs ?? [])].forEach((s) => s && stack.push(s));
  }
  return out;
}

function fingerprint(graphs: { nodes: string[]; inits: string[] }[]): string[] {
  return graphs.map((g) => `${g.nodes.join(',')}|${g.inits.join(',')}`).sort();
}

describe('onnx reader', () => {
  it('agrees with protobufjs decoding the same bytes (committed fixtures and Silero VAD)', async () => {
    const files = [...committed, await thirdPartyModel('silero_vad_v5'), await thirdPartyModel('silero_vad_legacy')];
    const M = onnxType('ModelProto');
    for (const file of files) {
      const bytes = readFileSync(file);
      const ref = M.toObject(M.decode(bytes), { longs: Number, defaults: false }) as { graph: Decoded };
      const mine = readModel(bytes);
      const a = fingerprint(
        allGraphs(mine.graph).map(({ graph: g }) => ({
          nodes: g.nodes.map((n) => `${n.op}:${n.name}:${n.inputs.join('+')}`),
          inits: g.initializers.map((t) => `${t.name}[${t.dims}]`),
        })),
      );
      const b = fingerprint(
        referenceGraphs(ref.graph).map((g) => ({
          nodes: (g.node ?? []).map((n) => `${n.op_type}:${n.name ?? ''}:${(n.input ?? []).join('+')}`),
          inits: (g.initializer ?? []).map((t) => `${t.name}[${t.dims ?? []}]`),
        })),
      );
      assert.deepEqual(a, b, path.basename(file));
    }
  });

  it('reads raw_data and float_data tensors to the same values, without copying them while reading', () => {
    const values = Array.from({ length: 12 }, (_, i) => i * 0.5 - 2);
    for (const where of ['raw', 'float_data'] as const) {
      const bytes = encodeModel(
        graph({
          nodes: [node('Add', ['x', 'w'], ['y'])],
          inputs: [valueInfo('x', DataType.FLOAT, [3, 4])],
          outputs: [valueInfo('y', DataType.FLOAT, [3, 4])],
          initializers: [floatTensor('w', [3, 4], values, where)],
        }),
      );
      const m = readModel(bytes);
      const w = m.graph.initializers[0];
      assert.equal(w.storage.kind, where === 'raw' ? 'raw' : 'typed');
      assert.equal(w.elements, 12);
      assert.equal(w.byteSize, 48);
      assert.deepEqual(Array.from(readTensorValues(w, bytes) as Float32Array), values);
    }
  });

  it('reads 50 levels of nested If subgraphs', () => {
    const m = readModel(encodeModel(nestedIf(50)));
    const depths = allGraphs(m.graph).map((v) => v.depth);
    assert.equal(Math.max(...depths), 50);
    assert.equal(depths.length, 1 + 2 * 50);
  });

  it('keeps symbolic dims as strings and unknown dims as null', () => {
    const m = readModel(
      encodeModel(
        graph({
          nodes: [node('Relu', ['x'], ['y'])],
          inputs: [valueInfo('x', DataType.FLOAT, ['batch', null, 3])],
          outputs: [valueInfo('y', DataType.FLOAT, null)],
        }),
      ),
    );
    const t = m.graph.inputs[0].type;
    assert.ok(t?.kind === 'tensor');
    assert.deepEqual(t.shape, ['batch', null, 3]);
    const out = m.graph.outputs[0].type;
    assert.ok(out?.kind === 'tensor' && out.shape === null);
  });

  it('decodes every attribute type, including sparse tensors and type protos', () => {
    const T = DataType;
    const sparse = {
      values: floatTensor('sv', [2], [1, 2]),
      indices: { name: 'si', dims: [2], data_type: T.INT64, int64_data: [0, 3] },
      dims: [4],
    };
    const attrs = [
      { name: 'f', type: 1, f: 1.5 },
      { name: 'i', type: 2, i: -7 },
      { name: 's', type: 3, s: new TextEncoder().encode('héllo') },
      { name: 't', type: 4, t: floatTensor('c', [2], [1, 2]) },
      { name: 'floats', type: 6, floats: [1, 2] },
      { name: 'ints', type: 7, ints: [3, -4] },
      { name: 'strings', type: 8, strings: [new TextEncoder().encode('a'), new TextEncoder().encode('b')] },
      { name: 'sp', type: 11, sparse_tensor: sparse },
      { name: 'sps', type: 12, sparse_tensors: [sparse] },
      { name: 'tp', type: 13, tp: valueInfo('', T.INT8, [1]).type },
      {
        name: 'tps',
        type: 14,
        type_protos: [
          {
            sequence_type: {
              elem_type: { map_type: { key_type: T.INT64, value_type: valueInfo('', T.FLOAT, null).type } },
            },
          },
        ],
      },
      { name: 'ts', type: 9, tensors: [floatTensor('a', [1], [1])] },
    ];
    const m = readModel(
      encodeModel(graph({ nodes: [{ op_type: 'Custom', domain: 'x', input: [], output: ['y'], attribute: attrs }] })),
    );
    const got = Object.fromEntries(m.graph.nodes[0].attributes.map((a) => [a.name, a]));
    assert.equal(got.f.value, 1.5);
    assert.equal(got.i.value, -7);
    assert.equal(got.s.value, 'héllo');
    assert.deepEqual(got.ints.value, [3, -4]);
    assert.deepEqual(got.strings.value, ['a', 'b']);
    assert.ok(got.sp.type === 'sparse_tensor' && got.sp.value.elements === 4 && got.sp.value.nonZeros === 2);
    assert.ok(got.tps.type === 'type_protos' && got.tps.value[0].kind === 'sequence');
    assert.ok(got.tp.type === 'type_proto' && got.tp.value.kind === 'tensor' && got.tp.value.elemType === 'int8');
  });

  it('flags int64 values beyond 2^53 as a warning', () => {
    const bytes = encodeModel(graph({ nodes: [node('Foo', [], ['y'], { big: 2 ** 60 + 1 }, 'n', 'x')] }));
    const m = readModel(bytes);
    assert.ok(
      m.warnings.some((w) => /beyond 2\^53/.test(w) && /attribute/.test(w)),
      m.warnings.join('\n'),
    );
  });

  it('warns about edges to undefined tensors and cycles, and still returns the graph', () => {
    const bytes = encodeModel(
      graph({
        nodes: [
          node('Relu', ['b'], ['a'], {}, 'r1'),
          node('Relu', ['a'], ['b'], {}, 'r2'),
          node('Relu', ['ghost'], ['c'], {}, 'r3'),
        ],
        outputs: [valueInfo('c', DataType.FLOAT, null)],
      }),
    );
    const m = readModel(bytes);
    assert.equal(m.graph.nodes.length, 3);
    assert.ok(
      m.warnings.some((w) => /undefined tensors: 'ghost'/.test(w)),
      m.warnings.join('\n'),
    );
    assert.ok(
      m.warnings.some((w) => /2 node\(s\) sit on a cycle: r1, r2/.test(w)),
      m.warnings.join('\n'),
    );
  });
});

describe('onnx reader on bad input', () => {
  const readError = (bytes: Uint8Array, pattern: RegExp): void => {
    assert.throws(
      () => readModel(bytes),
      (e: unknown) => e instanceof OnnxReadError && pattern.test(e.message),
    );
  };

  it('names what is wrong for empty, random, truncated and non-ONNX bytes', async () => {
    readError(new Uint8Array(0), /empty/);
    readError(new TextEncoder().encode('{"hello": "json"}'), /not a valid ONNX model/);
    const silero = readFileSync(await thirdPartyModel('silero_vad_v5'));
    readError(silero.subarray(0, 50_000), /truncated: graph needs 2327503 bytes/);
    // ir_version 7 and nothing else: valid protobuf, but no graph.
    readError(new Uint8Array([0x08, 0x07]), /no graph/);
  });

  it('reports a wrong wire type with the field name', () => {
    // ModelProto field 7 (graph) written as a varint: tag (7 << 3) | 0.
    readError(new Uint8Array([0x08, 0x09, 0x38, 0x01]), /graph: wire type varint where length-delimited was expected/);
  });

  it('refuses dims whose element count overflows', () => {
    const bytes = encodeModel(
      graph({ nodes: [], initializers: [{ name: 'huge', dims: [2 ** 40, 2 ** 40], data_type: 1 }] }),
    );
    readError(bytes, /tensor 'huge' dims .* overflow/);
  });

  it('refuses subgraphs nested beyond the depth bound instead of overflowing the stack', () => {
    readError(encodeModel(nestedIf(150)), /nested deeper than 100 levels/);
  });

  it('decodes the graphs of the committed models without warnings', () => {
    for (const file of committed) {
      const m = readModel(readFileSync(file));
      assert.deepEqual(m.warnings, [], file);
      assert.ok(m.graph.nodes.length > 0);
    }
  });
});

export type { Graph };
