/**
 * Percentile bootstrap (Efron & Tibshirani 1993, ch. 13): resample rows with replacement, recompute each
 * headline metric with the resample's counts as sample weights, and report the 2.5th and 97.5th percentiles.
 */
import type { Interval } from '../../protocol/evaluationTypes';
import { quantile } from './regression';

/**
 * A resample's counts per row. 16 bits: a quarter of float64's memory, so the metrics' passes over 100,000 rows
 * stay in cache. A count above 65,535 would need that many of n draws on one row (odds below n / 65,536!).
 */
export type BootstrapWeights = Uint16Array;

export function bootstrapIntervals(
  n: number,
  resamples: number,
  seed: number,
  metrics: (weights: BootstrapWeights) => Record<string, number | null>,
): Record<string, Interval> {
  let state = seed | 0;
  const weights: BootstrapWeights = new Uint16Array(n);
  const draws = new Map<string, number[]>();
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    state = drawCounts(weights, n, state);
    for (const [name, value] of Object.entries(metrics(weights))) {
      if (value === null || !Number.isFinite(value)) continue;
      let list = draws.get(name);
      if (!list) draws.set(name, (list = []));
      list.push(value);
    }
  }
  return percentileIntervals(draws);
}

/**
 * n draws with replacement added to `weights`: row floor(u * n) for each number u of mulberry32 from `state`,
 * exactly the numbers seededRandom (data/background.ts) gives from the same seed, with its state in a local
 * int32 instead of a closure's boxed number (about three times faster per draw). Returns the state after the draws.
 */
export function drawCounts(weights: BootstrapWeights, n: number, state: number): number {
  let a = state | 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    if (++weights[r] === 0) throw new Error('a bootstrap count passed 65,535');
  }
  return a;
}

/** Each metric's 2.5th and 97.5th percentiles over its resampled values. */
function percentileIntervals(draws: Map<string, number[]>): Record<string, Interval> {
  const out: Record<string, Interval> = {};
  for (const [name, list] of draws) {
    const sorted = Float64Array.from(list).sort();
    out[name] = { low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
  }
  return out;
}
