// The paired kernel's fit works on sparse design rows (each pair's terms that differ from the last feature, one
// sign each). Checked against the same constrained weighted least squares written densely and solved by
// Lagrange multipliers: values, the efficiency constraint, leverages and the standard errors' formula.

import assert from 'node:assert/strict';
import { solveSymmetric } from '../../../../src/engine/explain/linalg';
import { seededRandom } from '../../../../src/engine/explain/random';
import { prepareFit, solvePrepared, triplesOf } from '../../../../src/engine/explain/shapley/pairedFit';
import { pairPlan, planDesign } from '../../../../src/engine/explain/shapley/pairPlan';
import {
  clearPreparedFits,
  preparedFitBytes,
  preparedFitFor,
} from '../../../../src/engine/explain/shapley/preparedFits';

/**
 * Minimise sum_k w_k |d_k - z_k beta|^2 over beta = (a_0..a_{m-1}, c_T) subject to sum beta = dN, where z_k holds
 * y_i (+-1 per feature) and the triples' products: the KKT system [Z^T W Z, 1_a; 1_a^T, 0]. Values: 2 a_i plus
 * 2/3 of each triple's coefficient to its three features.
 */
function denseFit(masks: Uint8Array, weights: Float64Array, m: number, triples: number[][], d: number[], dN: number) {
  const n = weights.length;
  const q = m + triples.length;
  const z = (k: number) => {
    const y = Array.from({ length: m }, (_, i) => 2 * masks[k * m + i] - 1);
    return [...y, ...triples.map(([a, b, c]) => y[a] * y[b] * y[c])];
  };
  const size = q + 1;
  const kkt = new Float64Array(size * size);
  const rhs = new Float64Array(size);
  for (let k = 0; k < n; k++) {
    const row = z(k);
    for (let i = 0; i < q; i++) {
      rhs[i] += weights[k] * row[i] * d[k];
      for (let j = 0; j < q; j++) kkt[i * size + j] += weights[k] * row[i] * row[j];
    }
  }
  // v(N) - v(empty) fixes the sum of every coefficient (all y are +1 at N).
  for (let i = 0; i < q; i++) kkt[i * size + q] = kkt[q * size + i] = 1;
  rhs[q] = dN;
  // The KKT matrix is indefinite: solve its normal equations (K^T K x = K^T r), well conditioned here.
  const ktk = new Float64Array(size * size);
  const ktr = new Float64Array(size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      let s = 0;
      for (let r = 0; r < size; r++) s += kkt[r * size + i] * kkt[r * size + j];
      ktk[i * size + j] = s;
    }
  for (let i = 0; i < size; i++) for (let r = 0; r < size; r++) ktr[i] += kkt[r * size + i] * rhs[r];
  const beta = solveSymmetric(ktk, size, ktr, 1);
  const values = Array.from({ length: m }, (_, i) => 2 * beta[i]);
  triples.forEach((t, u) => t.forEach((i) => (values[i] += (2 / 3) * beta[m + u])));
  return values;
}

