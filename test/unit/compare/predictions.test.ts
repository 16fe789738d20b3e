import assert from 'node:assert/strict';
import { agreementOf, absDiffs, mostDifferentRows, ranks, spearman } from '../../../src/engine/compare/predictions';
import { opRows } from '../../../src/engine/compare/structure';
import { runRows } from '../../../src/engine/explain/rowFeeds';
import type { InferenceBackend, TensorData } from '../../../src/engine/runtime/backend';
import { seededRandom } from '../../../src/engine/data/background';

const values = (data: number[], columns: number, integer = false) => ({
  data: Float64Array.from(data),
  columns,
  integer,
});

describe('compare: predictions', () => {
  it('Spearman equals 1 - 6 sum d^2 / (n (n^2 - 1)) without ties, and handles ties by average ranks', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 20; trial++) {
      const n = 3 + trial;
      const x = Array.from({ length: n }, () => random());
      const y = Array.from({ length: n }, () => random());
      const rx = ranks(x);
      const ry = ranks(y);
      const d2 = rx.reduce((s, r, i) => s + (r - ry[i]) ** 2, 0);
      assert.ok(Math.abs(spearman(x, y) - (1 - (6 * d2) / (n * (n * n - 1)))) < 1e-12);
    }
    assert.deepEqual(ranks([5, 1, 5, 3]), [3.5, 1, 3.5, 2]);
    assert.equal(spearman([1, 2, 3], [10, 20, 30]), 1);
    assert.equal(spearman([1, 2, 3], [3, 2, 1]), -1);
    assert.equal(spearman([1, 1, 1], [1, 1, 1]), 1);
  });

  it('agreement: top-1 for several columns, equality for labels, 0.5 for one probability, none for a regression', () => {
    assert.deepEqual(agreementOf(values([0.1, 0.9, 0.8, 0.2], 2), values([0.4, 0.6, 0.4, 0.6], 2), 2), {
      agreement: 0.5,
      basis: 'top-1',
    });
    assert.equal(agreementOf(values([1, 2, 0], 1, true), values([1, 2, 2], 1, true), 3).agreement, 2 / 3);
    assert.equal(agreementOf(values([0.2, 0.7, 0.5], 1), values([0.4, 0.4, 0.6], 1), 3).agreement, 2 / 3);
    assert.equal(agreementOf(values([10, 20], 1), values([10, 20], 1), 2).agreement, null);
  });

  it('absolute differences and the rows that differ most, largest first', () => {
    const a = values([0, 0, 1, 1, 2, 2], 2);
    const b = values([0, 0.5, 1, 1, 2.25, 2], 2);
    assert.deepEqual(absDiffs(a.data, b.data), { max: 0.5, mean: 0.75 / 6 });
    const rows = mostDifferentRows(a, b, 3, (r) => 100 + r);
    assert.deepEqual(
      rows.map((r) => [r.row, r.diff]),
      [
        [100, 0.5],
        [102, 0.25],
      ],
    );
  });

  it('op histogram rows: added, removed, changed, then the same', () => {
    const rows = opRows({ Gemm: 3, Relu: 2, Add: 1 }, { MatMulInteger: 3, Relu: 2, Add: 4 });
    assert.deepEqual(
      rows.map((r) => [r.op, r.change]),
      [
        ['MatMulInteger', 'added'],
        ['Gemm', 'removed'],
        ['Add', 'changed'],
        ['Relu', 'same'],
      ],
    );
  });

  it('runs every row once in batches, plus one untimed warm-up row', async () => {
    const seen: number[] = [];
    const backend: InferenceBackend = {
      inputs: [{ name: 'x', isTensor: true, elementType: 'float32', shape: ['batch', 2] }],
      outputs: [{ name: 'y', isTensor: true, elementType: 'float32', shape: ['batch', 1] }],
      run: async (feeds) => {
        const x = feeds.x as TensorData;
        seen.push(x.dims[0]);
        const d = x.data as Float32Array;
        return {
          y: {
            type: 'float32',
            dims: [x.dims[0], 1],
            data: Float32Array.from({ length: x.dims[0] }, (_, r) => d[2 * r] + d[2 * r + 1]),
          },
        };
      },
      dispose: async () => {},
    };
    const rows = Float32Array.from({ length: 20 }, (_, i) => i);
    const out = await runRows(backend, rows, 10, ['y'], { batch: 4 });
    assert.deepEqual(seen, [1, 4, 4, 2]);
    assert.deepEqual(
      Array.from(out.values.get('y')!.data),
      Array.from({ length: 10 }, (_, r) => 4 * r + 1),
    );
    // Every call holds at least 2 rows, so no call spends more than half the total per row.
    assert.ok(out.msPerRow > 0 && out.msPerRow <= out.runMs / 2);
  });
});
