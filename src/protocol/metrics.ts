/**
 * The classification metrics that both the engine and the Evaluation view's threshold explorer compute, each defined
 * exactly as scikit-learn's (named per function). `labels` and `predicted` are class indices below k; `weights` are
 * optional sample weights (bootstrap counts).
 */

/** sklearn.metrics.confusion_matrix(y_true, y_pred, labels=range(k)): rows are true classes, columns predicted. */
export function confusionMatrix(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  k: number,
  weights?: ArrayLike<number>,
): Float64Array[] {
  const m = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < labels.length; i++) m[labels[i]][predicted[i]] += weights ? weights[i] : 1;
  return m;
}

/** sklearn.metrics.accuracy_score: the share of rows predicted right. */
export function accuracy(cm: Float64Array[]): number {
  let right = 0;
  let all = 0;
  cm.forEach((row, t) => row.forEach((v, p) => ((all += v), (right += t === p ? v : 0))));
  return all > 0 ? right / all : 0;
}

/** sklearn.metrics.balanced_accuracy_score: mean recall over the classes that occur in y_true. */
export function balancedAccuracy(cm: Float64Array[]): number {
  let sum = 0;
  let classes = 0;
  cm.forEach((row, t) => {
    const support = row.reduce((a, b) => a + b, 0);
    if (support > 0) {
      sum += row[t] / support;
      classes++;
    }
  });
  return classes > 0 ? sum / classes : 0;
}

export interface PerClass {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

/** sklearn.metrics.precision_recall_fscore_support(labels=range(k), average=None, zero_division=0). */
export function perClass(cm: Float64Array[]): PerClass {
  const k = cm.length;
  const out: PerClass = { precision: [], recall: [], f1: [], support: [] };
  for (let c = 0; c < k; c++) {
    const tp = cm[c][c];
    let predicted = 0;
    for (let t = 0; t < k; t++) predicted += cm[t][c];
    const support = cm[c].reduce((a, b) => a + b, 0);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    // sklearn: F = 2 tp / (2 tp + fp + fn), 0 when the denominator is 0.
    const denominator = predicted + support;
    out.precision.push(precision);
    out.recall.push(recall);
    out.f1.push(denominator > 0 ? (2 * tp) / denominator : 0);
    out.support.push(support);
  }
  return out;
}

/**
 * sklearn.metrics.f1_score(average='macro', labels=<the classes present in y_true>): the unweighted mean of per-class
 * F1 over classes with support, so a bootstrap resample that draws no row of a class does not score it 0.
 */
export function f1Macro(p: PerClass): number {
  let sum = 0;
  let present = 0;
  for (let c = 0; c < p.f1.length; c++) {
    if (p.support[c] === 0) continue;
    sum += p.f1[c];
    present++;
  }
  return present > 0 ? sum / present : 0;
}
