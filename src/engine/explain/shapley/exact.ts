/**
 * Exact Shapley values from all 2^M coalitions:
 * phi_i = sum over S not containing i of |S|!(M-|S|-1)!/M! (v(S + i) - v(S)) (Shapley 1953).
 */
import type { GroupValues, RowProblem } from './types';

export const EXACT_MAX_GROUPS = 16;

export function exactCoalitionCount(groups: number): number {
  return 2 ** groups - 2;
}

export async function exactShapley(p: RowProblem, maxGroups = EXACT_MAX_GROUPS): Promise<GroupValues> {
  const m = p.vf.groups.count;
  const c = p.vf.columns;
  if (m > maxGroups) {
    throw new Error(
      `exact Shapley values need 2^${m} coalitions; the limit is ${maxGroups} features: use kernel or permutation`,
    );
  }
  const total = 2 ** m;
  // Coalitions 1 .. total-2 are evaluated; the empty and the full one are known.
  const masks = new Uint8Array((total - 2) * m);
  for (let k = 1; k < total - 1; k++) for (let i = 0; i < m; i++) masks[(k - 1) * m + i] = (k >> i) & 1;
  const inner = await p.vf.values(p.x, masks, total - 2);
  const v = (k: number, j: number) => (k === 0 ? p.empty[j] : k === total - 1 ? p.full[j] : inner[(k - 1) * c + j]);
  const weight = shapleyWeights(m);
  const phi = new Float64Array(m * c);
  for (let k = 0; k < total; k++) {
    const size = popcount(k);
    for (let i = 0; i < m; i++) {
      if ((k >> i) & 1) continue;
      const w = weight[size];
      const withI = k | (1 << i);
      for (let j = 0; j < c; j++) phi[i * c + j] += w * (v(withI, j) - v(k, j));
    }
  }
  return phi;
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