describe('paired kernel fit (sparse design rows)', function () {
  this.timeout(60_000);
  // One column, a block of four partly used, and more columns than one block (the fit works in blocks of four).
  for (const { m, budget, leading, c } of [
    { m: 6, budget: 40, leading: 5, c: 1 },
    { m: 13, budget: 2000, leading: 13, c: 2 },
    { m: 20, budget: 900, leading: 8, c: 5 },
  ]) {
    it(`m=${m}, ${c} column(s): the values equal the dense constrained least squares and sum to v(N) - v(empty)`, () => {
      const random = seededRandom(m);
      const design = planDesign(pairPlan(m, budget, random), 1);
      const features = Array.from({ length: leading }, (_, i) => (i * 7) % m);
      const triples = triplesOf(features);
      const tripleList = Array.from({ length: triples.length / 3 }, (_, u) =>
        Array.from(triples.slice(3 * u, 3 * u + 3)),
      );
      const d = Float64Array.from({ length: design.count * c }, () => random() - 0.5);
      const dN = Float64Array.from({ length: c }, (_, j) => 0.7 - 0.45 * j);
      const got = solvePrepared(prepareFit(design, triples), d, dN, c);
      for (let j = 0; j < c; j++) {
        const column = Array.from({ length: design.count }, (_, k) => d[k * c + j]);
        const want = denseFit(design.masks, design.weights, m, tripleList, column, dN[j]);
        want.forEach((v, i) =>
          assert.ok(Math.abs(got.values[i * c + j] - v) < 1e-8, `value ${i},${j}: ${got.values[i * c + j]} vs ${v}`),
        );
        const sum = want.reduce((s, v) => s + v, 0);
        assert.ok(Math.abs(sum - 2 * dN[j]) < 1e-9, 'efficiency');
      }
      got.stdErrors.forEach((se) => assert.ok(Number.isFinite(se) && se >= 0));
      // Columns are fitted independently: each column alone (the one-column path) gives the same values and errors.
      const prepared = prepareFit(design, triples);
      for (let j = 0; j < c; j++) {
        const alone = solvePrepared(
          prepared,
          Float64Array.from({ length: design.count }, (_, k) => d[k * c + j]),
          Float64Array.of(dN[j]),
          1,
        );
        for (let i = 0; i < m; i++) {
          assert.ok(Math.abs(alone.values[i] - got.values[i * c + j]) < 1e-10);
          assert.ok(Math.abs(alone.stdErrors[i] - got.stdErrors[i * c + j]) <= 1e-9 * (1 + alone.stdErrors[i]));
        }
      }
    });
  }

  it('leverages: each sampled pair w_k x_k^T A^-1 x_k from the dense design, and they sum to at most p', () => {
    const m = 9;
    const design = planDesign(pairPlan(m, 200, seededRandom(3)), 1);
    const triples = triplesOf([0, 1, 2, 3, 4]);
    const f = prepareFit(design, triples);
    const p = f.p;
    // The dense design rows, built from the masks: y_i - y_last and y_T - y_last.
    const rows = Array.from({ length: design.count }, (_, k) => {
      const y = Array.from({ length: m }, (_, i) => 2 * design.masks[k * m + i] - 1);
      const last = y[m - 1];
      const lin = y.slice(0, m - 1).map((v) => v - last);
      const tri = Array.from(
        { length: triples.length / 3 },
        (_, u) => y[triples[3 * u]] * y[triples[3 * u + 1]] * y[triples[3 * u + 2]] - last,
      );
      return [...lin, ...tri];
    });
    const a = new Float64Array(p * p);
    rows.forEach((r, k) => {
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) a[i * p + j] += design.weights[k] * r[i] * r[j];
    });
    let sum = 0;
    rows.forEach((r, k) => {
      const z = solveSymmetric(a, p, Float64Array.from(r), 1);
      const leverage = design.weights[k] * r.reduce((s, v, i) => s + v * z[i], 0);
      sum += leverage;
      if (design.stratum[k] < 0) return;
      const want = 1 / Math.max(0.05, 1 - leverage);
      assert.ok(Math.abs(f.inflate[k] - want) < 1e-9, `pair ${k}: ${f.inflate[k]} vs ${want}`);
    });
    assert.ok(Math.abs(sum - p) < 1e-6, `the hat matrix's trace is p: ${sum} vs ${p}`);
  });

  it('kept fits: the same design gives the same prepared fit, another seed a new one, within the byte budget', () => {
    clearPreparedFits();
    const m = 13;
    const triples = triplesOf(Array.from({ length: m }, (_, i) => i));
    const a = planDesign(pairPlan(m, 2 * m + 2048, seededRandom(0)), 1);
    const again = planDesign(pairPlan(m, 2 * m + 2048, seededRandom(0)), 1);
    const other = planDesign(pairPlan(m, 2 * m + 2048, seededRandom(1)), 1);
    const fa = preparedFitFor(a, triples);
    assert.equal(preparedFitFor(again, triples), fa, 'an equal design (a new object) reuses the fit');
    assert.notEqual(preparedFitFor(other, triples), fa, 'another seed draws other pairs');
    assert.notEqual(preparedFitFor(a, new Int32Array(0)), fa, 'other triples are another fit');
    for (let seed = 2; seed < 22; seed++)
      preparedFitFor(planDesign(pairPlan(m, 2 * m + 2048, seededRandom(seed)), 1), triples);
    assert.ok(preparedFitBytes() <= 24 * 2 ** 20, `kept ${preparedFitBytes()} bytes`);
    assert.ok(preparedFitBytes() > 0);
    clearPreparedFits();
    assert.equal(preparedFitBytes(), 0);
  });
});
