/**
 * Percentile bootstrap (Efron & Tibshirani 1993, ch. 13): resample rows with replacement, recompute each
 * headline metric with the resample's counts as sample weights, and report the 2.5th and 97.5th percentiles.
 */
import type { Interval } from '../../protocol/evaluationTypes';
import { seededRandom } from '../data/background';
import { quantile } from './regression';

export function bootstrapIntervals(
  n: number,
  resamples: number,
  seed: number,
  metrics: (weights: Float64Array) => Record<string, number | null>,
): Record<string, Interval> {
  const random = seededRandom(seed);
  const weights = new Float64Array(n);
  const draws = new Map<string, number[]>();
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    for (let i = 0; i < n; i++) weights[Math.floor(random() * n)]++;
    for (const [name, value] of Object.entries(metrics(weights))) {
      if (value === null || !Number.isFinite(value)) continue;
      let list = draws.get(name);
      if (!list) draws.set(name, (list = []));
      list.push(value);
    }
  }
  const out: Record<string, Interval> = {};
  for (const [name, list] of draws) {
    const sorted = Float64Array.from(list).sort();
    out[name] = { low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
  }
  return out;
}
