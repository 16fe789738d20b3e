// Row buffers reused between model calls (the soak's fix): calls that overlap never share a buffer, and a
// thread's evaluators stop allocating a block per call once a big enough buffer is idle.

import assert from 'node:assert/strict';
import { functionModel, type BatchModel } from '../../../src/engine/explain/batchModel';
import { BatchEvaluator } from '../../../src/engine/explain/evaluator';
import { RowBuffers } from '../../../src/engine/explain/rowBuffers';

/** f(row) = sum of i * x_i, answered after a delay so that calls overlap while one awaits the model. */
function slowModel(d: number, seen: Set<ArrayBufferLike>[]): BatchModel {
  const f = functionModel(d, 1, (row, out) => {
    out[0] = 0;
    for (let i = 0; i < row.length; i++) out[0] += i * row[i];
  });
  return {
    ...f,
    maxBatch: 4,
    async evaluate(rows, n) {
      seen.push(new Set([rows.buffer]));
      const y = await f.evaluate(rows, n);
      await new Promise((r) => setTimeout(r, 2));
      // Another call writing into the same buffer meanwhile would change what this block holds.
      const again = await f.evaluate(rows, n);
      assert.deepEqual(again, y, 'the block was overwritten while its call awaited the model');
      return y;
    },
  };
}

describe('row buffers', () => {
  it('take returns the smallest idle buffer that fits, of the row type; give keeps the largest few', () => {
    const b = new RowBuffers(2);
    const small = b.take('float32', 10);
    const big = b.take('float32', 100);
    const wide = b.take('float64', 50);
    assert.ok(small instanceof Float32Array && small.length === 10);
    assert.ok(wide instanceof Float64Array);
    b.give(small);
    b.give(big);
    assert.equal(b.take('float32', 5), small);
    b.give(small);
    b.give(wide); // three idle: the smallest (10) goes
    assert.equal(b.take('float32', 5), big);
    assert.equal(b.take('float64', 20), wide);
    assert.notEqual(b.take('float32', 5), small);
  });

  it('overlapping calls on evaluators sharing buffers get their own blocks and the right values', async () => {
    const d = 3;
    const buffers = new RowBuffers(2);
    const seen: Set<ArrayBufferLike>[] = [];
    const model = slowModel(d, seen);
    const a = new BatchEvaluator(model, { buffers, maxBlockRows: 4 });
    const b = new BatchEvaluator(model, { buffers, maxBlockRows: 4 });
    const rows = (n: number, k: number) => Float64Array.from({ length: n * d }, (_, i) => (i % 7) + k);
    const want = (x: Float64Array, n: number) =>
      Float64Array.from({ length: n }, (_, r) => x[r * d] * 0 + x[r * d + 1] + 2 * x[r * d + 2]);
    const xa = rows(10, 1);
    const xb = rows(9, 100);
    const [ya, yb] = await Promise.all([a.evaluateRows(xa, 10), b.evaluateRows(xb, 9)]);
    // float32 rows: the sums of small integers are exact.
    assert.deepEqual(ya, want(xa, 10));
    assert.deepEqual(yb, want(xb, 9));
    // Later calls reuse the idle buffers instead of allocating new ones.
    const before = new Set(seen.flatMap((s) => [...s]));
    seen.length = 0;
    await Promise.all([a.evaluateRows(xa, 10), b.evaluateRows(xb, 9)]);
    const after = new Set(seen.flatMap((s) => [...s]));
    assert.ok(
      [...after].every((buf) => before.has(buf)),
      'a call allocated a new buffer while two were idle',
    );
    assert.equal(after.size, 2);
  });
});
