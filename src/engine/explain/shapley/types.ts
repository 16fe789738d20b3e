/** What every Shapley method gets for one explained row, and what it gives back. */
import type { ValueFunction } from './coalitionValues';

export interface RowProblem {
  vf: ValueFunction;
  /** The explained row (input elements). */
  x: Float64Array;
  /** v(all) = f(x) and v(empty) = the background mean, per output column, after the link. */
  full: Float64Array;
  empty: Float64Array;
  random: () => number;
}

/** Attributions per group and output column (group-major), summing to full - empty. */
export type GroupValues = Float64Array;
