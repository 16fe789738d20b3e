import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { readModel } from '../../../src/engine/onnx/reader';
import { DataType } from '../../../src/engine/onnx/schema';
import { readTensorValues } from '../../../src/engine/onnx/tensorValues';
import { OnnxReadError } from '../../../src/engine/onnx/types';
import { weightStats } from '../../../src/engine/onnx/weightStats';
import { encodeModel, GENERATED, graph, node, valueInfo, writeGenerated, type Obj } from './build';

/** A model holding one initializer `t`, read back; returns the decoded values. */
function roundTrip(tensor: Obj): ReturnType<typeof readTensorValues> {
  const bytes = encodeModel(
    graph({
      nodes: [node('Identity', ['t'], ['y'])],
      outputs: [valueInfo('y', DataType.FLOAT, null)],
      initializers: [{ name: 't', ...tensor }],
    }),
  );
  return readTensorValues(readModel(bytes).graph.initializers[0], bytes);
}

const u16 = (...v: number[]) => new Uint8Array(Uint16Array.from(v).buffer);

describe('onnx tensor values', () => {
  it('decodes float16 and bfloat16 bit patterns (raw_data and int32_data)', () => {
    // IEEE binary16: 0x3c00 = 1, 0xc000 = -2, 0x7c00 = +inf, 0x0001 = 2^-24 (smallest subnormal).
    assert.deepEqual(
      Array.from(
        roundTrip({
          dims: [4],
          data_type: DataType.FLOAT16,
          raw_data: u16(0x3c00, 0xc000, 0x7c00, 0x0001),
        }) as Float32Array,
      ),
      [1, -2, Infinity, 2 ** -24],
    );
    assert.deepEqual(
      Array.from(roundTrip({ dims: [2], data_type: DataType.FLOAT16, int32_data: [0x3c00, 0x3800] }) as Float32Array),
      [1, 0.5],
    );
    // bfloat16 is the top half of float32: 0x3f80 = 1, 0xc040 = -3.
    assert.deepEqual(
      Array.from(roundTrip({ dims: [2], data_type: DataType.BFLOAT16, raw_data: u16(0x3f80, 0xc040) }) as Float32Array),
      [1, -3],
    );
  });

  it('unpacks int4/uint4 low nibble first and decodes float8 formats', () => {
    assert.deepEqual(
      Array.from(
        roundTrip({ dims: [3], data_type: DataType.INT4, raw_data: new Uint8Array([0x8f, 0x07]) }) as Int8Array,
      ),
      [-1, -8, 7],
    );
    assert.deepEqual(
      Array.from(roundTrip({ dims: [2], data_type: DataType.UINT4, raw_data: new Uint8Array([0xa3]) }) as Uint8Array),
      [3, 10],
    );
    // e4m3fn: 0x38 = 1 (exp 7, bias 7), 0x7f = NaN, 0x01 = 2^-9; e5m2: 0x3c = 1, 0x7c = inf.
    const e4 = roundTrip({
      dims: [3],
      data_type: DataType.FLOAT8E4M3FN,
      raw_data: new Uint8Array([0x38, 0x7f, 0x01]),
    }) as Float32Array;
    assert.deepEqual([e4[0], Number.isNaN(e4[1]), e4[2]], [1, true, 2 ** -9]);
    assert.deepEqual(
      Array.from(
        roundTrip({
          dims: [2],
          data_type: DataType.FLOAT8E5M2,
          raw_data: new Uint8Array([0x3c, 0x7c]),
        }) as Float32Array,
      ),
      [1, Infinity],
    );
  });

  it('reads int64, uint64, double and string tensors from their typed fields', () => {
    assert.deepEqual(
      Array.from(roundTrip({ dims: [3], data_type: DataType.INT64, int64_data: [-5, 0, 2 ** 40] }) as BigInt64Array),
      [-5n, 0n, 2n ** 40n],
    );
    assert.deepEqual(
      Array.from(roundTrip({ dims: [2], data_type: DataType.UINT64, uint64_data: [7, 2 ** 40] }) as BigUint64Array),
      [7n, 2n ** 40n],
    );
    assert.deepEqual(
      Array.from(roundTrip({ dims: [2], data_type: DataType.DOUBLE, double_data: [0.1, -7] }) as Float64Array),
      [0.1, -7],
    );
    assert.deepEqual(
      roundTrip({
        dims: [2],
        data_type: DataType.STRING,
        string_data: [new TextEncoder().encode('a'), new TextEncoder().encode('bé')],
      }),
      ['a', 'bé'],
    );
  });

  it('refuses data whose size disagrees with the dims', () => {
    assert.throws(
      () => roundTrip({ dims: [3], data_type: DataType.FLOAT, raw_data: new Uint8Array(8) }),
      (e: unknown) => e instanceof OnnxReadError && /8 bytes, dims \[3\] of float32 need 12/.test(e.message),
    );
  });

  it('reads external data next to the model, and names a missing file or a path outside the folder', () => {
    const values = Float32Array.from([1.5, -2, 0, 4]);
    const external = (location: string, offset: number) => ({
      name: 'w',
      dims: [4],
      data_type: DataType.FLOAT,
      data_location: 1,
      external_data: [
        { key: 'location', value: location },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: '16' },
      ],
    });
    const bin = new Uint8Array(16 + 16);
    bin.set(new Uint8Array(values.buffer), 16);
    writeGenerated('external.bin', bin);
    const make = (location: string) =>
      encodeModel(
        graph({
          nodes: [node('Identity', ['w'], ['y'])],
          outputs: [valueInfo('y', DataType.FLOAT, null)],
          initializers: [external(location, 16)],
        }),
      );
    const file = writeGenerated('external.onnx', make('external.bin'));
    const bytes = make('external.bin');
    const m = readModel(bytes, { modelPath: file });
    const w = m.graph.initializers[0];
    assert.deepEqual(w.storage, { kind: 'external', location: 'external.bin', offset: 16, length: 16 });
    assert.deepEqual(Array.from(readTensorValues(w, bytes, m.modelDir) as Float32Array), Array.from(values));
    rmSync(path.join(GENERATED, 'missing.bin'), { force: true });
    const missing = readModel(make('missing.bin'), { modelPath: file });
    assert.ok(
      missing.warnings.some((w) => /tensor 'w': external data file 'missing.bin' not found/.test(w)),
      missing.warnings.join('\n'),
    );
    assert.throws(
      () => readTensorValues(missing.graph.initializers[0], bytes, missing.modelDir),
      /external data file 'missing.bin' not found/,
    );
    assert.deepEqual(
      weightStats(missing, bytes).skipped.map((s) => s.name),
      ['w'],
    );
    const escape = readModel(make('../../../etc/passwd'), { modelPath: file });
    assert.throws(
      () => readTensorValues(escape.graph.initializers[0], bytes, escape.modelDir),
      /outside the model's folder/,
    );
  });
});
