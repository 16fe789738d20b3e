import assert from 'node:assert/strict';
import {
  concreteDims,
  dimKey,
  previewValues,
  sampleTensor,
  MAX_SAMPLE_ELEMENTS,
} from '../../../src/engine/runtime/sampleInput';

const size = (n: number) => ({ defaultDimSize: n });

describe('sample input', () => {
  it('gives symbolic and unknown dims the chosen size, by name or by input[axis]', () => {
    assert.deepEqual(concreteDims('x', ['batch', 3, null, 2], size(4)), [4, 3, 4, 2]);
    assert.deepEqual(
      concreteDims('x', ['batch', 3, null, 2], { defaultDimSize: 4, dimSizes: { batch: 7, 'x[2]': 5 } }),
      [7, 3, 5, 2],
    );
    assert.equal(dimKey('x', 1, 'seq'), 'seq');
    assert.equal(dimKey('x', 1, null), 'x[1]');
    assert.equal(dimKey('x', 1, ''), 'x[1]');
  });

  it('fills an input with a constant when asked (a sample rate, say)', () => {
    const t = sampleTensor(
      { name: 'sr', isTensor: true, elementType: 'int64', shape: [] },
      { defaultDimSize: 1, fill: { sr: 16000 } },
    );
    assert.deepEqual(t.dims, []);
    assert.deepEqual([...(t.data as BigInt64Array)], [16000n]);
  });

  it('makes tensors of the declared type with as many elements as the shape says', () => {
    const cases: [string, string][] = [
      ['float32', 'Float32Array'],
      ['float64', 'Float64Array'],
      ['int64', 'BigInt64Array'],
      ['int32', 'Int32Array'],
      ['uint8', 'Uint8Array'],
      ['bool', 'Uint8Array'],
      ['int8', 'Int8Array'],
    ];
    for (const [type, ctor] of cases) {
      const t = sampleTensor({ name: 'x', isTensor: true, elementType: type, shape: ['N', 2, 3] }, size(2));
      assert.deepEqual(t.dims, [2, 2, 3]);
      assert.equal(t.data.length, 12, type);
      assert.equal(t.data.constructor.name, ctor, type);
    }
    const s = sampleTensor({ name: 's', isTensor: true, elementType: 'string', shape: [2] }, size(1));
    assert.deepEqual(s.data, ['s0', 's1']);
  });

  it('is deterministic, bounded and not constant', () => {
    const a = sampleTensor({ name: 'x', isTensor: true, elementType: 'float32', shape: [100] }, size(1))
      .data as Float32Array;
    const b = sampleTensor({ name: 'x', isTensor: true, elementType: 'float32', shape: [100] }, size(1))
      .data as Float32Array;
    assert.deepEqual(a, b);
    assert.ok(a.every((v) => v >= -1 && v < 1));
    assert.ok(new Set(a).size > 10);
  });

  it('refuses inputs too large to make, and types it cannot make', () => {
    assert.throws(
      () =>
        sampleTensor(
          { name: 'x', isTensor: true, elementType: 'float32', shape: ['N', 4096, 4096] },
          size(MAX_SAMPLE_ELEMENTS),
        ),
      /set smaller sizes/,
    );
    assert.throws(
      () => sampleTensor({ name: 'x', isTensor: true, elementType: 'complex64', shape: [1] }, size(1)),
      /cannot generate/,
    );
  });

  it('previews numbers, converting 64-bit integers', () => {
    assert.deepEqual(previewValues(new BigInt64Array([1n, 2n, 3n]), 2), [1, 2]);
    assert.deepEqual(previewValues(new Float32Array([0.5]), 4), [0.5]);
  });
});
