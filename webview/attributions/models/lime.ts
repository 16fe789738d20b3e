/** LIME weights of one row (Ribeiro et al. 2016): the local linear fit's weights, intercept and R². */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { classNames, formatNumber, orderByDescending } from './common';

export interface LimeItem {
  feature: string;
  featureIndex: number;
  weight: number;
  featureValueText: string;
}

export interface LimeView {
  kind: 'lime';
  row: number;
  dataRow: number;
  className: string;
  items: LimeItem[];
  intercept: number;
  localPrediction: number;
  prediction: number;
  /** R² of the weighted local fit; NaN when the engine did not report it. */
  score: number;
  xDomain: [number, number];
}

export function limeView(attr: Attribution, options: { row: number; classIndex: number; topK?: number }): LimeView {
  const { row, classIndex: c } = options;
  const weights = attr.values[row].map((v) => v[c]);
  const order = orderByDescending(weights.map(Math.abs)).slice(0, Math.max(1, options.topK ?? 10));
  const items = order.map((f) => ({
    feature: attr.feature_names[f],
    featureIndex: f,
    weight: weights[f],
    featureValueText: formatNumber(attr.feature_values[row]?.[f] ?? NaN),
  }));
  const intercept = attr.intercept?.[row]?.[c] ?? attr.base_values[c];
  const localPrediction = attr.local_prediction?.[row]?.[c] ?? intercept + weights.reduce((s, w) => s + w, 0);
  const extent = Math.max(...items.map((i) => Math.abs(i.weight)), 0) || 1;
  return {
    kind: 'lime',
    row,
    dataRow: attr.rows[row] ?? row,
    className: classNames(attr)[c],
    items,
    intercept,
    localPrediction,
    prediction: attr.predictions[row][c],
    score: attr.score?.[row]?.[c] ?? NaN,
    xDomain: [-extent, extent],
  };
}
