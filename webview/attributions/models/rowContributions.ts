/** One explained row's contributions for one output column, with the efficiency gap made explicit. */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { GAP_FEATURE, classNames, formatNumber, nearlyEqual } from './common';

export interface Contribution {
  feature: string;
  /** Index into feature_names; OTHER_FEATURE or GAP_FEATURE for the aggregate bars. */
  featureIndex: number;
  value: number;
  /** The feature's value in this row (NaN for aggregates), and as printed. */
  featureValue: number;
  featureValueText: string;
  /** The value's standard error, when the method sampled (kernel, permutation). */
  stdError?: number;
}

export interface RowContributions {
  row: number;
  dataRow: number;
  classIndex: number;
  className: string;
  base: number;
  prediction: number;
  contributions: Contribution[];
  /** prediction - (base + sum of contributions); a "gap" contribution is added when it exceeds 1e-6 relative. */
  gap: number;
  gapShown: boolean;
}

export function rowContributions(attr: Attribution, row: number, classIndex: number): RowContributions {
  const values = attr.values[row];
  const base = attr.base_values[classIndex];
  const prediction = attr.predictions[row][classIndex];
  const contributions: Contribution[] = attr.feature_names.map((feature, f) => ({
    feature,
    featureIndex: f,
    value: values[f][classIndex],
    featureValue: attr.feature_values[row]?.[f] ?? NaN,
    featureValueText: formatNumber(attr.feature_values[row]?.[f] ?? NaN),
    ...(attr.std_errors ? { stdError: attr.std_errors[row]?.[f]?.[classIndex] ?? 0 } : {}),
  }));
  const sum = contributions.reduce((s, c) => s + c.value, 0);
  const gap = prediction - (base + sum);
  return {
    row,
    dataRow: attr.rows[row] ?? row,
    classIndex,
    className: classNames(attr)[classIndex],
    base,
    prediction,
    contributions,
    gap,
    gapShown: !nearlyEqual(base + sum, prediction),
  };
}

export function gapContribution(gap: number): Contribution {
  return { feature: 'unexplained gap', featureIndex: GAP_FEATURE, value: gap, featureValue: NaN, featureValueText: '' };
}
