/** Permutation importance (Breiman 2001; Fisher et al. 2019): score drop per feature with ± one std. */
import type { PermutationImportance } from '../../../src/protocol/attributionTypes';
import { OTHER_FEATURE, orderByDescending } from './common';

export interface ImportanceItem {
  feature: string;
  featureIndex: number;
  mean: number;
  std: number;
  /** Error bar ends: mean ∓ std. */
  low: number;
  high: number;
}

export interface ImportanceView {
  kind: 'importance';
  metric: PermutationImportance['metric'];
  baseline: number;
  repeats: number;
  items: ImportanceItem[];
  xDomain: [number, number];
  xLabel: string;
}

export function importanceView(pi: PermutationImportance, options: { topK?: number } = {}): ImportanceView {
  const order = orderByDescending(pi.mean);
  const topK = Math.max(1, options.topK ?? 10);
  const shown = order.length <= topK + 1 ? order : order.slice(0, topK);
  const rest = order.slice(shown.length);
  const items: ImportanceItem[] = shown.map((f) => ({
    feature: pi.feature_names[f],
    featureIndex: f,
    mean: pi.mean[f],
    std: pi.std[f],
    low: pi.mean[f] - pi.std[f],
    high: pi.mean[f] + pi.std[f],
  }));
  if (rest.length) {
    // Drops of separate permutations do not add up, so the rest is summarised by its largest.
    const best = rest[0];
    items.push({
      feature: `${rest.length} other features (max)`,
      featureIndex: OTHER_FEATURE,
      mean: pi.mean[best],
      std: pi.std[best],
      low: pi.mean[best] - pi.std[best],
      high: pi.mean[best] + pi.std[best],
    });
  }
  const lo = Math.min(0, ...items.map((i) => i.low));
  const hi = Math.max(0, ...items.map((i) => i.high));
  return {
    kind: 'importance',
    metric: pi.metric,
    baseline: pi.baseline,
    repeats: pi.repeats,
    items,
    xDomain: lo === hi ? [0, 1] : [lo, hi],
    xLabel: `drop in ${pi.metric === 'log_loss' ? 'log loss' : pi.metric} when permuted (± std over ${pi.repeats} repeats)`,
  };
}
