// Test-only: interventional Shapley values by enumerating all 2^M coalitions, v(S) = mean over the
// background of margin(x_S, b_rest), computed with evaluateMargin in float64.

import { evaluateMargin } from '../../../../src/engine/explain/tree/evaluate';
import type { FeatureMatrix, TreeEnsemble } from '../../../../src/engine/explain/tree/types';

/**
 * [feature][column] for one row `x` (already a model input: no further rounding is applied). Only the
 * first `players` features play; the others take x's value in every coalition (their Shapley value is 0).
 */
export function bruteForceShap(
  e: TreeEnsemble,
  x: ArrayLike<number>,
  background: FeatureMatrix,
  weights?: ArrayLike<number>,
  players = background.cols,
): Float64Array {
  const cols = background.cols;
  const m = players;
  const c = e.columns.length;
  const nb = background.rows;
  const subsets = 1 << m;
  // All hybrid rows, coalition-major, evaluated in one batch.
  const hybrid = new Float64Array(subsets * nb * cols);
  for (let s = 0; s < subsets; s++) {
    for (let k = 0; k < nb; k++) {
      for (let f = 0; f < cols; f++) {
        hybrid[(s * nb + k) * cols + f] = f >= m || s & (1 << f) ? x[f] : background.values[k * cols + f];
      }
    }
  }
  const margins = evaluateMargin(e, { values: hybrid, rows: subsets * nb, cols }, false);
  let wsum = 0;
  for (let k = 0; k < nb; k++) wsum += weights ? weights[k] : 1;
  const v = new Float64Array(subsets * c);
  for (let s = 0; s < subsets; s++) {
    for (let k = 0; k < nb; k++) {
      const w = (weights ? weights[k] : 1) / wsum;
      for (let j = 0; j < c; j++) v[s * c + j] += w * margins[(s * nb + k) * c + j];
    }
  }
  const fact = [1];
  for (let i = 1; i <= m; i++) fact.push(fact[i - 1] * i);
  const phi = new Float64Array(cols * c);
  for (let s = 0; s < subsets; s++) {
    let size = 0;
    for (let f = 0; f < m; f++) if (s & (1 << f)) size++;
    const weight = (fact[size] * fact[m - size - 1]) / fact[m];
    for (let f = 0; f < m; f++) {
      if (s & (1 << f)) continue;
      const with_ = s | (1 << f);
      for (let j = 0; j < c; j++) phi[f * c + j] += weight * (v[with_ * c + j] - v[s * c + j]);
    }
  }
  return phi;
}

/** A seeded PRNG (mulberry32) for reproducible test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
