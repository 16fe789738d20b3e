/** Waterfall of one row: from the base value to f(x), one step per feature (shap.plots.waterfall). */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { OTHER_FEATURE } from './common';
import { type Contribution, gapContribution, rowContributions } from './rowContributions';

export interface WaterfallStep extends Contribution {
  /** Cumulative value before and after this step. */
  start: number;
  end: number;
}

export interface WaterfallView {
  kind: 'waterfall';
  row: number;
  dataRow: number;
  className: string;
  base: number;
  prediction: number;
  /** Display order, top to bottom: the largest |value| first, "other features" last (next to the base). */
  steps: WaterfallStep[];
  /** Cumulative end of the top step; equals the prediction (a gap step closes any shortfall). */
  end: number;
  gap: number;
  gapShown: boolean;
  domain: [number, number];
}

export interface WaterfallOptions {
  row: number;
  classIndex: number;
  topK?: number;
}

export function waterfall(attr: Attribution, options: WaterfallOptions): WaterfallView {
  const rc = rowContributions(attr, options.row, options.classIndex);
  const sorted = [...rc.contributions].sort(
    (a, b) => Math.abs(b.value) - Math.abs(a.value) || a.featureIndex - b.featureIndex,
  );
  const topK = Math.max(1, options.topK ?? 10);
  const shown: Contribution[] = sorted.length <= topK + 1 ? sorted : sorted.slice(0, topK);
  const rest = sorted.slice(shown.length);
  const display: Contribution[] = [...shown];
  if (rest.length) {
    display.push({
      feature: `${rest.length} other features`,
      featureIndex: OTHER_FEATURE,
      value: rest.reduce((s, c) => s + c.value, 0),
      featureValue: NaN,
      featureValueText: '',
    });
  }
  if (rc.gapShown) display.unshift(gapContribution(rc.gap));
  // Accumulate from the bottom (the base) upwards, as the chart reads.
  const steps: WaterfallStep[] = display.map((c) => ({ ...c, start: 0, end: 0 }));
  let cumulative = rc.base;
  for (let i = steps.length - 1; i >= 0; i--) {
    steps[i].start = cumulative;
    cumulative += steps[i].value;
    steps[i].end = cumulative;
  }
  if (rc.gapShown) steps[0].end = rc.prediction;
  const end = steps.length ? steps[0].end : rc.base;
  let lo = Math.min(rc.base, rc.prediction);
  let hi = Math.max(rc.base, rc.prediction);
  for (const s of steps) {
    lo = Math.min(lo, s.start, s.end);
    hi = Math.max(hi, s.start, s.end);
  }
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  return {
    kind: 'waterfall',
    row: rc.row,
    dataRow: rc.dataRow,
    className: rc.className,
    base: rc.base,
    prediction: rc.prediction,
    steps,
    end,
    gap: rc.gap,
    gapShown: rc.gapShown,
    domain: [lo, hi],
  };
}
