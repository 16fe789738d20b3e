/**
 * Exact Shapley values from all 2^M coalitions:
 * phi_i = sum over S not containing i of |S|!(M-|S|-1)!/M! (v(S + i) - v(S)) (Shapley 1953).
 */
import { ensureFits, exactSize } from '../limits';
import type { GroupValues, RowProblem } from './types';

export const EXACT_MAX_GROUPS = 16;

export function exactCoalitionCount(groups: number): number {
  return 2 ** groups - 2;
}

/** An explainer for M groups: the coalitions are listed once and serve every row. */
export function exactExplainer(m: number, maxGroups = EXACT_MAX_GROUPS): (p: RowProblem) => Promise<GroupValues> {
  if (m > maxGroups) {
    throw new Error(
      `exact Shapley values need 2^${m} coalitions; the limit is ${maxGroups} features: use kernel or permutation`,
    );
  }
  ensureFits(exactSize(m));
  const total = 2 ** m;
  // Coalitions 1 .. total-2 are evaluated (in counting order, so neighbours share most columns);
  // the empty and the full one are known.
  const masks = new Uint8Array((total - 2) * m);
  for (let k = 1; k < total - 1; k++) for (let i = 0; i < m; i++) masks[(k - 1) * m + i] = (k >> i) & 1;
  const sizes = Uint8Array.from({ length: total }, (_, k) => popcount(k));
  const weight = shapleyWeights(m);
  return async (p) => {
    const c = p.vf.columns;
    const inner = await p.vf.values(p.x, masks, total - 2);
    const v = new Float64Array(total * c);
    v.set(p.empty, 0);
    v.set(inner, c);
    v.set(p.full, (total - 1) * c);
    const phi = new Float64Array(m * c);
    for (let k = 0; k < total; k++) {
      const w = weight[sizes[k]];
      for (let i = 0; i < m; i++) {
        if ((k >> i) & 1) continue;
        const withI = (k | (1 << i)) * c;
        for (let j = 0; j < c; j++) phi[i * c + j] += w * (v[withI + j] - v[k * c + j]);
      }
    }
    return phi;
  };
}

export function exactShapley(p: RowProblem, maxGroups = EXACT_MAX_GROUPS): Promise<GroupValues> {
  return exactExplainer(p.vf.groups.count, maxGroups)(p);
}

/** w[s] = s!(M-s-1)!/M! = 1 / (M * C(M-1, s)). */
export function shapleyWeights(m: number): Float64Array {
  const w = new Float64Array(m);
  let choose = 1;
  for (let s = 0; s < m; s++) {
    w[s] = 1 / (m * choose);
    choose = (choose * (m - 1 - s)) / (s + 1);
  }
  return w;
}

function popcount(k: number): number {
  let n = 0;
  for (; k; k &= k - 1) n++;
  return n;
}
