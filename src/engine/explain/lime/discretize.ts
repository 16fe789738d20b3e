/**
 * LIME's quartile discretisation of tabular features (Ribeiro et al. 2016, the `lime` package's
 * QuartileDiscretizer): bins split at the 25th, 50th and 75th percentiles of the training data, each
 * bin remembering the mean, spread and bounds of the training values in it, to draw values back.
 */
import type { Rows } from '../../data/background';

export interface FeatureBins {
  /** Upper edges of all bins but the last (distinct quartiles, ascending). */
  edges: number[];
  /** Per bin: training mean and standard deviation, bounds, and the share of training rows. */
  means: number[];
  stds: number[];
  mins: number[];
  maxs: number[];
  frequencies: number[];
}

/** Linear-interpolated percentile of sorted values (numpy's default). */
export function percentile(sorted: Float64Array, q: number): number {
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Bin of a value: the number of edges below it (a value on an edge goes to the lower bin). */
export function binOf(edges: readonly number[], value: number): number {
  let b = 0;
  while (b < edges.length && value > edges[b]) b++;
  return b;
}

export function quartileBins(training: Rows): FeatureBins[] {
  const out: FeatureBins[] = [];
  for (let f = 0; f < training.cols; f++) {
    const column = new Float64Array(training.rows);
    for (let r = 0; r < training.rows; r++) column[r] = training.values[r * training.cols + f];
    const sorted = column.slice().sort();
    const edges = [...new Set([25, 50, 75].map((q) => percentile(sorted, q)))].sort((a, b) => a - b);
    const bins = edges.length + 1;
    const sums = new Float64Array(bins);
    const squares = new Float64Array(bins);
    const counts = new Float64Array(bins);
    for (const v of column) {
      const b = binOf(edges, v);
      sums[b] += v;
      squares[b] += v * v;
      counts[b]++;
    }
    const means = Array.from(sums, (s, b) => (counts[b] ? s / counts[b] : 0));
    const stds = Array.from(squares, (s, b) =>
      counts[b] ? Math.sqrt(Math.max(0, s / counts[b] - means[b] ** 2)) + 1e-11 : 1e-11,
    );
    out.push({
      edges,
      means,
      stds,
      mins: [sorted[0], ...edges],
      maxs: [...edges, sorted[sorted.length - 1]],
      frequencies: Array.from(counts, (n) => n / training.rows),
    });
  }
  return out;
}

/** A value drawn in bin b: a normal around the bin's mean, truncated to the bin's bounds. */
export function drawInBin(bins: FeatureBins, b: number, normal: () => number, random: () => number): number {
  const lo = bins.mins[b];
  const hi = bins.maxs[b];
  if (!(hi > lo)) return lo;
  for (let tries = 0; tries < 64; tries++) {
    const v = bins.means[b] + bins.stds[b] * normal();
    if (v >= lo && v <= hi) return v;
  }
  return lo + random() * (hi - lo);
}
