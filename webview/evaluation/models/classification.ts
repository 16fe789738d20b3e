/**
 * Pure view model of a classification evaluation: headline metrics with their intervals, the confusion
 * matrix (counts or row shares) and per-class scores, live at a binary model's threshold. No DOM.
 */
import type { ClassificationEvaluation, Interval } from '../../../src/protocol/evaluationTypes';
import { accuracy, balancedAccuracy, confusionMatrix, f1Macro, perClass } from '../../../src/protocol/metrics';

/** The evaluation's predictions and scores, or (binary) those at another threshold, computed the engine's way. */
export interface LiveScores {
  /** The threshold in force (null: the larger probability wins, as the run had it). */
  threshold: number | null;
  /** Whether these are the run's own numbers (its intervals apply). */
  asRun: boolean;
  predicted: Int32Array;
  matrix: number[][];
  accuracy: number;
  balancedAccuracy: number;
  f1Macro: number;
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

export function isBinary(e: ClassificationEvaluation): boolean {
  return e.classes.length === 2 && e.positive_probability !== undefined;
}

/** Class 1 when its probability is at least `threshold` (the engine's rule); other models keep the run's predictions. */
export function liveScores(e: ClassificationEvaluation, threshold?: number | null): LiveScores {
  const k = e.classes.length;
  const t = threshold ?? e.threshold;
  const asRun = t === e.threshold || !isBinary(e);
  const p = e.positive_probability;
  const predicted =
    asRun || !p || t === null ? Int32Array.from(e.predicted) : Int32Array.from(p, (v) => (v >= t ? 1 : 0));
  const cm = confusionMatrix(e.labels, predicted, k);
  const pc = perClass(cm);
  return {
    threshold: asRun ? e.threshold : t,
    asRun,
    predicted,
    matrix: cm.map((r) => Array.from(r)),
    accuracy: accuracy(cm),
    balancedAccuracy: balancedAccuracy(cm),
    f1Macro: f1Macro(pc),
    ...pc,
  };
}

export interface HeadlineMetric {
  key: string;
  label: string;
  value: number | null;
  /** The bootstrap 95% interval, when it belongs to the value shown. */
  ci?: Interval;
  /** Lower is better (log loss, Brier, errors). */
  lowerIsBetter?: boolean;
}

export function classificationHeadline(e: ClassificationEvaluation, live: LiveScores): HeadlineMetric[] {
  // Intervals were computed at the run's threshold: at another one they would describe different numbers.
  const ci = (key: string) => (live.asRun ? e.ci[key] : undefined);
  return [
    { key: 'accuracy', label: 'Accuracy', value: live.accuracy, ci: ci('accuracy') },
    { key: 'balanced_accuracy', label: 'Balanced accuracy', value: live.balancedAccuracy, ci: ci('balanced_accuracy') },
    { key: 'f1_macro', label: 'F1 (macro)', value: live.f1Macro, ci: ci('f1_macro') },
    {
      key: 'roc_auc',
      label: e.classes.length === 2 ? 'ROC AUC' : 'ROC AUC (one-vs-rest macro)',
      value: e.roc_auc,
      ci: e.ci.roc_auc,
    },
    { key: 'log_loss', label: 'Log loss', value: e.log_loss, ci: e.ci.log_loss, lowerIsBetter: true },
    { key: 'brier', label: 'Brier score', value: e.brier, ci: e.ci.brier, lowerIsBetter: true },
  ];
}

export interface ConfusionCell {
  trueIndex: number;
  predictedIndex: number;
  count: number;
  /** The cell's share of its true class's rows (0 when the class has none). */
  rowShare: number;
  /** What the cell shows, and its colour strength in [0, 1]. */
  text: string;
  intensity: number;
  correct: boolean;
}

export interface ConfusionView {
  classes: string[];
  normalised: boolean;
  cells: ConfusionCell[];
  rowTotals: number[];
}

/** sklearn's confusion_matrix(normalize='true') when `normalised`: each row divided by its total. */
export function confusionView(matrix: number[][], classes: string[], normalised: boolean): ConfusionView {
  const rowTotals = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...matrix.flat());
  const cells: ConfusionCell[] = [];
  matrix.forEach((row, t) =>
    row.forEach((count, p) => {
      const rowShare = rowTotals[t] > 0 ? count / rowTotals[t] : 0;
      cells.push({
        trueIndex: t,
        predictedIndex: p,
        count,
        rowShare,
        text: normalised ? `${(100 * rowShare).toFixed(rowShare > 0 && rowShare < 0.1 ? 1 : 0)}%` : String(count),
        intensity: normalised ? rowShare : count / max,
        correct: t === p,
      });
    }),
  );
  return { classes, normalised, cells, rowTotals };
}

/** The data rows (0-based) in one cell: true class `t` predicted as `p`. */
export function cellRows(labels: ArrayLike<number>, predicted: ArrayLike<number>, t: number, p: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === t && predicted[i] === p) rows.push(i);
  return rows;
}

export interface ClassBars {
  metrics: ['precision', 'recall', 'f1'];
  groups: { class: string; classIndex: number; support: number; values: number[] }[];
}

export function perClassBars(
  classes: string[],
  live: Pick<LiveScores, 'precision' | 'recall' | 'f1' | 'support'>,
): ClassBars {
  return {
    metrics: ['precision', 'recall', 'f1'],
    groups: classes.map((c, k) => ({
      class: c,
      classIndex: k,
      support: live.support[k],
      values: [live.precision[k], live.recall[k], live.f1[k]],
    })),
  };
}

/** A metric as the panel writes it: 4 significant decimals, tiny values in exponent form, missing as a dash. */
export function formatMetric(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2);
  return v.toFixed(4);
}

export function formatInterval(ci: Interval | undefined): string {
  return ci ? `${formatMetric(ci.low)} – ${formatMetric(ci.high)}` : '';
}
