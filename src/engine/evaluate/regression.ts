/** Regression metrics, each defined exactly as scikit-learn's (named per function); optional sample weights. */

/** sklearn.metrics.mean_absolute_error. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let s = 0;
  let all = 0;
  for (let i = 0; i < actual.length; i++) {
    const w = weights ? weights[i] : 1;
    s += w * Math.abs(actual[i] - predicted[i]);
    all += w;
  }
  return all > 0 ? s / all : 0;
}

/** sklearn.metrics.mean_squared_error(squared=False): the square root of the mean squared error. */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let s = 0;
  let all = 0;
  for (let i = 0; i < actual.length; i++) {
    const w = weights ? weights[i] : 1;
    s += w * (actual[i] - predicted[i]) ** 2;
    all += w;
  }
  return all > 0 ? Math.sqrt(s / all) : 0;
}

/** sklearn.metrics.r2_score (force_finite=True): 1 - SS_res / SS_tot; with constant targets 1 if exact, else 0. */
export function r2(actual: ArrayLike<number>, predicted: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let all = 0;
  let mean = 0;
  for (let i = 0; i < actual.length; i++) {
    const w = weights ? weights[i] : 1;
    mean += w * actual[i];
    all += w;
  }
  mean /= all > 0 ? all : 1;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < actual.length; i++) {
    const w = weights ? weights[i] : 1;
    res += w * (actual[i] - predicted[i]) ** 2;
    tot += w * (actual[i] - mean) ** 2;
  }
  if (tot === 0) return res === 0 ? 1 : 0;
  return 1 - res / tot;
}

/** numpy.quantile(values, q) with the default 'linear' method: sorted[(n - 1) q], interpolated. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export const RESIDUAL_QUANTILES = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];

/** Quantiles of actual - predicted. */
export function residualQuantiles(actual: ArrayLike<number>, predicted: ArrayLike<number>) {
  const r = Float64Array.from({ length: actual.length }, (_, i) => actual[i] - predicted[i]).sort();
  return RESIDUAL_QUANTILES.map((q) => ({ q, value: quantile(r, q) }));
}
