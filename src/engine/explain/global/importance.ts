/**
 * Permutation feature importance (Breiman 2001; Fisher et al. 2019): the drop in a score when one
 * feature's column is shuffled, breaking its link to the label, over seeded repeats.
 */
import type { Rows } from '../../data/background';
import type { BatchEvaluator } from '../evaluator';
import { ensureFits, importanceSize } from '../limits';
import { randomPermutation } from '../random';
import { score, type Metric } from './metrics';

export interface ImportanceResult {
  /** The unshuffled score (as users read it: accuracy, or the loss). */
  baseline: number;
  /** Per feature: mean and standard deviation over repeats of the drop in score (positive = the feature matters). */
  mean: Float64Array;
  std: Float64Array;
  /** [feature][repeat] drops. */
  drops: Float64Array[];
}

export async function permutationImportance(
  evaluator: BatchEvaluator,
  data: Rows,
  labels: Float64Array,
  metric: Metric,
  repeats: number,
  random: () => number,
): Promise<ImportanceResult> {
  const { rows, cols } = data;
  const c = evaluator.model.columns;
  ensureFits(importanceSize(rows, cols, repeats, c));
  const base = score(metric, await evaluator.evaluateRows(data.values, rows), c, labels);
  // Every shuffled copy goes to the model in large blocks, built as they are sent.
  const orders = Array.from({ length: cols * repeats }, () => randomPermutation(rows, random));
  const y = await evaluator.run(cols * repeats * rows, (start, count, into) => {
    for (let i = 0; i < count; i++) {
      const t = start + i;
      const copy = Math.floor(t / rows);
      const r = t % rows;
      const f = Math.floor(copy / repeats);
      into.set(data.values.subarray(r * cols, (r + 1) * cols), i * cols);
      into[i * cols + f] = data.values[orders[copy][r] * cols + f];
    }
  });
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  const drops: Float64Array[] = [];
  for (let f = 0; f < cols; f++) {
    const d = new Float64Array(repeats);
    for (let k = 0; k < repeats; k++) {
      const at = (f * repeats + k) * rows * c;
      d[k] = base - score(metric, y.subarray(at, at + rows * c), c, labels);
    }
    const mu = d.reduce((a, b) => a + b, 0) / repeats;
    mean[f] = mu;
    std[f] = Math.sqrt(d.reduce((a, b) => a + (b - mu) ** 2, 0) / repeats);
    drops.push(d);
  }
  return { baseline: metric === 'accuracy' ? base : -base, mean, std, drops };
}
