// LIME over binary features (the lime package's image and text explainers): sampling as lime draws,
// cosine-distance kernel weights, and exact recovery of a value function linear in the features.

import assert from 'node:assert/strict';
import { weightedRidge } from '../../../../src/engine/explain/lime/lime';
import {
  binarySamples,
  cosineDistanceToOnes,
  LIME_IMAGE,
  LIME_TEXT,
  limeBinary,
} from '../../../../src/engine/explain/lime/limeBinary';
import { seededRandom } from '../../../../src/engine/explain/random';
import { lookupProblem, modelProblem } from './problems';

const coefficients = [1.5, -2, 0, 0.25, 3, -0.5, 1];
const linear = (mask: Uint8Array) => {
  const s = coefficients.reduce((a, c, i) => a + c * mask[i], 0.75);
  return [s, -2 * s + 1];
};

describe('LIME over binary features', () => {
  it('presets are the lime package defaults', () => {
    assert.equal(LIME_IMAGE.samples, 1000);
    assert.equal(LIME_IMAGE.kernelWidth, 0.25);
    assert.equal(LIME_TEXT.samples, 5000);
    assert.equal(LIME_TEXT.kernelWidth, 25);
    assert.equal(LIME_TEXT.distanceScale, 100);
  });

  it('sample 0 is the row; coin: each feature off half the time; size: 1..M features off, uniformly', () => {
    const m = 8;
    const n = 40000;
    const coin = binarySamples(m, n, 'coin', seededRandom(2));
    const size = binarySamples(m, n, 'size', seededRandom(2));
    for (const data of [coin, size]) assert.ok(data.subarray(0, m).every((b) => b === 1));
    let on = 0;
    for (let i = m; i < n * m; i++) on += coin[i];
    assert.ok(Math.abs(on / ((n - 1) * m) - 0.5) < 0.005);
    const offCounts = new Array(m + 1).fill(0);
    const perFeature = new Array(m).fill(0);
    for (let s = 1; s < n; s++) {
      let off = 0;
      for (let f = 0; f < m; f++) {
        off += 1 - size[s * m + f];
        perFeature[f] += 1 - size[s * m + f];
      }
      offCounts[off]++;
    }
    assert.equal(offCounts[0], 0);
    // Sizes uniform on 1..M (numpy's randint(1, M + 1)): each about (n - 1) / M; features symmetric.
    for (let k = 1; k <= m; k++) assert.ok(Math.abs(offCounts[k] / (n - 1) - 1 / m) < 0.01, `size ${k}`);
    const meanOff = perFeature.reduce((a, b) => a + b, 0) / m;
    perFeature.forEach((c) => assert.ok(Math.abs(c / meanOff - 1) < 0.03));
  });

  it('cosine distance to all ones: 1 - sqrt(on / M), all-zeros at 1', () => {
    assert.equal(cosineDistanceToOnes(4, 4), 0);
    assert.equal(cosineDistanceToOnes(0, 4), 1);
    const b = [1, 0, 1, 1, 0];
    const cos = b.reduce((a, v) => a + v, 0) / (Math.sqrt(3) * Math.sqrt(5));
    assert.ok(Math.abs(cosineDistanceToOnes(3, 5) - (1 - cos)) < 1e-15);
  });

  for (const sampling of ['coin', 'size'] as const) {
    it(`${sampling}: a value function linear in the features is recovered exactly without a penalty`, async () => {
      const { p, calls } = lookupProblem(coefficients.length, 2, linear);
      const preset = sampling === 'coin' ? LIME_IMAGE : LIME_TEXT;
      const r = await limeBinary(p, { ...preset, samples: 300, distance: 'cosine', random: seededRandom(4), alpha: 0 });
      assert.equal(calls.count, 1);
      assert.equal(calls.coalitions, 299);
      coefficients.forEach((c, f) => {
        assert.ok(Math.abs(r.weights[f * 2] - c) < 1e-9, `feature ${f}: ${r.weights[f * 2]}`);
        assert.ok(Math.abs(r.weights[f * 2 + 1] + 2 * c) < 1e-9);
      });
      assert.ok(Math.abs(r.intercept[0] - 0.75) < 1e-9);
      assert.ok(Math.abs(r.intercept[1] - -0.5) < 1e-9);
      for (let j = 0; j < 2; j++) {
        assert.ok(Math.abs(r.score[j] - 1) < 1e-12);
        assert.ok(Math.abs(r.localPrediction[j] - p.full[j]) < 1e-9);
      }
    });
  }

  it('with alpha 1 it is the weighted ridge of the drawn samples under the kernel, and seeded runs repeat', async () => {
    const m = coefficients.length;
    // Through the engine's value function: elements are the groups, masked ones take the background's 0.
    const x = Float64Array.from({ length: m }, () => 1);
    const groups = { count: m, groupOf: Int32Array.from({ length: m }, (_, i) => i) };
    const p = await modelProblem(x, new Float64Array(m), groups, 2, (row, out) => {
      out.set(linear(Uint8Array.from(row)));
    });
    const options = { ...LIME_IMAGE, distance: 'cosine' as const, random: seededRandom(8) };
    const r = await limeBinary(p, options);
    const again = await limeBinary(p, { ...options, random: seededRandom(8) });
    assert.deepEqual(r, again);
    const other = await limeBinary(p, { ...options, random: seededRandom(9) });
    assert.notDeepEqual(r.weights, other.weights);
    // The same fit rebuilt from the same draws, with the kernel written out.
    const data = binarySamples(m, 1000, 'coin', seededRandom(8));
    const n = 1000;
    const y = new Float64Array(n * 2);
    const w = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      const row = data.subarray(s * m, (s + 1) * m);
      y.set(linear(row), s * 2);
      const on = row.reduce((a, b) => a + b, 0);
      const d = 1 - on / Math.sqrt(on * m || 1);
      w[s] = Math.sqrt(Math.exp(-(d * d) / 0.0625));
    }
    const expected = weightedRidge(data, y, w, n, m, 2, 1);
    for (let i = 0; i < m * 2; i++) assert.ok(Math.abs(r.weights[i] - expected.weights[i]) < 1e-9);
    // The penalty only shrinks a little: the weights stay close to the coefficients.
    coefficients.forEach((c, f) => assert.ok(Math.abs(r.weights[f * 2] - c) < 0.1 * Math.max(1, Math.abs(c))));
  });
});
