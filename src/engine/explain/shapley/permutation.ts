/**
 * Permutation sampling of Shapley values with antithetic pairs (each permutation and its reverse):
 * phi_i = mean over permutations of v(pre(i) + i) - v(pre(i)) (Strumbelj & Kononenko 2014; Mitchell et al. 2022).
 */
import { ensureFits, permutationSize } from '../limits';
import { randomPermutation } from '../random';
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
  const pairs = Math.max(1, Math.ceil((permutations ?? defaultPermutations(m)) / 2));
  ensureFits(permutationSize(m, 2 * pairs));
  const orders: Int32Array[] = [];
  for (let k = 0; k < pairs; k++) {
    const order = randomPermutation(m, random);
    orders.push(order, order.slice().reverse());
  }
  // Prefixes of sizes 1..M-1 of every order; size 0 and M are the empty and full coalitions.
  const steps = m - 1;
  const masks = new Uint8Array(orders.length * steps * m);
  orders.forEach((order, o) => {
    for (let s = 1; s <= steps; s++) {
      const at = (o * steps + s - 1) * m;
      for (let t = 0; t < s; t++) masks[at + order[t]] = 1;
    }
  });
  return async (p) => {
    const c = p.vf.columns;
    const v = steps > 0 ? await p.vf.values(p.x, masks, orders.length * steps) : new Float64Array(0);
    const value = (o: number, size: number, j: number) =>
      size === 0 ? p.empty[j] : size === m ? p.full[j] : v[(o * steps + size - 1) * c + j];
    const phi = new Float64Array(m * c);
    orders.forEach((order, o) => {
      for (let s = 0; s < m; s++) {
        const i = order[s];
        for (let j = 0; j < c; j++) phi[i * c + j] += value(o, s + 1, j) - value(o, s, j);
      }
    });
    for (let i = 0; i < phi.length; i++) phi[i] /= orders.length;
    return phi;
  };
}
