/** The metric part of an evaluation, from labels and model outputs alone (the job adds files and names). */
import type { ClassificationEvaluation, CurvePoints, RegressionEvaluation } from '../../protocol/evaluationTypes';
import { bootstrapIntervals, type BootstrapWeights } from './bootstrap';
import { accuracy, balancedAccuracy, confusionMatrix, f1Macro, perClass } from '../../protocol/metrics';
import {
  brier,
  confusionCells,
  f1Weighted,
  logLoss,
  predictedClasses,
  rowLogLoss,
  weightedConfusionAndLoss,
} from './metrics';
import { toProbabilities } from './predict';
import {
  averagePrecision,
  calibrationCurve,
  column,
  descendingOrder,
  prCurve,
  rankColumn,
  rocAuc,
  rocAucRanked,
  rocCurve,
} from './ranking';
import { mae, r2, residualQuantiles, rmse } from './regression';
import { errorCohorts } from './surrogate';

export interface MetricOptions {
  threshold?: number;
  resamples?: number;
  seed?: number;
  /** The rows' features (n x d) and names, for the error tree. */
  x?: Float64Array;
  d?: number;
  featureNames?: readonly string[];
  /** No features (images, texts): why there are no error cohorts. */
  noFeatures?: string;
}

/** The error tree's cohorts over the features, or why there are none. */
function errorAnalysis(
  o: MetricOptions,
  error: Float64Array,
  target: 'misclassified' | 'absolute_residual',
  overall: number,
) {
  if (o.noFeatures !== undefined || !o.x || o.d === undefined || !o.featureNames) {
    return { target, overall_error: overall, cohorts: [], unavailable: o.noFeatures ?? 'no features to split on' };
  }
  return {
    target,
    overall_error: overall,
    cohorts: errorCohorts(o.x, o.d, error, o.featureNames, target === 'misclassified'),
  };
}

type ClassificationMetrics = Omit<ClassificationEvaluation, 'model' | 'data' | 'output' | 'feature_names' | 'classes'>;
type RegressionMetrics = Omit<RegressionEvaluation, 'model' | 'data' | 'output' | 'feature_names'>;

/** `outputs` n x c as the model gave them (probabilities or logits); `labels` class indices below the class count. */
export function classificationMetrics(
  labels: Int32Array,
  outputs: Float64Array,
  c: number,
  o: MetricOptions,
  classes: readonly string[],
): ClassificationMetrics {
  const n = labels.length;
  const { probs, classes: k, scores } = toProbabilities(outputs, n, c);
  if (o.threshold !== undefined && k !== 2) {
    throw new Error(`a threshold applies to binary models; this one has ${k} classes`);
  }
  const predicted = predictedClasses(probs, n, k, o.threshold);
  const cols = Array.from({ length: k }, (_, j) => column(probs, n, k, j));
  const orders = cols.map((col) => descendingOrder(col));
  const positives = Array.from({ length: k }, (_, j) => Uint8Array.from(labels, (y) => (y === j ? 1 : 0)));
  const ranked = orders.map((ord, j) => rankColumn(ord, cols[j], positives[j]));
  const aucOf = (j: number, w?: BootstrapWeights) =>
    w ? rocAucRanked(ranked[j], w) : rocAuc(orders[j], cols[j], positives[j]);
  // Binary: the positive class's AUC; multi-class: one-vs-rest macro over the classes that have one.
  const auc = (w?: BootstrapWeights): number | null => {
    if (k === 2) return aucOf(1, w);
    const each = orders.map((_, j) => aucOf(j, w)).filter((a): a is number => a !== null);
    return each.length > 0 ? each.reduce((a, b) => a + b, 0) / each.length : null;
  };
  const rowLoss = rowLogLoss(labels, probs, k);
  const cells = confusionCells(labels, predicted, k);
  const headline = (w?: BootstrapWeights) => {
    const weighted = w ? weightedConfusionAndLoss(cells, k, rowLoss, w) : undefined;
    const cm = weighted?.cm ?? confusionMatrix(labels, predicted, k);
    const pc = perClass(cm);
    return {
      accuracy: accuracy(cm),
      balanced_accuracy: balancedAccuracy(cm),
      f1_macro: f1Macro(pc),
      roc_auc: auc(w),
      log_loss: weighted ? weighted.logLoss : logLoss(labels, probs, k),
    };
  };
  const cm = confusionMatrix(labels, predicted, k);
  const pc = perClass(cm);
  const shown = k === 2 ? [1] : Array.from({ length: k }, (_, j) => j);
  const curves: CurvePoints[] = shown.map((j) => ({
    class: classes[j],
    roc: { ...rocCurve(orders[j], cols[j], positives[j]), auc: rocAuc(orders[j], cols[j], positives[j]) },
    pr: {
      ...prCurve(orders[j], cols[j], positives[j]),
      average_precision: averagePrecision(orders[j], cols[j], positives[j]),
    },
  }));
  const error = Float64Array.from(labels, (y, i) => (y === predicted[i] ? 0 : 1));
  const h = headline();
  return {
    task: 'classification',
    rows: n,
    scores,
    threshold: o.threshold ?? null,
    accuracy: h.accuracy,
    balanced_accuracy: h.balanced_accuracy,
    precision: pc.precision,
    recall: pc.recall,
    f1: pc.f1,
    support: pc.support,
    f1_macro: h.f1_macro,
    f1_weighted: f1Weighted(pc),
    confusion_matrix: cm.map((r) => Array.from(r)),
    roc_auc: h.roc_auc,
    average_precision: orders.map((ord, j) => averagePrecision(ord, cols[j], positives[j])),
    log_loss: h.log_loss,
    brier: brier(labels, probs, k),
    calibration: shown.map((j) => ({ class: classes[j], bins: calibrationCurve(cols[j], positives[j]) })),
    curves,
    resamples: o.resamples ?? 200,
    seed: o.seed ?? 0,
    ci: bootstrapIntervals(n, o.resamples ?? 200, o.seed ?? 0, headline, labels),
    errors: errorAnalysis(o, error, 'misclassified', 1 - h.accuracy),
    labels: Array.from(labels),
    predicted: Array.from(predicted),
    ...(k === 2 ? { positive_probability: Array.from(cols[1]) } : {}),
  };
}

export function regressionMetrics(actual: Float64Array, predicted: Float64Array, o: MetricOptions): RegressionMetrics {
  const headline = (w?: BootstrapWeights) => ({
    mae: mae(actual, predicted, w),
    rmse: rmse(actual, predicted, w),
    r2: r2(actual, predicted, w),
  });
  const h = headline();
  const error = Float64Array.from(actual, (y, i) => Math.abs(y - predicted[i]));
  return {
    task: 'regression',
    rows: actual.length,
    ...h,
    residuals: residualQuantiles(actual, predicted),
    resamples: o.resamples ?? 200,
    seed: o.seed ?? 0,
    ci: bootstrapIntervals(actual.length, o.resamples ?? 200, o.seed ?? 0, headline),
    errors: errorAnalysis(o, error, 'absolute_residual', h.mae),
    labels: Array.from(actual),
    predicted: Array.from(predicted),
  };
}
