/** Force plot of one row: positive pushes end at f(x) from the left, negative ones from the right (shap.plots.force). */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { type Contribution, gapContribution, rowContributions } from './rowContributions';

export interface ForceSegment extends Contribution {
  start: number;
  end: number;
}

export interface ForceView {
  kind: 'force';
  row: number;
  dataRow: number;
  className: string;
  base: number;
  prediction: number;
  /** Largest first, each adjacent to f(x): positives span [f(x) - sum, f(x)], negatives [f(x), f(x) + |sum|]. */
  positive: ForceSegment[];
  negative: ForceSegment[];
  gap: number;
  gapShown: boolean;
  domain: [number, number];
}

export interface ForceOptions {
  row: number;
  classIndex: number;
}

export function forcePlot(attr: Attribution, options: ForceOptions): ForceView {
  const rc = rowContributions(attr, options.row, options.classIndex);
  const all = rc.contributions.filter((c) => c.value !== 0);
  if (rc.gapShown) all.push(gapContribution(rc.gap));
  const byMagnitude = (a: Contribution, b: Contribution) =>
    Math.abs(b.value) - Math.abs(a.value) || a.featureIndex - b.featureIndex;
  const fx = rc.prediction;
  const positive = stack(all.filter((c) => c.value > 0).sort(byMagnitude), fx, -1);
  const negative = stack(all.filter((c) => c.value < 0).sort(byMagnitude), fx, 1);
  const lo = Math.min(positive.at(-1)?.start ?? fx, rc.base, fx);
  const hi = Math.max(negative.at(-1)?.end ?? fx, rc.base, fx);
  return {
    kind: 'force',
    row: rc.row,
    dataRow: rc.dataRow,
    className: rc.className,
    base: rc.base,
    prediction: fx,
    positive,
    negative,
    gap: rc.gap,
    gapShown: rc.gapShown,
    domain: lo === hi ? [lo - 1, hi + 1] : [lo, hi],
  };
}

/** Lays segments away from f(x): direction -1 stacks to the left (positives), +1 to the right (negatives). */
function stack(items: Contribution[], fx: number, direction: 1 | -1): ForceSegment[] {
  let edge = fx;
  return items.map((c) => {
    const next = edge + direction * Math.abs(c.value);
    const seg = { ...c, start: Math.min(edge, next), end: Math.max(edge, next) };
    edge = next;
    return seg;
  });
}
