// The Shapley methods (exact, kernel, permutation) on plain-function models: against values averaged
// over every feature ordering, and the closed forms every method must meet.

import assert from 'node:assert/strict';
import { CancelledError, functionModel, type BatchModel } from '../../../../src/engine/explain/batchModel';
import { explainRows } from '../../../../src/engine/explain/explainRows';
import { seededRandom } from '../../../../src/engine/explain/random';
import { kernelPlan } from '../../../../src/engine/explain/shapley/kernelPlan';
import { maxAbsDiff, shapleyByOrderings, type RowFunction } from './reference';

const rng = seededRandom(42);
const randomRows = (n: number, m: number) =>
  Array.from({ length: n }, () => Float64Array.from({ length: m }, () => rng() * 4 - 2));

function modelOf(m: number, f: RowFunction, columns: number): BatchModel {
  return functionModel(m, columns, (row, out) => out.set(f(Float64Array.from(row))));
}

/** Values are float32-rounded on their way into the model, as with onnxruntime: compare on rounded rows. */
const f32 = (rows: Float64Array[]) => rows.map((r) => Float64Array.from(Float32Array.from(r)));

async function explain(
  f: RowFunction,
  columns: number,
  x: Float64Array[],
  bg: Float64Array[],
  method: 'exact' | 'kernel' | 'permutation' | 'auto',
  extra: { weights?: number[]; samples?: number; seed?: number; link?: 'identity' | 'logit' } = {},
) {
  const m = x[0].length;
  return explainRows({
    model: modelOf(m, f, columns),
    method,
    outputName: 'y',
    columnNames: Array.from({ length: columns }, (_, j) => `c${j}`),
    featureNames: Array.from({ length: m }, (_, i) => `f${i}`),
    rows: { values: Float64Array.from(x.flatMap((r) => [...r])), rows: x.length, cols: m },
    rowIndices: x.map((_, i) => i),
    background: {
      values: Float64Array.from(bg.flatMap((r) => [...r])),
      rows: bg.length,
      weights: extra.weights ? Float64Array.from(extra.weights) : undefined,
    },
    samples: extra.samples,
    seed: extra.seed,
    link: extra.link,
  });
}

// A model with interactions, a non-linearity and two outputs; feature 4 is ignored, 0 and 1 enter symmetrically.
const interacting: RowFunction = (r) => {
  const a = r[0] * r[1] + Math.sin(r[2]) + 0.5 * r[3] * r[2] + r[5] ** 2 / 3;
  return [a, Math.tanh(a) + r[0] + r[1]];
};

