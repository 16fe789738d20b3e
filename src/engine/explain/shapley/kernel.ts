/**
 * KernelSHAP (Lundberg & Lee 2017): the weighted least-squares fit of v(S) - v(empty) on coalition
 * masks, with the Shapley kernel weights and efficiency (sum = f(x) - base) imposed exactly by
 * eliminating the last feature. One coalition plan (seeded) serves every row of an explanation, so a
 * row's values depend on the seed alone. The default is the paired estimator with third-order terms and
 * standard errors (pairedKernel.ts); a `sampleRest` selects the plain coalition plan (the baselines' form).
 */
import { factorSymmetric, solveFactored } from '../linalg';
import { ensureAllFit, kernelSize } from '../limits';
import { defaultKernelBudget, kernelPlan, type KernelPlan, type SampleRest } from './kernelPlan';
import { pairedKernelExplainer, type PairedKernelOptions, type SampledValues } from './pairedKernel';
import type { GroupValues, RowProblem } from './types';

export interface KernelOptions {
  /** Coalitions to evaluate (default 2M + 2048); with a tolerance, the most to evaluate. */
  budget?: number;
  /** How the budget left after whole subset sizes is spent, in the plain (unpaired-fit) form. */
  sampleRest?: SampleRest;
  /** Sample in rounds until every standard error is below this (or the budget is spent). */
  tolerance?: number;
  interactions?: PairedKernelOptions['interactions'];
  allocation?: PairedKernelOptions['allocation'];
}

export function kernelExplainer(
  m: number,
  random: () => number,
  options: KernelOptions = {},
): (p: RowProblem) => Promise<GroupValues> {
  ensureAllFit(kernelSize(m, options.budget ?? defaultKernelBudget(m)));
  if (!options.sampleRest) {
    const explain = kernelExplainerWithErrors(m, random, options);
    return async (p) => (await explain(p)).values;
  }
  return plainKernelExplainer(m, random, options);
}

/** Values with a standard error each (and, with a tolerance, whether it was met). */
export function kernelExplainerWithErrors(
  m: number,
  random: () => number,
  options: KernelOptions = {},
): (p: RowProblem) => Promise<SampledValues> {
  if (options.sampleRest) {
    const plain = plainKernelExplainer(m, random, options);
    return async (p) => {
      const values = await plain(p);
      return { values, stdErrors: new Float64Array(values.length).fill(NaN), coalitions: 0 };
    };
  }
  return pairedKernelExplainer(m, random, {
    budget: options.budget ?? defaultKernelBudget(m),
    tolerance: options.tolerance,
    interactions: options.interactions,
    allocation: options.allocation,
  });
}

function plainKernelExplainer(
  m: number,
  random: () => number,
  options: KernelOptions,
): (p: RowProblem) => Promise<GroupValues> {
  const plan = kernelPlan(m, options.budget ?? defaultKernelBudget(m), random, options.sampleRest);
  const factor = m > 1 ? factorSymmetric(normalMatrix(plan, m), m - 1) : new Float64Array(0);
  return async (p) => {
    const c = p.vf.columns;
    const delta = Float64Array.from(p.full, (f, j) => f - p.empty[j]);
    if (m === 1) return delta;
    const v = await p.vf.values(p.x, plan.masks, plan.count);
    return solveKernel(plan, m, factor, v, p.empty, delta, c);
  };
}

/** Explains one row with its own plan drawn from p.random (tests compare sampling schemes this way). */
export function kernelShap(p: RowProblem, options: KernelOptions = {}): Promise<GroupValues> {
  return kernelExplainer(p.vf.groups.count, p.random, options)(p);
}

/** X^T W X over the first M-1 columns of (mask - last mask column). */
function normalMatrix(plan: KernelPlan, m: number): Float64Array {
  const n = m - 1;
  const xtwx = new Float64Array(n * n);
  const row = new Float64Array(n);
  for (let k = 0; k < plan.count; k++) {
    const last = plan.masks[k * m + n];
    for (let i = 0; i < n; i++) row[i] = plan.masks[k * m + i] - last;
    const w = plan.weights[k];
    for (let i = 0; i < n; i++) {
      if (row[i] === 0) continue;
      const wi = w * row[i];
      for (let j = 0; j <= i; j++) xtwx[i * n + j] += wi * row[j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) xtwx[j * n + i] = xtwx[i * n + j];
  return xtwx;
}

/** Weighted least squares for phi_0..phi_{M-2}; phi_{M-1} = delta - the sum of the others. */
function solveKernel(
  plan: KernelPlan,
  m: number,
  factor: Float64Array,
  v: Float64Array,
  empty: Float64Array,
  delta: Float64Array,
  c: number,
): GroupValues {
  const n = m - 1;
  const xtwy = new Float64Array(n * c);
  for (let k = 0; k < plan.count; k++) {
    const last = plan.masks[k * m + n];
    const w = plan.weights[k];
    for (let i = 0; i < n; i++) {
      const x = plan.masks[k * m + i] - last;
      if (x === 0) continue;
      for (let j = 0; j < c; j++) xtwy[i * c + j] += w * x * (v[k * c + j] - empty[j] - last * delta[j]);
    }
  }
  const beta = solveFactored(factor, n, xtwy, c);
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
