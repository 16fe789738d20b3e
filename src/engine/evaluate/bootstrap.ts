/**
 * Percentile bootstrap (Efron & Tibshirani 1993, ch. 13): resample rows with replacement, recompute each
 * headline metric with the resample's counts as sample weights, and report the 2.5th and 97.5th percentiles.
 * An interval that cannot be trusted (few rows, resamples missing classes, the estimate outside it) says why.
 */
import type { Interval } from '../../protocol/evaluationTypes';
import { REASON_SEPARATOR } from '../../protocol/intervalNote';
import { quantile } from './regression';

/**
 * A resample's counts per row. 16 bits: a quarter of float64's memory, so the metrics' passes over 100,000 rows
 * stay in cache. A count above 65,535 would need that many of n draws on one row (odds below n / 65,536!).
 */
export type BootstrapWeights = Uint16Array;

/** Below this many rows the percentile bootstrap's ends are too coarse to read as a 95% interval. */
export const FEW_ROWS = 20;

export function bootstrapIntervals(
  n: number,
  resamples: number,
  seed: number,
  metrics: (weights: BootstrapWeights) => Record<string, number | null>,
  /** Each row's class (classification): resamples that lose a class the data holds are counted. */
  rowClasses?: ArrayLike<number>,
): Record<string, Interval> {
  let state = seed | 0;
  const weights: BootstrapWeights = new Uint16Array(n);
  const draws = new Map<string, number[]>();
  const coverage = rowClasses ? classCoverage(rowClasses) : undefined;
  let missingClass = 0;
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    state = drawCounts(weights, n, state);
    if (coverage && coverage(weights)) missingClass++;
    for (const [name, value] of Object.entries(metrics(weights))) {
      if (value === null || !Number.isFinite(value)) continue;
      let list = draws.get(name);
      if (!list) draws.set(name, (list = []));
      list.push(value);
    }
  }
  const intervals = percentileIntervals(draws);
  const estimate = metrics(new Uint16Array(n).fill(1));
  const shared: string[] = [];
  if (n < FEW_ROWS) shared.push(`only ${n} rows (the bootstrap needs about ${FEW_ROWS} or more)`);
  // Above 2.5% such resamples can set an end of the interval by themselves.
  if (missingClass > 0.025 * resamples)
    shared.push(`${Math.round((100 * missingClass) / resamples)}% of resamples lack a class the data holds`);
  for (const [name, interval] of Object.entries(intervals)) {
    const v = estimate[name];
    const reasons = [...shared];
    if (v !== null && v !== undefined && (v < interval.low || v > interval.high))
      reasons.push('the estimate lies outside its interval');
    if (reasons.length) interval.unreliable = reasons.join(REASON_SEPARATOR);
  }
  return intervals;
}

/** A test of whether a resample's rows (weights above 0) miss any class the data holds. */
function classCoverage(rowClasses: ArrayLike<number>): (weights: BootstrapWeights) => boolean {
  const classes = new Set<number>();
  for (let i = 0; i < rowClasses.length; i++) classes.add(rowClasses[i]);
  const seen = new Set<number>();
  return (weights) => {
    seen.clear();
    for (let i = 0; i < weights.length && seen.size < classes.size; i++) if (weights[i] > 0) seen.add(rowClasses[i]);
    return seen.size < classes.size;
  };
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
