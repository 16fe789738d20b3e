/**
 * Ranking metrics of one score column against a positive class, as scikit-learn defines them: ROC AUC,
 * average precision (step-wise, not trapezoid), their curves, and the calibration curve. Rows are walked
 * once in descending score order; tied scores form one threshold.
 */
import type { CalibrationBin } from '../../protocol/evaluationTypes';

/**
 * Row indices by descending score (the order every ranking metric walks), tied rows in index order. The scores
 * are sorted natively (no comparator calls) and each row then takes the next free place of its value's run,
 * found by binary search: several times faster than sorting indices with a comparator.
 */
export function descendingOrder(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const keys = Float64Array.from(scores);
  if (keys.some((v) => Number.isNaN(v))) {
    // NaN has no place among numbers: the comparator sort keeps its old behaviour for such columns.
    const order = Int32Array.from({ length: n }, (_, i) => i);
    return order.sort((a, b) => keys[b] - keys[a]);
  }
  const desc = Float64Array.from(keys).sort().reverse();
  const filled = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    // The first place whose score is not above v: where v's run starts.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (desc[mid] > v) lo = mid + 1;
      else hi = mid;
    }
    order[lo + filled[lo]++] = i;
  }
  return order;
}

/** One column of an n x k matrix. */
export function column(values: Float64Array, n: number, k: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i * k + j];
  return out;
}

interface Totals {
  positives: number;
  negatives: number;
}

/** Calls `step(tp, fp, threshold)` with cumulative (weighted) counts after each distinct threshold. */
function walk(
  order: Int32Array,
  scores: ArrayLike<number>,
  positive: ArrayLike<boolean | number>,
  weights: ArrayLike<number> | undefined,
  step: (tp: number, fp: number, threshold: number) => void,
): Totals {
  let tp = 0;
  let fp = 0;
  for (let a = 0; a < order.length;) {
    const s = scores[order[a]];
    let b = a;
    for (; b < order.length && scores[order[b]] === s; b++) {
      const i = order[b];
      const w = weights ? weights[i] : 1;
      if (positive[i]) tp += w;
      else fp += w;
    }
    step(tp, fp, s);
    a = b;
  }
  return { positives: tp, negatives: fp };
}

/** sklearn.metrics.roc_auc_score for one class: trapezoid under roc_curve; null when a class is absent. */
export function rocAuc(
  order: Int32Array,
  scores: ArrayLike<number>,
  positive: ArrayLike<boolean | number>,
  weights?: ArrayLike<number>,
): number | null {
  let area = 0;
  let lastTp = 0;
  let lastFp = 0;
  const t = walk(order, scores, positive, weights, (tp, fp) => {
    area += ((fp - lastFp) * (tp + lastTp)) / 2;
    lastTp = tp;
    lastFp = fp;
  });
  if (t.positives <= 0 || t.negatives <= 0) return null;
  return area / (t.positives * t.negatives);
}

/** sklearn.metrics.average_precision_score: sum over thresholds of (R_n - R_{n-1}) P_n; null without positives. */
export function averagePrecision(
  order: Int32Array,
  scores: ArrayLike<number>,
  positive: ArrayLike<boolean | number>,
  weights?: ArrayLike<number>,
): number | null {
  let sum = 0;
  let lastTp = 0;
  const t = walk(order, scores, positive, weights, (tp, fp) => {
    if (tp > lastTp) sum += ((tp - lastTp) * tp) / (tp + fp);
    lastTp = tp;
  });
  return t.positives > 0 ? sum / t.positives : null;
}

/** Most points a curve keeps in the JSON (the AUC itself always uses every threshold). */
const MAX_POINTS = 400;

/** sklearn.metrics.roc_curve points (straight runs merged), thinned to MAX_POINTS; first threshold max + 1 as sklearn 1.2. */
export function rocCurve(order: Int32Array, scores: ArrayLike<number>, positive: ArrayLike<boolean | number>) {
  const tps = [0];
  const fps = [0];
  const thresholds: number[] = [];
  const t = walk(order, scores, positive, undefined, (tp, fp, s) => {
    tps.push(tp);
    fps.push(fp);
    thresholds.push(s);
  });
  thresholds.unshift((thresholds[0] ?? 0) + 1);
  const keep: number[] = [];
  for (let i = 0; i < tps.length; i++) {
    const inner = i > 0 && i < tps.length - 1;
    // A point inside a vertical or horizontal run adds nothing to the curve's shape.
    const collinear =
      inner && ((fps[i] === fps[i - 1] && fps[i] === fps[i + 1]) || (tps[i] === tps[i - 1] && tps[i] === tps[i + 1]));
    if (!collinear) keep.push(i);
  }
  const idx = thin(keep);
  return {
    fpr: idx.map((i) => (t.negatives > 0 ? fps[i] / t.negatives : 0)),
    tpr: idx.map((i) => (t.positives > 0 ? tps[i] / t.positives : 0)),
    thresholds: idx.map((i) => thresholds[i]),
  };
}

