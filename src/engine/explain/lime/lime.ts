/**
 * LIME for tabular data (Ribeiro et al. 2016, as the `lime` package does it by default): perturb the
 * row by drawing each feature's quartile bin from the training frequencies, keep whether it matches
 * the row's bin (the interpretable features), weigh samples by an exponential kernel of width
 * 0.75 sqrt(M) on that binary distance, and fit a ridge regression (alpha 1) per output column.
 * It is lime's explain_instance with num_features = M: every feature is fitted (lime's default 10 refits on the
 * top 10 when M > 10). Checked against lime's own numbers: test/unit/explain/lime/limeReference.test.ts.
 */
import type { Rows } from '../../data/background';
import { ensureFits, limeSize } from '../limits';
import type { BatchEvaluator } from '../evaluator';
import { solveSymmetric } from '../linalg';
import { drawIndex, normalSource } from '../random';
import { binOf, drawInBin, type FeatureBins } from './discretize';

export const LIME_SAMPLES = 5000;

export interface LimeOptions {
  /** The row's elements the bins describe (default: all); the others keep x's values. */
  columns?: readonly number[];
  samples?: number;
  kernelWidth?: number;
  random: () => number;
}

export interface LimeResult {
  /** [feature][column] weights of "the feature is in the row's bin". */
  weights: Float64Array;
  intercept: Float64Array;
  localPrediction: Float64Array;
  /** Weighted R^2 of the local fit, per column. */
  score: Float64Array;
}

export async function limeTabular(
  evaluator: BatchEvaluator,
  bins: FeatureBins[],
  x: Float64Array,
  options: LimeOptions,
): Promise<LimeResult> {
  const m = bins.length;
  const n = options.samples ?? LIME_SAMPLES;
  ensureFits(limeSize(n, m, x.length));
  const samples = limeTabularSamples(bins, x, { ...options, samples: n });
  return limeTabularFit(evaluator, samples, options.kernelWidth ?? 0.75 * Math.sqrt(m));
}

export interface LimeTabularSamples {
  n: number;
  m: number;
  /** n x m: 1 where the sample's feature is in the row's bin (row 0 is the row itself: all ones). */
  binary: Uint8Array;
  /** n x d: the rows the model is given. */
  inputs: Float64Array;
}

/** lime's neighbourhood of a row: sample 0 is the row itself, the others redraw every explained feature's bin and value. */
export function limeTabularSamples(
  bins: FeatureBins[],
  x: Float64Array,
  options: LimeOptions & { samples: number },
): LimeTabularSamples {
  const m = bins.length;
  const d = x.length;
  const n = options.samples;
  const columns = options.columns ?? Array.from({ length: m }, (_, f) => f);
  const normal = normalSource(options.random);
  const rowBins = columns.map((e, f) => binOf(bins[f].edges, x[e]));
  const binary = new Uint8Array(n * m).fill(1);
  const inputs = new Float64Array(n * d);
  for (let s = 0; s < n; s++) inputs.set(x, s * d);
  for (let s = 1; s < n; s++) {
    for (let f = 0; f < m; f++) {
      const b = drawIndex(bins[f].frequencies, options.random);
      binary[s * m + f] = b === rowBins[f] ? 1 : 0;
      inputs[s * d + columns[f]] = drawInBin(bins[f], b, normal, options.random);
    }
  }
  return { n, m, binary, inputs };
}

/**
 * The model on the samples, then lime's fit: the kernel on the Euclidean distance between binary vectors
 * (the square root of the number of features out of the row's bin), a weighted ridge per output column.
 */
export async function limeTabularFit(
  evaluator: BatchEvaluator,
  { n, m, binary, inputs }: LimeTabularSamples,
  width: number,
): Promise<LimeResult> {
  const y = await evaluator.evaluateRows(inputs, n);
  return weightedRidge(binary, y, limeTabularWeights(binary, n, m, width), n, m, evaluator.model.columns, 1);
}

/** lime's kernel sqrt(exp(-d^2 / width^2)), d^2 the number of features out of the row's bin. */
export function limeTabularWeights(binary: Uint8Array, n: number, m: number, width: number): Float64Array {
  const weights = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let d2 = 0;
    for (let f = 0; f < m; f++) d2 += 1 - binary[s * m + f];
    weights[s] = Math.sqrt(Math.exp(-d2 / (width * width)));
  }
  return weights;
}

/** Ridge regression with an intercept and sample weights (the intercept is not penalised). */
export function weightedRidge(
  xs: Uint8Array | Float64Array,
  y: Float64Array,
  w: Float64Array,
  n: number,
  m: number,
  c: number,
  alpha: number,
): LimeResult {
  let wsum = 0;
  const xMean = new Float64Array(m);
  const yMean = new Float64Array(c);
  for (let s = 0; s < n; s++) {
    wsum += w[s];
    for (let f = 0; f < m; f++) xMean[f] += w[s] * xs[s * m + f];
    for (let j = 0; j < c; j++) yMean[j] += w[s] * y[s * c + j];
  }
  for (let f = 0; f < m; f++) xMean[f] /= wsum;
  for (let j = 0; j < c; j++) yMean[j] /= wsum;
  const a = new Float64Array(m * m);
  const b = new Float64Array(m * c);
  for (let s = 0; s < n; s++) {
    for (let f = 0; f < m; f++) {
      const xf = w[s] * (xs[s * m + f] - xMean[f]);
      for (let g = 0; g <= f; g++) a[f * m + g] += xf * (xs[s * m + g] - xMean[g]);
      for (let j = 0; j < c; j++) b[f * c + j] += xf * (y[s * c + j] - yMean[j]);
    }
  }
  for (let f = 0; f < m; f++) {
    a[f * m + f] += alpha;
    for (let g = 0; g < f; g++) a[g * m + f] = a[f * m + g];
  }
  const beta = solveSymmetric(a, m, b, c);
  const intercept = new Float64Array(c);
  const localPrediction = new Float64Array(c);
  const score = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    let dot = 0;
    for (let f = 0; f < m; f++) dot += xMean[f] * beta[f * c + j];
    intercept[j] = yMean[j] - dot;
    let pred0 = intercept[j];
    for (let f = 0; f < m; f++) pred0 += xs[f] * beta[f * c + j];
    localPrediction[j] = pred0;
    let ssRes = 0;
    let ssTot = 0;
    for (let s = 0; s < n; s++) {
      let pred = intercept[j];
      for (let f = 0; f < m; f++) pred += xs[s * m + f] * beta[f * c + j];
      ssRes += w[s] * (y[s * c + j] - pred) ** 2;
      ssTot += w[s] * (y[s * c + j] - yMean[j]) ** 2;
    }
    score[j] = ssTot > 0 ? 1 - ssRes / ssTot : 1;
  }
  return { weights: beta, intercept, localPrediction, score };
}

export type { Rows };
