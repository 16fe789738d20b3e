/** Two models' outputs on the same rows: agreement, absolute differences per output, and the rows that differ most. */
import type { DifferingRow } from '../../protocol/compareTypes';

export interface OutputValues {
  /** rows x columns, row-major. */
  data: Float64Array;
  columns: number;
  /** Integer outputs are labels: agreement is equality. */
  integer: boolean;
}

export interface Agreement {
  agreement: number | null;
  basis: string;
}

function argmax(v: Float64Array, at: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (v[at + j] > v[at + best]) best = j;
  return best;
}

/**
 * Classifiers agree when their top-1 columns match; a label output when its labels match; one column of
 * probabilities (every value in [0, 1]) when both fall on the same side of 0.5; a regression has no agreement.
 */
export function agreementOf(a: OutputValues, b: OutputValues, rows: number): Agreement {
  const c = a.columns;
  if (rows === 0) return { agreement: null, basis: 'no rows' };
  let same = 0;
  if (a.integer && b.integer) {
    for (let r = 0; r < rows; r++) {
      let eq = true;
      for (let j = 0; j < c && eq; j++) eq = a.data[r * c + j] === b.data[r * c + j];
      if (eq) same++;
    }
    return { agreement: same / rows, basis: 'labels' };
  }
  if (c >= 2) {
    for (let r = 0; r < rows; r++) if (argmax(a.data, r * c, c) === argmax(b.data, r * c, c)) same++;
    return { agreement: same / rows, basis: 'top-1' };
  }
  const unit = (v: Float64Array) => v.every((x) => x >= 0 && x <= 1);
  if (c === 1 && unit(a.data) && unit(b.data)) {
    for (let r = 0; r < rows; r++) if (a.data[r] >= 0.5 === b.data[r] >= 0.5) same++;
    return { agreement: same / rows, basis: 'threshold 0.5' };
  }
  return { agreement: null, basis: 'a regression output: see the differences' };
}

export function absDiffs(a: Float64Array, b: Float64Array): { max: number; mean: number } {
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > max || Number.isNaN(d)) max = d;
  }
  return { max, mean: a.length ? sum / a.length : 0 };
}

/** The `k` rows with the largest |a - b| over their values, largest first; ties keep the earlier row. */
export function mostDifferentRows(
  a: OutputValues,
  b: OutputValues,
  rows: number,
  rowIndex: (r: number) => number,
  k = 10,
): DifferingRow[] {
  const c = a.columns;
  const diff = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let m = 0;
    for (let j = 0; j < c; j++) m = Math.max(m, Math.abs(a.data[r * c + j] - b.data[r * c + j]));
    diff[r] = m;
  }
  const order = Array.from({ length: rows }, (_, r) => r).sort((x, y) => diff[y] - diff[x] || x - y);
  const shown = Math.min(c, 8);
  return order
    .slice(0, k)
    .filter((r) => diff[r] > 0)
    .map((r) => ({
      row: rowIndex(r),
      diff: diff[r],
      a: Array.from(a.data.subarray(r * c, r * c + shown)),
      b: Array.from(b.data.subarray(r * c, r * c + shown)),
    }));
}

/** Spearman's rank correlation: Pearson's on average ranks (ties share the mean of their ranks). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const n = x.length;
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
    syy += (ry[i] - mean) ** 2;
  }
  // A constant ranking has no correlation with another; two constant ones are the same ranking.
  if (sxx === 0 || syy === 0) return sxx === syy ? 1 : Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}

export function ranks(v: readonly number[]): number[] {
  const order = v.map((x, i) => i).sort((i, j) => v[i] - v[j]);
  const out = new Array<number>(v.length);
  for (let s = 0; s < order.length;) {
    let e = s;
    while (e + 1 < order.length && v[order[e + 1]] === v[order[s]]) e++;
    const r = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) out[order[k]] = r;
    s = e + 1;
  }
  return out;
}
