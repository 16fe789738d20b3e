/**
 * Permutation sampling of Shapley values with antithetic pairs (each permutation and its reverse; Strumbelj &
 * Kononenko 2014): phi_i = mean over orders of v(pre(i) + i) - v(pre(i)). The orders come from orthogonal
 * spherical codes (Mitchell et al. 2022) rather than independently; the coalitions are each order's prefixes
 * and their complements (the reverse order's prefixes), as in shap's PermutationExplainer. A pair of orders is
 * one sampling unit, less fitted control variates for third-order interactions (tripleControl): the values are
 * the units' means and the standard error is their spread.
 */
import { ensureFits, permutationSize } from '../limits';
import { normalSource } from '../random';
import type { SampledValues } from './pairedKernel';
import { controlledMeans } from './tripleControl';
import type { GroupValues, RowProblem } from './types';

/** shap's PermutationExplainer default: max_evals = 500 model evaluations per row. */
export const SHAP_DEFAULT_EVALUATIONS = 500;

/**
 * Default: 10 M permutations (5 M antithetic pairs), and never fewer than shap's default spends: enough
 * antithetic pairs that the M - 1 inner coalitions of every order add up to at least 500 evaluations.
 */
export function defaultPermutations(groups: number): number {
  if (groups < 2) return 10 * groups;
  const pairs = Math.ceil(SHAP_DEFAULT_EVALUATIONS / (2 * (groups - 1)));
  return Math.max(10 * groups, 2 * pairs);
}

export function permutationShap(p: RowProblem, permutations?: number): Promise<GroupValues> {
  return permutationExplainer(p.vf.groups.count, p.random, permutations)(p);
}

/** One seeded set of orders serves every row of an explanation. */
export function permutationExplainer(
  m: number,
  random: () => number,
  permutations?: number,
): (p: RowProblem) => Promise<GroupValues> {
  const explain = permutationExplainerWithErrors(m, random, permutations);
  return async (p) => (await explain(p)).values;
}

export interface PermutationOptions {
  /** Keep sampling in rounds (of a quarter of the permutations) until every standard error is below this. */
  tolerance?: number;
}

/** Values with a standard error each; `permutations` counts both orders of each antithetic pair. */
export function permutationExplainerWithErrors(
  m: number,
  random: () => number,
  permutations?: number,
  options: PermutationOptions = {},
): (p: RowProblem) => Promise<SampledValues> {
  const pairs = Math.max(1, Math.ceil((permutations ?? defaultPermutations(m)) / 2));
  ensureFits(permutationSize(m, 2 * pairs));
  const orders = orthogonalOrders(m, pairs, random);
  const positions = orders.map((order) => {
    const at = new Int32Array(m);
    order.forEach((feature, s) => (at[feature] = s));
    return at;
  });
  const rounds =
    options.tolerance === undefined
      ? [pairs]
      : [...new Set([0.25, 0.5, 0.75, 1].map((f) => Math.min(pairs, Math.max(2, Math.round(f * pairs)))))];
  const steps = m - 1;
  return async (p) => {
    const c = p.vf.columns;
    if (m === 1)
      return {
        values: Float64Array.from(p.full, (f, j) => f - p.empty[j]),
        stdErrors: new Float64Array(c),
        coalitions: 0,
      };
    // Per pair and feature: its two marginal contributions' mean (one value per sampling unit).
    const unit = new Float64Array(pairs * m * c);
    let done = 0;
    let result: SampledValues | undefined;
    for (const upTo of rounds) {
      const n = upTo - done;
      const masks = new Uint8Array(n * 2 * steps * m);
      for (let o = done; o < upTo; o++) {
        const mask = new Uint8Array(m);
        for (let s = 0; s < steps; s++) {
          mask[orders[o][s]] = 1;
          const at = ((o - done) * steps + s) * 2 * m;
          masks.set(mask, at);
          for (let i = 0; i < m; i++) masks[at + m + i] = 1 - mask[i];
        }
      }
      const v = steps > 0 ? await p.vf.values(p.x, masks, n * 2 * steps) : new Float64Array(0);
      for (let o = done; o < upTo; o++) {
        // d(P) = (v(P) - v(N \ P)) / 2 along the order; a pair's contribution to order[s] is d(P_{s+1}) - d(P_s),
        // the mean of the forward order's and the reverse order's marginal contributions.
        const dAt = (s: number, j: number) =>
          s === 0
            ? (p.empty[j] - p.full[j]) / 2
            : s === m
              ? (p.full[j] - p.empty[j]) / 2
              : (v[((o - done) * steps + s - 1) * 2 * c + j] - v[(((o - done) * steps + s - 1) * 2 + 1) * c + j]) / 2;
        for (let s = 0; s < m; s++)
          for (let j = 0; j < c; j++) unit[(o * m + orders[o][s]) * c + j] = dAt(s + 1, j) - dAt(s, j);
      }
      done = upTo;
      result = {
        ...controlledMeans(unit, positions, done, m, c),
        coalitions: done * 2 * steps,
      };
      if (options.tolerance !== undefined) {
        result.converged = result.stdErrors.every((se) => se < options.tolerance!);
        if (result.converged) break;
      }
    }
    return result!;
  };
}

/**
 * Orders from orthogonal spherical codes (Mitchell et al. 2022): the orders of the coordinates of a random
 * orthonormal basis of the vectors summing to zero, M - 1 orders per basis; each order's reverse (the
 * basis vector's negative) is its antithetic partner.
 */
export function orthogonalOrders(m: number, count: number, random: () => number): Int32Array[] {
  const gauss = normalSource(random);
  const out: Int32Array[] = [];
  while (out.length < count) {
    const basis: Float64Array[] = [];
    for (let k = 0; k < m - 1 && out.length < count; k++) {
      const x = Float64Array.from({ length: m }, gauss);
      // Project out the ones vector and the earlier basis vectors (Gram-Schmidt), then normalise.
      const mean = x.reduce((a, b) => a + b, 0) / m;
      for (let i = 0; i < m; i++) x[i] -= mean;
      for (const b of basis) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += x[i] * b[i];
        for (let i = 0; i < m; i++) x[i] -= dot * b[i];
      }
      const norm = Math.hypot(...x);
      for (let i = 0; i < m; i++) x[i] /= norm;
      basis.push(x);
      out.push(Int32Array.from({ length: m }, (_, i) => i).sort((a, b) => x[a] - x[b]));
    }
  }
  return out;
}
