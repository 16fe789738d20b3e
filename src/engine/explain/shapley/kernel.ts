/**
 * KernelSHAP (Lundberg & Lee 2017): the weighted least-squares fit of v(S) - v(empty) on coalition
 * masks, with the Shapley kernel weights and efficiency (sum = f(x) - base) imposed exactly by
 * eliminating the last feature.
 */
import { solveSymmetric } from '../linalg';
import { defaultKernelBudget, kernelPlan, type SampleRest } from './kernelPlan';
import type { GroupValues, RowProblem } from './types';

export interface KernelOptions {
  /** Coalitions to evaluate (default 2M + 2048). */
  budget?: number;
  /** How the budget left after whole subset sizes is spent (default: stratified by size). */
  sampleRest?: SampleRest;
}

export async function kernelShap(p: RowProblem, options: KernelOptions = {}): Promise<GroupValues> {
  const m = p.vf.groups.count;
  const c = p.vf.columns;
  const delta = Float64Array.from(p.full, (f, j) => f - p.empty[j]);
  if (m === 1) return delta;
  const plan = kernelPlan(m, options.budget ?? defaultKernelBudget(m), p.random, options.sampleRest);
  const v = await p.vf.values(p.x, plan.masks, plan.count);
  return solveKernel(plan.masks, plan.weights, plan.count, m, v, p.empty, delta, c);
}

/** Weighted least squares for phi_0..phi_{M-2}, phi_{M-1} = delta - sum of the others. */
export function solveKernel(
  masks: Uint8Array,
  weights: Float64Array,
  count: number,
  m: number,
  v: Float64Array,
  empty: Float64Array,
  delta: Float64Array,
  c: number,
): GroupValues {
  const n = m - 1;
  const xtwx = new Float64Array(n * n);
  const xtwy = new Float64Array(n * c);
  const row = new Float64Array(n);
  for (let k = 0; k < count; k++) {
    const last = masks[k * m + n];
    for (let i = 0; i < n; i++) row[i] = masks[k * m + i] - last;
    const w = weights[k];
    for (let i = 0; i < n; i++) {
      if (row[i] === 0) continue;
      const wi = w * row[i];
      for (let j = 0; j <= i; j++) xtwx[i * n + j] += wi * row[j];
      for (let j = 0; j < c; j++) xtwy[i * c + j] += wi * (v[k * c + j] - empty[j] - last * delta[j]);
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) xtwx[j * n + i] = xtwx[i * n + j];
  const beta = solveSymmetric(xtwx, n, xtwy, c);
  const phi = new Float64Array(m * c);
  for (let j = 0; j < c; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      phi[i * c + j] = beta[i * c + j];
      sum += beta[i * c + j];
    }
    phi[n * c + j] = delta[j] - sum;
  }
  return phi;
}