describe('Shapley methods on function models', function () {
  // The sampled kernel fits third-order terms (a few hundred parameters): seconds on a busy machine.
  this.timeout(20_000);
  const x = f32(randomRows(3, 6));
  const bg = f32(randomRows(9, 6));

  for (const method of ['exact', 'kernel', 'permutation'] as const) {
    it(`${method}: a linear model gets w_i (x_i - weighted background mean_i), exactly`, async () => {
      const w = [1.5, -2, 0, 0.25, 3, -1];
      const linear: RowFunction = (r) => [w.reduce((s, wi, i) => s + wi * r[i], 0.5)];
      const weights = [1, 2, 3, 1, 1, 2, 5, 1, 1];
      const { attribution: a } = await explain(linear, 1, x, bg, method, { weights });
      const total = weights.reduce((p, q) => p + q, 0);
      x.forEach((row, r) =>
        w.forEach((wi, i) => {
          const mean = bg.reduce((s, b, k) => s + (weights[k] * b[i]) / total, 0);
          assert.ok(Math.abs(a.values[r][i][0] - wi * (row[i] - mean)) < 1e-9, `${method} row ${r} feature ${i}`);
        }),
      );
    });
  }

  it('exact equals the mean over all 720 orderings, for every row and both outputs', async () => {
    const { attribution: a } = await explain(interacting, 2, x, bg, 'exact');
    x.forEach((row, r) => assert.ok(maxAbsDiff(a.values[r], shapleyByOrderings(interacting, row, bg)) < 1e-9));
    assert.equal(a.evaluations, bg.length + x.length + x.length * 62 * bg.length);
  });

  it('exact: an ignored feature gets 0, symmetric features get equal values, efficiency holds', async () => {
    const xs = [Float64Array.of(1, 1, 0.3, -1, 2, 0.5)];
    const bgs = bg.map((b) => Float64Array.of(b[0], b[0], b[2], b[3], b[4], b[5]));
    const { attribution: a } = await explain(interacting, 2, xs, bgs, 'exact');
    for (let j = 0; j < 2; j++) {
      assert.ok(Math.abs(a.values[0][4][j]) < 1e-12);
      assert.ok(Math.abs(a.values[0][0][j] - a.values[0][1][j]) < 1e-12);
      const sum = a.values[0].reduce((s, v) => s + v[j], 0);
      assert.ok(Math.abs(sum - (a.predictions[0][j] - a.base_values[j])) < 1e-12);
    }
  });

  it('kernel is exact when its budget covers every coalition', async () => {
    const exact = (await explain(interacting, 2, x, bg, 'exact')).attribution;
    const kernel = (await explain(interacting, 2, x, bg, 'kernel')).attribution;
    x.forEach((_, r) => assert.ok(maxAbsDiff(kernel.values[r], exact.values[r]) < 1e-9));
    assert.ok(kernelPlan(6, 2 * 6 + 2048, rng).exhaustive);
  });

  it('kernel with a sampled budget: close to exact, efficiency exact, the same numbers for the same seed', async () => {
    const m = 13;
    const f: RowFunction = (r) => [
      1 / (1 + Math.exp(-(r[0] * r[1] - r[2] + Math.sin(r[3] * r[4]) + 0.3 * r.slice(5).reduce((s, v) => s + v, 0)))),
    ];
    const xs = f32(randomRows(2, m));
    const bgs = f32(randomRows(12, m));
    const plan = kernelPlan(m, 2 * m + 2048, seededRandom(1));
    assert.equal(plan.exhaustive, false);
    assert.equal(plan.count, 2 * m + 2048);
    const exact = (await explain(f, 1, xs, bgs, 'exact')).attribution;
    const k1 = (await explain(f, 1, xs, bgs, 'kernel', { seed: 7 })).attribution;
    const k2 = (await explain(f, 1, xs, bgs, 'kernel', { seed: 7 })).attribution;
    assert.deepEqual(k1.values, k2.values);
    xs.forEach((_, r) => {
      assert.ok(maxAbsDiff(k1.values[r], exact.values[r]) < 1e-2, `row ${r}`);
      const sum = k1.values[r].reduce((s, v) => s + v[0], 0);
      assert.ok(Math.abs(sum - (k1.predictions[r][0] - k1.base_values[0])) < 1e-12);
    });
    const other = (await explain(f, 1, xs, bgs, 'kernel', { seed: 8 })).attribution;
    assert.notDeepEqual(other.values, k1.values);
  });

  it('permutation: efficiency exact per row, converges to exact, ignored feature 0 to rounding', async () => {
    const exact = (await explain(interacting, 2, x, bg, 'exact')).attribution;
    const perm = (await explain(interacting, 2, x, bg, 'permutation', { samples: 2000, seed: 3 })).attribution;
    x.forEach((_, r) => {
      assert.ok(maxAbsDiff(perm.values[r], exact.values[r]) < 0.05, `row ${r}`);
      for (let j = 0; j < 2; j++) {
        assert.ok(Math.abs(perm.values[r][4][j]) < 1e-12);
        const sum = perm.values[r].reduce((s, v) => s + v[j], 0);
        assert.ok(Math.abs(sum - (perm.predictions[r][j] - perm.base_values[j])) < 1e-9);
      }
    });
  });

  it('the logit link applies after averaging over the background', async () => {
    const prob: RowFunction = (r) => [1 / (1 + Math.exp(-(r[0] * r[1] + r[2] - r[3]))), 0.5];
    const xs = f32(randomRows(1, 4));
    const bgs = f32(randomRows(6, 4));
    const logit = (p: number) => Math.log(p / (1 - p));
    const { attribution: a } = await explain(prob, 2, xs, bgs, 'exact', { link: 'logit' });
    const reference = shapleyByOrderings(prob, xs[0], bgs, undefined, logit);
    assert.ok(maxAbsDiff(a.values[0], reference) < 1e-9);
    const meanP = bgs.reduce((s, b) => s + prob(b)[0], 0) / bgs.length;
    assert.ok(Math.abs(a.base_values[0] - logit(meanP)) < 1e-12);
    assert.equal(a.link, 'logit');
  });

  it('auto picks exact for few features and kernel for many', async () => {
    assert.equal((await explain(interacting, 2, x.slice(0, 1), bg, 'auto')).plan.method, 'exact');
    const wide = f32(randomRows(1, 12));
    assert.equal((await explain((r) => [r[0]], 1, wide, f32(randomRows(3, 12)), 'auto')).plan.method, 'kernel');
  });

  it('stops within one model call of a cancel, and reports progress up to the planned total', async () => {
    const token = { isCancellationRequested: false };
    const seen: number[] = [];
    const m = 10;
    const xs = f32(randomRows(4, m));
    const bgs = f32(randomRows(50, m));
    let calls = 0;
    const model = functionModel(m, 1, (row, out) => {
      out[0] = row[0];
    });
    const counting: BatchModel = {
      ...model,
      evaluate: (rows, n) => {
        calls++;
        return model.evaluate(rows, n);
      },
    };
    const base = {
      model: counting,
      method: 'exact' as const,
      outputName: 'y',
      columnNames: ['y'],
      featureNames: Array.from({ length: m }, (_, i) => `f${i}`),
      rows: { values: Float64Array.from(xs.flatMap((r) => [...r])), rows: 4, cols: m },
      rowIndices: [0, 1, 2, 3],
      background: { values: Float64Array.from(bgs.flatMap((r) => [...r])), rows: 50 },
    };
    const done = await explainRows({ ...base, progress: (d, t) => seen.push(d / t) });
    assert.equal(seen[seen.length - 1], 1);
    assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]));
    assert.equal(done.attribution.evaluations, done.plan.evaluations);
    calls = 0;
    let callsAtCancel = 0;
    const rowsSeen: number[] = [];
    await assert.rejects(
      explainRows({
        ...base,
        cancel: token,
        onRow: (position) => {
          rowsSeen.push(position);
          if (position === 1) {
            token.isCancellationRequested = true;
            callsAtCancel = calls;
          }
        },
      }),
      CancelledError,
    );
    assert.deepEqual(rowsSeen, [0, 1]);
    assert.equal(calls, callsAtCancel);
  });
});
