// LIME, permutation importance and partial dependence on function models whose answers are known.

import assert from 'node:assert/strict';
import { functionModel } from '../../../../src/engine/explain/batchModel';
import { BatchEvaluator } from '../../../../src/engine/explain/evaluator';
import { permutationImportance } from '../../../../src/engine/explain/global/importance';
import { score } from '../../../../src/engine/explain/global/metrics';
import { partialDependence, featureGrid } from '../../../../src/engine/explain/global/partialDependence';
import { binOf, percentile, quartileBins } from '../../../../src/engine/explain/lime/discretize';
import { limeTabular, weightedRidge } from '../../../../src/engine/explain/lime/lime';
import { seededRandom } from '../../../../src/engine/explain/random';

const rng = seededRandom(9);
const training = (rows: number, cols: number) => ({
  values: Float64Array.from({ length: rows * cols }, () => rng() * 10),
  rows,
  cols,
});

describe('LIME', () => {
  it('quartile bins: edges at the 25/50/75th percentiles, values on an edge go to the lower bin', () => {
    const t = { values: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), rows: 9, cols: 1 };
    const [bins] = quartileBins(t);
    assert.deepEqual(bins.edges, [3, 5, 7]);
    assert.equal(percentile(Float64Array.from([1, 2, 3, 4]), 50), 2.5);
    assert.deepEqual(
      [3, 3.1, 7, 9].map((v) => binOf(bins.edges, v)),
      [0, 1, 2, 3],
    );
    assert.deepEqual(bins.frequencies, [3 / 9, 2 / 9, 2 / 9, 2 / 9]);
    assert.deepEqual(bins.mins, [1, 3, 5, 7]);
    assert.deepEqual(bins.maxs, [3, 5, 7, 9]);
  });

  it('recovers a model that is linear in "same bin as the row": weights, intercept, R^2 = 1', async () => {
    const data = training(400, 4);
    const bins = quartileBins(data);
    const x = Float64Array.of(1.1, 6.2, 4.4, 9.5);
    const rowBins = Array.from(x, (v, f) => binOf(bins[f].edges, v));
    const a = [2, -1, 0, 0.5];
    const model = functionModel(4, 1, (row, out) => {
      out[0] = 0.25 + a.reduce((s, w, f) => s + w * (binOf(bins[f].edges, row[f]) === rowBins[f] ? 1 : 0), 0);
    });
    const r = await limeTabular(new BatchEvaluator(model), bins, x, { random: seededRandom(1) });
    // Ridge (alpha 1) over 5,000 weighted samples shrinks the weights only slightly.
    a.forEach((w, f) => assert.ok(Math.abs(r.weights[f] - w) < 0.02, `feature ${f}: ${r.weights[f]}`));
    assert.ok(Math.abs(r.intercept[0] - 0.25) < 0.03);
    assert.ok(r.score[0] > 0.999);
    assert.ok(Math.abs(r.localPrediction[0] - (0.25 + 2 - 1 + 0.5)) < 0.03);
  });

  it('weighted ridge matches the normal equations solved directly', () => {
    const n = 50;
    const m = 3;
    const xs = Float64Array.from({ length: n * m }, () => rng());
    const y = Float64Array.from({ length: n }, (_, s) => 1 + 2 * xs[s * m] - xs[s * m + 2] + 0.1 * rng());
    const w = Float64Array.from({ length: n }, () => 0.5 + rng());
    const r = weightedRidge(xs, y, w, n, m, 1, 0.7);
    // Gradient of sum w (y - b - x.beta)^2 + 0.7 |beta|^2 vanishes at the solution.
    const resid = (s: number) =>
      y[s] - r.intercept[0] - [0, 1, 2].reduce((acc, f) => acc + xs[s * m + f] * r.weights[f], 0);
    let g0 = 0;
    for (let s = 0; s < n; s++) g0 += w[s] * resid(s);
    assert.ok(Math.abs(g0) < 1e-9);
    for (let f = 0; f < m; f++) {
      let g = 0;
      for (let s = 0; s < n; s++) g += w[s] * resid(s) * xs[s * m + f];
      assert.ok(Math.abs(g - 0.7 * r.weights[f]) < 1e-9);
    }
  });
});

describe('permutation importance and partial dependence', () => {
  it('a feature the model ignores has importance exactly 0; the one it reads has a positive drop', async () => {
    const data = training(200, 3);
    const labels = Float64Array.from({ length: 200 }, (_, r) => (data.values[r * 3] > 5 ? 1 : 0));
    const model = functionModel(3, 2, (row, out) => {
      const p = 1 / (1 + Math.exp(-(row[0] - 5) * 3));
      out[0] = 1 - p;
      out[1] = p;
    });
    const r = await permutationImportance(new BatchEvaluator(model), data, labels, 'accuracy', 4, seededRandom(2));
    assert.equal(r.baseline, 1);
    assert.equal(r.mean[1], 0);
    assert.equal(r.mean[2], 0);
    assert.equal(r.std[1], 0);
    assert.ok(r.mean[0] > 0.3);
    const loss = await permutationImportance(new BatchEvaluator(model), data, labels, 'log_loss', 2, seededRandom(2));
    assert.ok(loss.baseline > 0 && loss.mean[0] > 0 && loss.mean[1] === 0);
  });

  it('scores: accuracy, log-loss and RMSE from their definitions', () => {
    const out = Float64Array.of(0.9, 0.1, 0.2, 0.8, 0.6, 0.4);
    const labels = Float64Array.of(0, 1, 1);
    assert.equal(score('accuracy', out, 2, labels), 2 / 3);
    assert.ok(
      Math.abs(score('log_loss', out, 2, labels) - (Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3) < 1e-15,
    );
    assert.ok(
      Math.abs(score('rmse', Float64Array.of(1, 2, 4), 1, Float64Array.of(1, 1, 1)) + Math.sqrt(10 / 3)) < 1e-15,
    );
  });

  it('an additive model: the PDP is g(grid) + mean h, and ICE curves are parallel', async () => {
    const data = training(60, 2);
    const model = functionModel(2, 1, (row, out) => {
      out[0] = Math.sin(row[0]) + row[1] ** 2;
    });
    const grid = featureGrid(data, 0, 9);
    assert.equal(grid.length, 9);
    const r = await partialDependence(new BatchEvaluator(model), data, 0, grid);
    const f32 = (v: number) => Math.fround(v);
    let meanH = 0;
    for (let i = 0; i < 60; i++) meanH += f32(data.values[i * 2 + 1]) ** 2 / 60;
    grid.forEach((g, k) => assert.ok(Math.abs(r.average[0][k] - (Math.sin(f32(g)) + meanH)) < 1e-9));
    const d0 = r.ice[0][0][3] - r.ice[0][0][0];
    r.ice.forEach((row) => assert.ok(Math.abs(row[0][3] - row[0][0] - d0) < 1e-9));
  });
});
