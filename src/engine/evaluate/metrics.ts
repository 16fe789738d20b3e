/**
 * Classification metrics, each defined exactly as scikit-learn's (named per function). `labels` and
 * `predicted` are class indices below k; `weights` are optional sample weights (bootstrap counts).
 * The metrics the Evaluation view also recomputes live in the protocol (protocol/metrics.ts).
 */
import type { PerClass } from '../../protocol/metrics';

/** Each row's confusion cell, true * k + predicted, for weightedConfusionAndLoss. */
export function confusionCells(labels: ArrayLike<number>, predicted: ArrayLike<number>, k: number): Int32Array {
  return Int32Array.from({ length: labels.length }, (_, i) => labels[i] * k + predicted[i]);
}

/**
 * confusionMatrix and the weighted mean of per-row log-loss terms under sample weights, in one pass over rows
 * given their precomputed cells (the bootstrap's hot path). Two lanes of counts keep consecutive rows that
 * land in one cell from waiting on each other's store.
 */
export function weightedConfusionAndLoss(
  cells: Int32Array,
  k: number,
  rowLoss: Float64Array,
  weights: ArrayLike<number>,
): { cm: Float64Array[]; logLoss: number } {
  const kk = k * k;
  const lanes = new Float64Array(2 * kk);
  const n = cells.length;
  let loss0 = 0;
  let loss1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const w0 = weights[i];
    const w1 = weights[i + 1];
    lanes[cells[i]] += w0;
    lanes[kk + cells[i + 1]] += w1;
    loss0 += w0 * rowLoss[i];
    loss1 += w1 * rowLoss[i + 1];
  }
  if (i < n) {
    lanes[cells[i]] += weights[i];
    loss0 += weights[i] * rowLoss[i];
  }
  let all = 0;
  for (let c = 0; c < kk; c++) all += lanes[c] += lanes[kk + c];
  const cm = Array.from({ length: k }, (_, t) => lanes.subarray(t * k, (t + 1) * k));
  return { cm, logLoss: all > 0 ? (loss0 + loss1) / all : 0 };
}

/** sklearn.metrics.f1_score(average='weighted'): per-class F1 weighted by support (0 when there is none). */
export function f1Weighted(p: PerClass): number {
  const total = p.support.reduce((a, b) => a + b, 0);
  return total > 0 ? p.f1.reduce((a, f, c) => a + f * p.support[c], 0) / total : 0;
}

/** float64 machine epsilon: log_loss's eps='auto' for float64 probabilities. */
export const FLOAT64_EPS = 2.220446049250313e-16;

/**
 * sklearn.metrics.log_loss (1.2, eps='auto'): clip to [eps, 1 - eps], renormalise each row, mean -log p[true].
 * `probs` is n x k row-major.
 */
export function logLoss(
  labels: ArrayLike<number>,
  probs: Float64Array,
  k: number,
  weights?: ArrayLike<number>,
): number {
  let total = 0;
  let all = 0;
  const eps = FLOAT64_EPS;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i] : 1;
    if (w === 0) continue;
    let sum = 0;
    for (let j = 0; j < k; j++) sum += clip(probs[i * k + j], eps);
    total -= w * Math.log(clip(probs[i * k + labels[i]], eps) / sum);
    all += w;
  }
  return all > 0 ? total / all : 0;
}

/** Each row's log-loss term (the bootstrap re-weights these instead of recomputing logarithms). */
export function rowLogLoss(labels: ArrayLike<number>, probs: Float64Array, k: number): Float64Array {
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += clip(probs[i * k + j], FLOAT64_EPS);
    out[i] = -Math.log(clip(probs[i * k + labels[i]], FLOAT64_EPS) / sum);
  }
  return out;
}

/** The weighted mean of per-row values. */
export function weightedMean(values: Float64Array, weights: ArrayLike<number>): number {
  let s = 0;
  let all = 0;
  for (let i = 0; i < values.length; i++) {
    s += weights[i] * values[i];
    all += weights[i];
  }
  return all > 0 ? s / all : 0;
}

function clip(p: number, eps: number): number {
  return p < eps ? eps : p > 1 - eps ? 1 - eps : p;
}

/**
 * Brier score. Binary: sklearn.metrics.brier_score_loss(y, p[:, 1]) = mean (p1 - y)^2.
 * Multi-class: mean over rows of sum over classes (p_k - [y = k])^2 (Brier 1950's original form).
 */
export function brier(labels: ArrayLike<number>, probs: Float64Array, k: number, weights?: ArrayLike<number>): number {
  let total = 0;
  let all = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i] : 1;
    if (w === 0) continue;
    let s = 0;
    if (k === 2) s = (probs[i * 2 + 1] - (labels[i] === 1 ? 1 : 0)) ** 2;
    else for (let j = 0; j < k; j++) s += (probs[i * k + j] - (labels[i] === j ? 1 : 0)) ** 2;
    total += w * s;
    all += w;
  }
  return all > 0 ? total / all : 0;
}

/** The predicted class per row: the arg-max (first on ties, as numpy), or for binary models class 1 when p1 >= threshold. */
export function predictedClasses(probs: Float64Array, n: number, k: number, threshold?: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (k === 2 && threshold !== undefined) {
      out[i] = probs[i * 2 + 1] >= threshold ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}
