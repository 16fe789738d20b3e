/** Scores for permutation importance, oriented so that higher is better (losses are negated). */
export type Metric = 'accuracy' | 'log_loss' | 'rmse';

/**
 * `outputs` n x c model outputs; `labels` class indices (classification) or targets (regression).
 * Accuracy takes the arg-max column; log-loss the labelled column's probability; RMSE column 0.
 */
export function score(metric: Metric, outputs: Float64Array, c: number, labels: Float64Array): number {
  const n = labels.length;
  let total = 0;
  for (let r = 0; r < n; r++) {
    const o = r * c;
    if (metric === 'accuracy') {
      let best = 0;
      for (let j = 1; j < c; j++) if (outputs[o + j] > outputs[o + best]) best = j;
      if (c === 1) best = outputs[o] >= 0.5 ? 1 : 0;
      total += best === labels[r] ? 1 : 0;
    } else if (metric === 'log_loss') {
      const p = c === 1 ? (labels[r] === 1 ? outputs[o] : 1 - outputs[o]) : outputs[o + labels[r]];
      total += Math.log(Math.min(1, Math.max(1e-15, p)));
    } else {
      total -= (outputs[o] - labels[r]) ** 2;
    }
  }
  if (metric === 'rmse') return -Math.sqrt(-total / n);
  return total / n;
}

/** The score as users read it (loss metrics shown as losses). */
export function displayScore(metric: Metric, s: number): number {
  return metric === 'accuracy' ? s : -s;
}