/** sklearn.metrics.precision_recall_curve, by descending threshold up to full recall, from (recall 0, precision 1). */
export function prCurve(order: Int32Array, scores: ArrayLike<number>, positive: ArrayLike<boolean | number>) {
  const points: { tp: number; fp: number; s: number }[] = [];
  const t = walk(order, scores, positive, undefined, (tp, fp, s) => points.push({ tp, fp, s }));
  const full = points.findIndex((p) => p.tp >= t.positives);
  const upTo = full >= 0 ? points.slice(0, full + 1) : points;
  const idx = thin(Array.from({ length: upTo.length }, (_, i) => i));
  return {
    recall: [0, ...idx.map((i) => (t.positives > 0 ? upTo[i].tp / t.positives : 0))],
    precision: [1, ...idx.map((i) => upTo[i].tp / (upTo[i].tp + upTo[i].fp))],
    thresholds: [(upTo[0]?.s ?? 0) + 1, ...idx.map((i) => upTo[i].s)],
  };
}

function thin(keep: number[]): number[] {
  if (keep.length <= MAX_POINTS) return keep;
  const out: number[] = [];
  for (let j = 0; j < MAX_POINTS; j++) out.push(keep[Math.round((j * (keep.length - 1)) / (MAX_POINTS - 1))]);
  return out;
}

/**
 * sklearn.calibration.calibration_curve(strategy='uniform'): edges linspace(0, 1, bins + 1); a probability
 * goes to the first bin whose upper inner edge it does not exceed (np.searchsorted, side='left'); empty bins are left out.
 */
export function calibrationCurve(probability: ArrayLike<number>, positive: ArrayLike<boolean | number>, bins = 10) {
  const step = 1 / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? 1 : i * step));
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < probability.length; i++) {
    const p = probability[i];
    let b = 0;
    while (b < bins - 1 && p > edges[b + 1]) b++;
    count[b]++;
    sumP[b] += p;
    sumY[b] += positive[i] ? 1 : 0;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    out.push({
      lower: edges[b],
      upper: edges[b + 1],
      count: count[b],
      mean_predicted: sumP[b] / count[b],
      fraction_positive: sumY[b] / count[b],
    });
  }
  return out;
}

/**
 * A score column laid out in descending order once, so each bootstrap resample walks it sequentially: per rank,
 * bit 0 says the row is positive and bit 1 that it ends its group of tied scores (one byte instead of a score).
 */
export interface RankedColumn {
  order: Int32Array;
  flags: Uint8Array;
}

export function rankColumn(order: Int32Array, scores: ArrayLike<number>, positive: ArrayLike<number>): RankedColumn {
  const n = order.length;
  const flags = new Uint8Array(n);
  for (let b = 0; b < n; b++) {
    const ends = b === n - 1 || scores[order[b + 1]] !== scores[order[b]];
    flags[b] = (positive[order[b]] ? 1 : 0) | (ends ? 2 : 0);
  }
  return { order, flags };
}

/** rocAuc on a ranked column with sample weights: the same sums in one tight loop (the bootstrap's hot path). */
export function rocAucRanked(c: RankedColumn, weights: ArrayLike<number>): number | null {
  const { order, flags } = c;
  const n = order.length;
  let tp = 0;
  let fp = 0;
  let lastTp = 0;
  let lastFp = 0;
  let area = 0;
  for (let b = 0; b < n; b++) {
    const w = weights[order[b]];
    const f = flags[b];
    // Without a branch: which rows are positive is as unpredictable as the labels.
    const pw = w * (f & 1);
    tp += pw;
    fp += w - pw;
    if (f & 2) {
      area += (fp - lastFp) * (tp + lastTp);
      lastTp = tp;
      lastFp = fp;
    }
  }
  return tp > 0 && fp > 0 ? area / (2 * tp * fp) : null;
}
