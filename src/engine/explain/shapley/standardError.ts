/**
 * Standard errors for any sampled estimate that is a mean of independent units (a permutation pair, a batch of
 * coalitions, a seed's whole estimate): sd / sqrt(n). The partition and image methods can split their samples
 * into B independent batches, estimate from each, and report the batch means' spread (the batch-means method).
 */

/** The mean of n units (each `width` values, unit-major) and its standard error; NaN errors below two units. */
export function meanAndError(
  units: Float64Array,
  n: number,
  width: number,
): { values: Float64Array; stdErrors: Float64Array } {
  const values = new Float64Array(width);
  const stdErrors = new Float64Array(width);
  for (let k = 0; k < n; k++) for (let z = 0; z < width; z++) values[z] += units[k * width + z] / n;
  if (n < 2) return { values, stdErrors: stdErrors.fill(NaN) };
  for (let k = 0; k < n; k++)
    for (let z = 0; z < width; z++) stdErrors[z] += (units[k * width + z] - values[z]) ** 2 / (n - 1);
  for (let z = 0; z < width; z++) stdErrors[z] = Math.sqrt(stdErrors[z] / n);
  return { values, stdErrors };
}

/** The batch-means form: B estimates of the same values, each from its own independent samples. */
export function batchMeans(estimates: readonly Float64Array[]): { values: Float64Array; stdErrors: Float64Array } {
  const width = estimates[0]?.length ?? 0;
  const units = new Float64Array(estimates.length * width);
  estimates.forEach((e, b) => units.set(e, b * width));
  return meanAndError(units, estimates.length, width);
}
