/**
 * Partial dependence and ICE curves for one feature (Friedman 2001; Goldstein et al. 2015): each row
 * with the feature set to every grid value; the mean over rows is the partial dependence.
 */
import type { Rows } from '../../data/background';
import type { BatchEvaluator } from '../evaluator';
import { percentile } from '../lime/discretize';
import { ensureFits, pdpSize } from '../limits';

export interface PartialDependenceResult {
  grid: Float64Array;
  /** [column][grid point] */
  average: Float64Array[];
  /** [row][column][grid point] */
  ice: Float64Array[][];
}

/** Up to `points` grid values between the 5th and 95th percentiles, or the distinct values when fewer. */
export function featureGrid(data: Rows, feature: number, points = 20): Float64Array {
  const column = new Float64Array(data.rows);
  for (let r = 0; r < data.rows; r++) column[r] = data.values[r * data.cols + feature];
  const distinct = [...new Set(column)].sort((a, b) => a - b);
  if (distinct.length <= points) return Float64Array.from(distinct);
  const sorted = column.sort();
  const lo = percentile(sorted, 5);
  const hi = percentile(sorted, 95);
  if (hi === lo) return Float64Array.of(lo);
  return Float64Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
}

export async function partialDependence(
  evaluator: BatchEvaluator,
  data: Rows,
  feature: number,
  grid: Float64Array,
): Promise<PartialDependenceResult> {
  const { rows, cols } = data;
  const g = grid.length;
  const c = evaluator.model.columns;
  ensureFits(pdpSize(rows, g, c));
  const y = await evaluator.run(rows * g, (start, count, into) => {
    for (let i = 0; i < count; i++) {
      const r = Math.floor((start + i) / g);
      const at = i * cols;
      for (let f = 0; f < cols; f++) into[at + f] = data.values[r * cols + f];
      into[at + feature] = grid[(start + i) % g];
    }
  });
  const ice = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: c }, (_, j) => Float64Array.from({ length: g }, (_, k) => y[(r * g + k) * c + j])),
  );
  const average = Array.from({ length: c }, (_, j) =>
    Float64Array.from({ length: g }, (_, k) => ice.reduce((s, row) => s + row[j][k], 0) / rows),
  );
  return { grid, average, ice };
}
