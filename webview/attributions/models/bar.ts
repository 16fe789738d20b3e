/** Global importance: mean |attribution| per feature, top K plus the rest summed (shap.plots.bar). */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { OTHER_FEATURE, classNames, meanAbsolute, orderByDescending } from './common';
import { nearZeroNote } from './waterfall';

export interface BarSegment {
  classIndex: number;
  className: string;
  value: number;
}

export interface BarItem {
  feature: string;
  /** Index into feature_names, or OTHER_FEATURE for the summed rest. */
  featureIndex: number;
  /** Bar length: mean |attribution| (stacked: summed over the classes). */
  value: number;
  /** One segment per class when stacked, else the single chosen class. */
  segments: BarSegment[];
  /**
   * With standard errors: the mean over rows of the values' errors (summed over the classes and folded
   * features; an upper bound for the error of the mean |attribution|, the rows' errors may be correlated).
   */
  stdError?: number;
}

export interface BarView {
  kind: 'bar';
  items: BarItem[];
  classes: string[];
  stacked: boolean;
  /** Sum of every feature's bar, shown or folded into "other". */
  total: number;
  xLabel: string;
  /** With standard errors: how many bars are within two of them of zero. */
  errorNote?: string;
}

export interface BarOptions {
  /** A column index, or 'all' to stack every class. */
  classIndex: number | 'all';
  topK?: number;
}

export function globalImportance(attr: Attribution, options: BarOptions): BarView {
  const names = classNames(attr);
  const stacked = options.classIndex === 'all';
  const classes = stacked ? names.map((_, i) => i) : [options.classIndex as number];
  const perClass = classes.map((c) => meanAbsolute(attr, c));
  const nFeatures = attr.feature_names.length;
  const totals = new Float64Array(nFeatures);
  for (const m of perClass) for (let f = 0; f < nFeatures; f++) totals[f] += m[f];
  const order = orderByDescending(totals);
  const topK = Math.max(1, options.topK ?? 10);
  // Folding a single feature into "1 other feature" hides its name for nothing: show it instead.
  const shown = order.length <= topK + 1 ? order : order.slice(0, topK);
  const rest = order.slice(shown.length);
  const segmentsOf = (features: number[]): BarSegment[] =>
    classes.map((c, k) => ({
      classIndex: c,
      className: names[c],
      value: features.reduce((s, f) => s + perClass[k][f], 0),
    }));
  const errors = attr.std_errors ? meanErrors(attr, classes) : undefined;
  const errorOf = (features: number[]) => (errors ? { stdError: features.reduce((s, f) => s + errors[f], 0) } : {});
  const items: BarItem[] = shown.map((f) => ({
    feature: attr.feature_names[f],
    featureIndex: f,
    value: totals[f],
    segments: segmentsOf([f]),
    ...errorOf([f]),
  }));
  if (rest.length) {
    items.push({
      feature: `${rest.length} other features`,
      featureIndex: OTHER_FEATURE,
      value: rest.reduce((s, f) => s + totals[f], 0),
      segments: segmentsOf(rest),
      ...errorOf(rest),
    });
  }
  const total = totals.reduce((s, v) => s + v, 0);
  const xLabel = stacked ? 'mean(|attribution|), stacked by class' : `mean(|attribution|) for ${names[classes[0]]}`;
  const errorNote = nearZeroNote(items);
  return {
    kind: 'bar',
    items,
    classes: classes.map((c) => names[c]),
    stacked,
    total,
    xLabel,
    ...(errorNote ? { errorNote } : {}),
  };
}

/** Per feature: the mean over rows of its standard error, summed over the chosen classes. */
function meanErrors(attr: Attribution, classes: number[]): Float64Array {
  const out = new Float64Array(attr.feature_names.length);
  const rows = attr.std_errors!.length;
  for (const row of attr.std_errors!)
    row.forEach((perClass, f) => classes.forEach((c) => (out[f] += (perClass[c] ?? 0) / Math.max(1, rows))));
  return out;
}
