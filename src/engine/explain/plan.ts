/**
 * How a model-agnostic explanation will be run: the method `auto` resolves to, the coalitions per
 * explained row and the model rows that costs, and (after timing a few blocks) how long it will take.
 */
import { exactCoalitionCount, EXACT_MAX_GROUPS } from './shapley/exact';
import { defaultKernelBudget } from './shapley/kernelPlan';
import { defaultPermutations } from './shapley/permutation';
import { LIME_SAMPLES } from './lime/lime';
import type { BatchEvaluator } from './evaluator';
import { coalitionBlockSize, exactSize, kernelSize, limeSize, permutationSize, type Estimate } from './limits';

export type AgnosticMethod = 'exact' | 'kernel' | 'permutation' | 'lime';

export interface ExplainPlan {
  method: AgnosticMethod;
  /** Coalitions (Shapley) or samples (LIME) per explained row. */
  perRow: number;
  /** Model rows for the whole run, including the background's and the explained rows' own outputs. */
  evaluations: number;
  /** Why auto chose this method. */
  reason: string;
  /** With a tolerance: the evaluations (and so the ETA) are the most the run spends; it stops sooner when precise. */
  upperBound?: boolean;
}

export interface PlanInput {
  method: AgnosticMethod | 'auto';
  groups: number;
  backgroundRows: number;
  explainedRows: number;
  /** Kernel coalitions, permutations, or LIME samples, when the user sets them. */
  samples?: number;
  /** Sampled methods stop early once precise enough: the plan is then an upper bound. */
  tolerance?: number;
  exactMaxGroups?: number;
}

export function planExplanation(input: PlanInput): ExplainPlan {
  const g = input.groups;
  const kernelBudget = input.samples ?? defaultKernelBudget(g);
  let method = input.method;
  let reason = `${method} was chosen`;
  if (method === 'auto') {
    const exactFits = g <= (input.exactMaxGroups ?? EXACT_MAX_GROUPS) && exactCoalitionCount(g) <= kernelBudget;
    method = exactFits ? 'exact' : 'kernel';
    reason = exactFits
      ? `all ${exactCoalitionCount(g)} coalitions of ${g} features fit the budget of ${kernelBudget}: exact`
      : `2^${g} coalitions exceed the budget of ${kernelBudget}: KernelSHAP samples ${kernelBudget}`;
  }
  let perRow: number;
  let modelRows: number;
  switch (method) {
    case 'exact':
      perRow = exactCoalitionCount(g);
      modelRows = perRow * input.backgroundRows;
      break;
    case 'kernel':
      perRow = Math.min(kernelBudget, exactCoalitionCount(g));
      modelRows = perRow * input.backgroundRows;
      break;
    case 'permutation': {
      const permutations = input.samples ?? defaultPermutations(g);
      perRow = 2 * Math.ceil(permutations / 2) * (g - 1);
      modelRows = perRow * input.backgroundRows;
      break;
    }
    case 'lime':
      perRow = input.samples ?? LIME_SAMPLES;
      modelRows = perRow;
      break;
  }
  const upperBound = input.tolerance !== undefined && (method === 'kernel' || method === 'permutation');
  return {
    method,
    perRow,
    evaluations: input.backgroundRows + input.explainedRows + input.explainedRows * modelRows,
    reason: upperBound
      ? `${reason}; with a tolerance of ${input.tolerance} the budget is the most spent per row (the time is an upper bound)`
      : reason,
    ...(upperBound ? { upperBound } : {}),
  };
}

/** What a planned run allocates at its largest (coalition masks, one coalition's rows), to check before any model call. */
export function planSizes(
  plan: ExplainPlan,
  groups: number,
  samples: number | undefined,
  backgroundRows: number,
  rowWidth: number,
  bytesPerElement = 4,
): Estimate[] {
  const block = coalitionBlockSize(backgroundRows, rowWidth, bytesPerElement);
  switch (plan.method) {
    case 'exact':
      return [exactSize(groups), block];
    case 'kernel':
      return [...kernelSize(groups, samples ?? defaultKernelBudget(groups)), block];
    case 'permutation':
      return [permutationSize(groups, 2 * Math.ceil((samples ?? defaultPermutations(groups)) / 2)), block];
    case 'lime':
      return [limeSize(samples ?? LIME_SAMPLES, groups, rowWidth)];
  }
}

/** Model rows per second, timed on a few blocks of background-like rows (the planner's probe). */
export async function measureRowsPerSecond(
  evaluator: BatchEvaluator,
  sample: Float64Array,
  sampleRows: number,
  probeRows = 8192,
): Promise<number> {
  const d = evaluator.model.features;
  const t0 = performance.now();
  await evaluator.run(probeRows, (start, count, into) => {
    for (let i = 0; i < count; i++) {
      const r = (start + i) % sampleRows;
      for (let e = 0; e < d; e++) into[i * d + e] = sample[r * d + e];
    }
  });
  return probeRows / Math.max(1e-6, (performance.now() - t0) / 1000);
}
