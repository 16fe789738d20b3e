/**
 * The interventional value function over a background set:
 * v(S) = sum_b w_b f(x_S, b_notS) / sum_b w_b, for many coalitions at once, in large batches.
 * A coalition is a byte per feature group; a group is one or more elements of the explained input.
 */
import type { BatchEvaluator } from '../evaluator';
import type { Link } from './link';
import { applyLink } from './link';

export interface BackgroundSet {
  /** Rows of the explained input, row-major. */
  values: Float64Array;
  rows: number;
  /** Per row; uniform when absent. */
  weights?: Float64Array;
}

export interface FeatureGroups {
  /** Number of groups (the M of the Shapley formulas). */
  count: number;
  /** For each input element, its group. */
  groupOf: Int32Array;
}

export function singleFeatureGroups(features: number): FeatureGroups {
  return { count: features, groupOf: Int32Array.from({ length: features }, (_, i) => i) };
}

export interface ValueFunction {
  readonly groups: FeatureGroups;
  readonly columns: number;
  /** v for `count` coalitions (masks row-major, `groups.count` bytes each): count x columns, after the link. */
  values(x: Float64Array, masks: Uint8Array, count: number): Promise<Float64Array>;
}

export function valueFunction(
  evaluator: BatchEvaluator,
  background: BackgroundSet,
  groups: FeatureGroups,
  link: Link,
): ValueFunction {
  const model = evaluator.model;
  const d = model.features;
  const n = background.rows;
  const c = model.columns;
  const bg32 = Float32Array.from(background.values);
  const weights = background.weights ?? new Float64Array(n).fill(1);
  let weightSum = 0;
  for (let b = 0; b < n; b++) weightSum += weights[b];
  const g = groups.count;
  return {
    groups,
    columns: c,
    async values(x, masks, count) {
      const inCoalition = new Int32Array(d);
      const y = await evaluator.run(
        count * n,
        (start, rows, into) => {
          // Blocks hold whole coalitions (the block size is a multiple of the background's rows).
          for (let r = 0; r < rows;) {
            const k = (start + r) / n;
            let taken = 0;
            for (let e = 0; e < d; e++) if (masks[k * g + groups.groupOf[e]]) inCoalition[taken++] = e;
            for (let b = 0; b < n; b++, r++) {
              const o = r * d;
              into.set(bg32.subarray(b * d, (b + 1) * d), o);
              for (let t = 0; t < taken; t++) into[o + inCoalition[t]] = x[inCoalition[t]];
            }
          }
        },
        n,
      );
      const v = new Float64Array(count * c);
      for (let k = 0; k < count; k++) {
        for (let b = 0; b < n; b++) {
          const w = weights[b] / weightSum;
          const o = (k * n + b) * c;
          for (let j = 0; j < c; j++) v[k * c + j] += w * y[o + j];
        }
      }
      return applyLink(v, link);
    },
  };
}

/** The weighted mean of the model over the background: v of the empty coalition, before the link. */
export function backgroundMean(outputs: Float64Array, background: BackgroundSet, columns: number): Float64Array {
  const mean = new Float64Array(columns);
  let total = 0;
  for (let b = 0; b < background.rows; b++) {
    const w = background.weights ? background.weights[b] : 1;
    total += w;
    for (let j = 0; j < columns; j++) mean[j] += w * outputs[b * columns + j];
  }
  for (let j = 0; j < columns; j++) mean[j] /= total;
  return mean;
}
