/** A row's predicted classes as probabilities: models that end in logits are softmaxed, probabilities kept. */
import type { Attribution } from '../../../../src/protocol/attributionTypes';
import { classNames, orderByDescending } from '../../models/common';

/** All in [0, 1] and summing to 1 within 1e-3: the output already is a probability vector. */
export function isProbabilityVector(values: readonly number[], tolerance = 1e-3): boolean {
  if (values.length < 2) return false;
  let sum = 0;
  for (const v of values) {
    if (!(v >= 0 && v <= 1)) return false;
    sum += v;
  }
  return Math.abs(sum - 1) <= tolerance;
}

/** exp(v - max) / sum: the max is subtracted so large logits do not overflow. */
export function softmax(values: readonly number[]): number[] {
  const finite = values.filter((v) => Number.isFinite(v));
  const max = finite.length ? Math.max(...finite) : 0;
  const e = values.map((v) => (Number.isFinite(v) ? Math.exp(v - max) : 0));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => (sum > 0 ? v / sum : NaN));
}

export interface RowProbabilities {
  values: number[];
  /** True when the model's outputs were logits (or scores) and were softmaxed here. */
  softmaxed: boolean;
}

/** One output column is a score of its own (a sigmoid or a regression): kept as it is. */
export function rowProbabilities(predictions: readonly number[]): RowProbabilities {
  if (predictions.length < 2 || isProbabilityVector(predictions)) return { values: [...predictions], softmaxed: false };
  return { values: softmax(predictions), softmaxed: true };
}

export interface PredictedClass {
  /** Index into output_columns. */
  index: number;
  name: string;
  probability: number;
  /** An output target's value in the output's units, shown instead of a probability. */
  valueText?: string;
}

/** The row's `n` most probable classes, most probable first (ties by index). */
export function topClasses(
  attr: Pick<Attribution, 'output' | 'output_columns' | 'base_values' | 'predictions'>,
  row: number,
  n = 3,
): PredictedClass[] {
  const names = classNames(attr);
  const { values } = rowProbabilities(attr.predictions[row] ?? []);
  return orderByDescending(values.map((v) => (Number.isFinite(v) ? v : -Infinity)))
    .slice(0, n)
    .map((index) => ({ index, name: names[index] ?? String(index), probability: values[index] }));
}

/** "0.93" as "93%", small ones with a decimal ("0.4%"), so three classes fit under a thumbnail. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  const pct = p * 100;
  if (pct >= 10 || pct === 0) return `${Math.round(pct)}%`;
  if (pct >= 0.1) return `${pct.toFixed(1)}%`;
  return '<0.1%';
}
