/** Both models' headline metrics side by side (terminal, HTML report and panel alike). Pure: types only. */
import type { CompareResult } from './compareTypes';
import type { Evaluation, Interval } from './evaluationTypes';

export interface MetricPair {
  key: string;
  label: string;
  a: number | null;
  b: number | null;
  ci_a?: Interval;
  ci_b?: Interval;
  lowerIsBetter: boolean;
  /** B against A: 'better' or 'worse' when they differ, 'same' when equal, undefined when either is missing. */
  verdict?: 'better' | 'worse' | 'same';
  /** B's bootstrap interval misses A's value and A's misses B's: a difference the resampling does not explain. */
  beyondIntervals: boolean;
}

interface Headline {
  key: string;
  label: string;
  lowerIsBetter?: boolean;
}

const CLASSIFICATION: Headline[] = [
  { key: 'accuracy', label: 'Accuracy' },
  { key: 'balanced_accuracy', label: 'Balanced accuracy' },
  { key: 'f1_macro', label: 'F1 (macro)' },
  { key: 'f1_weighted', label: 'F1 (weighted)' },
  { key: 'roc_auc', label: 'ROC AUC' },
  { key: 'log_loss', label: 'Log loss', lowerIsBetter: true },
  { key: 'brier', label: 'Brier score', lowerIsBetter: true },
];

const REGRESSION: Headline[] = [
  { key: 'mae', label: 'Mean absolute error', lowerIsBetter: true },
  { key: 'rmse', label: 'Root mean squared error', lowerIsBetter: true },
  { key: 'r2', label: 'R²' },
];

function valueOf(e: Evaluation | undefined, key: string): number | null {
  const v = e ? (e as unknown as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' ? v : null;
}

const outside = (v: number | null, ci?: Interval) => v !== null && ci !== undefined && (v < ci.low || v > ci.high);

/** The headline metrics of A's task (B's when A has none) with both values, their intervals and which is better. */
export function metricPairs(r: Pick<CompareResult, 'metrics_a' | 'metrics_b'>): MetricPair[] {
  const task = (r.metrics_a ?? r.metrics_b)?.task;
  if (!task) return [];
  const sameTask = r.metrics_a?.task === r.metrics_b?.task;
  const classes = r.metrics_a?.task === 'classification' ? r.metrics_a.classes.length : 2;
  return (task === 'classification' ? CLASSIFICATION : REGRESSION).map((h) => {
    const label = h.key === 'roc_auc' && classes > 2 ? 'ROC AUC (OvR macro)' : h.label;
    const a = valueOf(r.metrics_a, h.key);
    const b = sameTask ? valueOf(r.metrics_b, h.key) : null;
    const ci_a = r.metrics_a?.ci[h.key];
    const ci_b = sameTask ? r.metrics_b?.ci[h.key] : undefined;
    const lowerIsBetter = h.lowerIsBetter ?? false;
    const verdict =
      a === null || b === null ? undefined : a === b ? 'same' : b < a === lowerIsBetter ? 'better' : 'worse';
    return {
      key: h.key,
      label,
      a,
      b,
      ...(ci_a ? { ci_a } : {}),
      ...(ci_b ? { ci_b } : {}),
      lowerIsBetter,
      ...(verdict ? { verdict } : {}),
      beyondIntervals: outside(a, ci_b) && outside(b, ci_a),
    };
  });
}
