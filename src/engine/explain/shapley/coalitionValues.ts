/**
 * The interventional value function over a background set:
 * v(S) = sum_b w_b f(x_S, b_notS) / sum_b w_b, for many coalitions at once, in large batches.
 * A coalition is a byte per feature group; a group is one or more elements of the explained input.
 */
import { asRows, newRows, rowBytes, type RowBuffer } from '../batchModel';
import type { BatchEvaluator } from '../evaluator';
import { coalitionBlockSize, ensureFits } from '../limits';
import type { Link } from './link';
import { applyLink } from './link';
import { coalitionOrder } from './coalitionOrder';

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
  /** For each element of the row, its group; -1 for elements held at the explained row's values. */
  groupOf: Int32Array;
}

/** One group per element of the explained slice of the row; the rest (other inputs) held. */
export function sliceGroups(rowWidth: number, slice: { start: number; width: number }): FeatureGroups {
  return {
    count: slice.width,
    groupOf: Int32Array.from({ length: rowWidth }, (_, e) =>
      e >= slice.start && e < slice.start + slice.width ? e - slice.start : -1,
    ),
  };
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

/** A value function evaluated elsewhere (the engine's worker pool); the rows it evaluates go to `onRows`. */
export type PooledValues = (
  background: BackgroundSet,
  groups: FeatureGroups,
  link: Link,
  onRows: (rows: number) => void,
) => Promise<ValueFunction & { dispose?(): void }>;

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
  ensureFits(coalitionBlockSize(n, d, rowBytes(model)));
  // In the model's row type: float64 rows for float64 and integer inputs, float32 otherwise.
  const bg32 = asRows(model, background.values);
  const weights = background.weights ?? new Float64Array(n).fill(1);
  let weightSum = 0;
  for (let b = 0; b < n; b++) weightSum += weights[b];
  const w = Float64Array.from(weights, (wb) => wb / weightSum);
  const uniform = w.every((wb) => wb === w[0]);
  const g = groups.count;
  const columnsOf = Array.from({ length: g }, (): number[] => []);
  // Elements in no group (another input of the model) always keep the explained row's values.
  const held: number[] = [];
  groups.groupOf.forEach((group, e) => (group < 0 ? held : columnsOf[group]).push(e));
  let xBlock = newRows(model, 0);
  let xBlockFor: Float64Array | undefined;
  const columnList = new Int32Array(d);

  /**
   * Rows for `count` whole coalitions from position `first` of `order`: each starts as a copy of the background
   * block (or of x repeated, when most groups are in the coalition) and gets the other side's columns written in.
   */
  function fillCoalitions(
    into: RowBuffer,
    first: number,
    count: number,
    masks: Uint8Array,
    order: Int32Array | undefined,
    x: Float64Array,
    g: number,
  ) {
    if (xBlockFor !== x) {
      xBlock = newRows(model, n * d);
      for (let b = 0; b < n; b++) for (let e = 0; e < d; e++) xBlock[b * d + e] = x[e];
      xBlockFor = x;
    }
    let previous = 0;
    for (let k = 0; k < count; k++) {
      const mask = (order ? order[first + k] : first + k) * g;
      const o = k * n * d;
      // Three ways to start a coalition's rows, whichever leaves fewest columns to write: a copy of the
      // previous coalition's rows (consecutive masks often differ in a column or two), of the background, or of x.
      let inside = held.length;
      let changed = 0;
      for (let i = 0; i < g; i++) {
        const size = columnsOf[i].length;
        inside += masks[mask + i] * size;
        if (k > 0 && masks[mask + i] !== masks[previous + i]) changed += size;
      }
      const fromX = inside * 2 > d;
      const fromPrevious = k > 0 && changed < Math.min(inside, d - inside);
      let listed = 0;
      for (let i = 0; i < g; i++) {
        const skip = fromPrevious ? masks[mask + i] === masks[previous + i] : (masks[mask + i] === 1) === fromX;
        if (skip) continue;
        for (const e of columnsOf[i]) columnList[listed++] = e;
      }
      if (!fromPrevious && !fromX) for (const e of held) columnList[listed++] = e;
      if (fromPrevious) into.copyWithin(o, o - n * d, o);
      else into.set(fromX ? xBlock : bg32, o);
      for (let t = 0; t < listed; t++) {
        const e = columnList[t];
        const group = groups.groupOf[e];
        // x's value is the same in every background row: one constant written down the column.
        if (group < 0 || masks[mask + group] === 1) {
          const value = xBlock[e];
          for (let at = o + e, end = o + n * d; at < end; at += d) into[at] = value;
        } else for (let b = 0, at = e; b < n; b++, at += d) into[o + at] = bg32[at];
      }
      previous = mask;
    }
  }

  /** Adds the weighted mean over the background of each coalition's outputs into v, at the coalition's place. */
  function averageOverBackground(
    y: Float32Array | Float64Array,
    first: number,
    count: number,
    order: Int32Array | undefined,
    v: Float64Array,
  ) {
    for (let k = 0; k < count; k++) {
      const base = k * n * c;
      const vAt = (order ? order[first + k] : first + k) * c;
      for (let j = 0; j < c; j++) {
        let acc = 0;
        if (uniform) for (let b = 0, o = base + j; b < n; b++, o += c) acc += y[o];
        else for (let b = 0, o = base + j; b < n; b++, o += c) acc += w[b] * y[o];
        v[vAt + j] += uniform ? acc * w[0] : acc;
      }
    }
  }
  return {
    groups,
    columns: c,
    async values(x, masks, count) {
      const v = new Float64Array(count * c);
      const order = coalitionOrder(masks, count, g);
      await evaluator.each(
        count * n,
        (start, rows, into) => fillCoalitions(into, start / n, rows / n, masks, order, x, g),
        (start, rows, y) => averageOverBackground(y, start / n, rows / n, order, v),
        n,
      );
      return applyLink(
        v,
        link,
        () => 'the mean output over the background of a coalition (a mix of the row and background rows)',
      );
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
