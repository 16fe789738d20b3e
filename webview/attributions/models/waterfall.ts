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
  /** With standard errors: how many shown steps are within two of them of zero (whiskers show +-2 SE). */
  errorNote?: string;
  /** What the base is called under the chart (default E[f(X)], the background's mean output). */
  baseLabel?: string;
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
      // Errors of a sum, taken as independent.
      ...(rc.contributions[0]?.stdError !== undefined
        ? { stdError: Math.sqrt(rest.reduce((s, c) => s + (c.stdError ?? 0) ** 2, 0)) }
        : {}),
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
  // Whiskers (+-2 SE about each step's end) stay on the chart.
  for (const s of steps) {
    lo = Math.min(lo, s.end - 2 * (s.stdError ?? 0));
    hi = Math.max(hi, s.end + 2 * (s.stdError ?? 0));
  }
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const errorNote = nearZeroNote(steps);
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
    ...(errorNote ? { errorNote } : {}),
  };
}

/** "k of the n values shown are within 2 standard errors of 0", or nothing when none are (or none have errors). */
export function nearZeroNote(items: readonly { value: number; stdError?: number }[]): string | undefined {
  const withErrors = items.filter((c) => c.stdError !== undefined && c.stdError > 0);
  if (!withErrors.length) return undefined;
  const near = withErrors.filter((c) => Math.abs(c.value) <= 2 * c.stdError!).length;
  if (!near) return undefined;
  return `${near} of ${withErrors.length} values shown are within 2 standard errors of 0 (whiskers: ±2 SE)`;
}
