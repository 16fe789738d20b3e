/** Per-tensor value statistics of the weights (min/max/mean/std/zeros/histogram), read on demand. */
import { readTensorAsNumbers } from './tensorValues';
import { weightTensors } from './summary';
import type { ModelGraph } from './types';

export interface TensorStats {
  name: string;
  dtype: string;
  elements: number;
  /** True for a Constant node's value, false for an initializer. */
  constant: boolean;
  min: number;
  max: number;
  mean: number;
  std: number;
  zeros: number;
  /** zeros / elements. */
  sparsity: number;
  /** bins + 1 edges from min to max, and counts per bin. */
  histogram: { edges: number[]; counts: number[] };
}

export interface WeightStats {
  tensors: TensorStats[];
  /** Tensors whose values could not be read (external file missing, strings...), with why. */
  skipped: { name: string; reason: string }[];
  overall: { elements: number; zeros: number; sparsity: number };
}

export interface WeightStatsOptions {
  bins?: number;
  modelDir?: string;
  token?: { isCancellationRequested: boolean };
  progress?: (done: number, total: number) => void;
}

export function weightStats(model: ModelGraph, bytes: Uint8Array, options: WeightStatsOptions = {}): WeightStats {
  const bins = options.bins ?? 32;
  const all = weightTensors(model).filter(({ tensor }) => tensor.dtype !== 'string');
  const out: WeightStats = { tensors: [], skipped: [], overall: { elements: 0, zeros: 0, sparsity: 0 } };
  for (let i = 0; i < all.length; i++) {
    if (options.token?.isCancellationRequested) break;
    const { tensor, constant } = all[i];
    try {
      const values = readTensorAsNumbers(tensor, bytes, options.modelDir ?? model.modelDir);
      out.tensors.push({ name: tensor.name, dtype: tensor.dtype, constant, ...statsOf(values, bins) });
    } catch (e) {
      out.skipped.push({ name: tensor.name, reason: e instanceof Error ? e.message : String(e) });
    }
    options.progress?.(i + 1, all.length);
  }
  for (const t of out.tensors) {
    out.overall.elements += t.elements;
    out.overall.zeros += t.zeros;
  }
  out.overall.sparsity = out.overall.elements ? out.overall.zeros / out.overall.elements : 0;
  return out;
}

/** One pass for min/max/zeros and Welford's running mean/variance (Welford 1962), one for the histogram. */
export function statsOf(values: Float64Array, bins: number): Omit<TensorStats, 'name' | 'dtype' | 'constant'> {
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  let mean = 0;
  let m2 = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 0) zeros++;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  if (n === 0)
    return {
      elements: values.length,
      min: NaN,
      max: NaN,
      mean: NaN,
      std: NaN,
      zeros,
      sparsity: values.length ? zeros / values.length : 0,
      histogram: { edges: [], counts: [] },
    };
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0]++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => min + k * width);
  return {
    elements: values.length,
    min,
    max,
    mean,
    std: Math.sqrt(m2 / n),
    zeros,
    sparsity: zeros / values.length,
    histogram: { edges, counts },
  };
}
