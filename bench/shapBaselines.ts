/**
 * The shap package's two sampling schemes, re-implemented as the accuracy benchmark's reference (facts read from
 * shap's KernelExplainer and PermutationExplainer; no code taken):
 * - KernelExplainer (l1_reg=False): whole subset sizes while the kernel's mass covers them, then each sample's
 *   size drawn from the kernel's mass with its complement (paired), repeats adding weight; the constrained
 *   weighted least squares over the coalitions.
 * - PermutationExplainer: antithetic pairs (a permutation forward, then the same order removed again), the
 *   mean of the marginal contributions.
 */
import { drawIndex, randomPermutation } from '../src/engine/explain/random';
import { kernelExplainer } from '../src/engine/explain/shapley/kernel';
import type { SampleRest } from '../src/engine/explain/shapley/kernelPlan';
import type { GroupValues, RowProblem } from '../src/engine/explain/shapley/types';

const shapRest: SampleRest = (set, m, mass, fullSizes, pairedSizes, left, random) => {
  const fixed = set.count;
  const p = Float64Array.from(mass.subarray(fullSizes), (w, i) => (i + fullSizes + 1 <= pairedSizes ? w / 2 : w));
  const sum = p.reduce((a, b) => a + b, 0);
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  const mask = new Uint8Array(m);
  const order = Int32Array.from({ length: m }, (_, i) => i);
  for (let draws = 0; left > 0 && draws < 4 * left + 64; draws++) {
    const size = drawIndex(p, random) + fullSizes + 1;
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (m - i));
      [order[i], order[j]] = [order[j], order[i]];
    }
    mask.fill(0);
    for (let i = 0; i < size; i++) mask[order[i]] = 1;
    if (set.add(mask, 1)) left--;
    if (left > 0 && size <= pairedSizes) {
      for (let i = 0; i < m; i++) mask[i] ^= 1;
      if (set.add(mask, 1)) left--;
    }
  }
  let massLeft = 0;
  for (let i = fullSizes; i < mass.length; i++) massLeft += mass[i];
  let drawn = 0;
  for (let k = fixed; k < set.count; k++) drawn += set.weights[k];
  for (let k = fixed; k < set.count; k++) set.weights[k] *= massLeft / drawn;
};

/** shap's KernelExplainer at `budget` coalitions, its plan drawn from the problem's random source. */
export function shapKernel(p: RowProblem, budget: number): Promise<GroupValues> {
  return kernelExplainer(p.vf.groups.count, p.random, { budget, sampleRest: shapRest })(p);
}

/** shap's PermutationExplainer with `pairs` antithetic pairs: 2 (M - 1) coalitions each besides the empty and full. */
export async function shapPermutation(p: RowProblem, pairs: number): Promise<GroupValues> {
  const m = p.vf.groups.count;
  const c = p.vf.columns;
  const orders = Array.from({ length: pairs }, () => randomPermutation(m, p.random));
  const masks = new Uint8Array(pairs * 2 * (m - 1) * m);
  orders.forEach((order, o) => {
    const mask = new Uint8Array(m);
    for (let s = 0; s < m - 1; s++) {
      mask[order[s]] = 1;
      masks.set(mask, (o * 2 * (m - 1) + s) * m);
    }
    mask.fill(1);
    for (let s = 0; s < m - 1; s++) {
      mask[order[s]] = 0;
      masks.set(mask, (o * 2 * (m - 1) + m - 1 + s) * m);
    }
  });
  const v = await p.vf.values(p.x, masks, pairs * 2 * (m - 1));
  const phi = new Float64Array(m * c);
  const at = (o: number, k: number, j: number) => v[(o * 2 * (m - 1) + k) * c + j];
  orders.forEach((order, o) => {
    for (let j = 0; j < c; j++) {
      // Forward: adding order[s] takes the prefix of size s to size s + 1.
      for (let s = 0; s < m; s++) {
        const before = s === 0 ? p.empty[j] : at(o, s - 1, j);
        const after = s === m - 1 ? p.full[j] : at(o, s, j);
        phi[order[s] * c + j] += after - before;
      }
      // Backward: removing order[s] from the full set less order[0..s-1].
      for (let s = 0; s < m; s++) {
        const before = s === 0 ? p.full[j] : at(o, m - 1 + s - 1, j);
        const after = s === m - 1 ? p.empty[j] : at(o, m - 1 + s, j);
        phi[order[s] * c + j] += before - after;
      }
    }
  });
  for (let i = 0; i < phi.length; i++) phi[i] /= 2 * pairs;
  return phi;
}
