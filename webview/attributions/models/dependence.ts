/** Dependence scatter: a feature's value vs its attribution, coloured by its strongest interacting feature. */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import type { FeatureCurveView } from './common';
import { classNames, finiteExtent, formatNumber, meanAbsolute, orderByDescending, robustNormaliser } from './common';

export interface DependencePoint {
  row: number;
  dataRow: number;
  x: number;
  y: number;
  xText: string;
  colourValue: number;
  colourText: string;
  /** colourValue on 0..1 (robust 5th-95th percentile), or null when missing or uncoloured. */
  colour: number | null;
}

export interface DependenceView extends FeatureCurveView {
  kind: 'dependence';
  featureIndex: number;
  interaction: { feature: string; featureIndex: number; score: number } | null;
  points: DependencePoint[];
}

export interface DependenceOptions {
  classIndex: number;
  /** Defaults to the most important feature. */
  featureIndex?: number;
  /** Colour feature; defaults to interactionScores' best; -1 for none. */
  colourIndex?: number;
}

/**
 * Interaction score of every other feature with `feature` (after shap's approximate_interactions):
 * rows sorted by the feature's value are cut into bins of ~equal count; within each bin, the
 * attribution's |Pearson correlation| with the other feature's value is taken; the score is the
 * row-weighted mean over bins. Holding the feature (nearly) fixed, what still moves its attribution
 * is an interaction. The feature itself scores -1.
 */
export function interactionScores(attr: Attribution, feature: number, classIndex: number, bins?: number): Float64Array {
  const n = attr.values.length;
  const nFeatures = attr.feature_names.length;
  const scores = new Float64Array(nFeatures);
  scores[feature] = -1;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => attr.feature_values[a][feature] - attr.feature_values[b][feature] || a - b,
  );
  const binCount = Math.max(1, bins ?? Math.min(10, Math.floor(n / 10)));
  const size = Math.ceil(n / binCount);
  for (let g = 0; g < nFeatures; g++) {
    if (g === feature) continue;
    let weighted = 0;
    let counted = 0;
    for (let start = 0; start < n; start += size) {
      const rows = order.slice(start, start + size);
      const r = pearson(
        rows.map((i) => attr.values[i][feature][classIndex]),
        rows.map((i) => attr.feature_values[i][g]),
      );
      if (r === null) continue;
      weighted += rows.length * Math.abs(r);
      counted += rows.length;
    }
    scores[g] = counted ? weighted / counted : 0;
  }
  return scores;
}

/** Pearson correlation over the pairs where both are finite; null when fewer than 3 or a variance is 0. */
export function pearson(a: readonly number[], b: readonly number[]): number | null {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) continue;
    n++;
    sa += a[i];
    sb += b[i];
  }
  if (n < 3) return null;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) continue;
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  if (va <= 0 || vb <= 0) return null;
  return cov / Math.sqrt(va * vb);
}

export function dependence(attr: Attribution, options: DependenceOptions): DependenceView {
  const c = options.classIndex;
  const f = options.featureIndex ?? orderByDescending(meanAbsolute(attr, c))[0] ?? 0;
  let colourIndex = options.colourIndex;
  let score = NaN;
  if (colourIndex === undefined && attr.feature_names.length > 1) {
    const scores = interactionScores(attr, f, c);
    colourIndex = orderByDescending(scores)[0];
    score = scores[colourIndex];
  }
  const coloured = colourIndex !== undefined && colourIndex >= 0 && colourIndex !== f;
  const colourColumn = coloured ? attr.feature_values.map((r) => r[colourIndex as number]) : [];
  const colourOf = coloured ? robustNormaliser(colourColumn) : () => null;
  const points: DependencePoint[] = attr.values.map((v, row) => {
    const x = attr.feature_values[row][f];
    const colourValue = coloured ? colourColumn[row] : NaN;
    return {
      row,
      dataRow: attr.rows[row] ?? row,
      x,
      y: v[f][c],
      xText: formatNumber(x),
      colourValue,
      colourText: coloured ? formatNumber(colourValue) : '',
      colour: colourOf(colourValue),
    };
  });
  return {
    kind: 'dependence',
    className: classNames(attr)[c],
    feature: attr.feature_names[f],
    featureIndex: f,
    interaction: coloured
      ? { feature: attr.feature_names[colourIndex as number], featureIndex: colourIndex as number, score }
      : null,
    points,
    xDomain: finiteExtent(
      points.map((p) => p.x),
      0.05,
    ),
    yDomain: finiteExtent(
      points.map((p) => p.y),
      0.05,
    ),
  };
}
