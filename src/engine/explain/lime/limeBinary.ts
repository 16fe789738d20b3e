/**
 * LIME over binary interpretable features (Ribeiro et al. 2016, as the `lime` package's image and text
 * explainers do it): a feature is a group kept (1) or masked (0); sample 0 is the row itself, the others
 * switch features off at random; each sample is weighed by sqrt(exp(-d^2 / width^2)) of its cosine distance
 * to the all-ones vector, and a weighted ridge (alpha 1, with intercept) is fitted per output column.
 */
import type { RowProblem } from '../shapley/types';
import { weightedRidge, type LimeResult } from './lime';

export type LimeSampling = 'coin' | 'size';

export interface LimeBinaryOptions {
  samples: number;
  kernelWidth: number;
  distance: 'cosine';
  random: () => number;
  /** 'coin' (image explainer): each feature on or off by a fair coin; 'size' (text explainer): a number of
   * features to switch off uniform in 1..M, then that many features without replacement. Default 'coin'. */
  sampling?: LimeSampling;
  /** Multiplies the distance before the kernel: lime's text explainer uses cosine distance times 100. */
  distanceScale?: number;
  /** Ridge penalty (default 1, sklearn's Ridge() as lime uses it). */
  alpha?: number;
}

/** lime_image.LimeImageExplainer.explain_instance defaults. */
export const LIME_IMAGE = { samples: 1000, kernelWidth: 0.25, sampling: 'coin', distanceScale: 1 } as const;
/** lime_text.LimeTextExplainer defaults (its distances are cosine distances times 100). */
export const LIME_TEXT = { samples: 5000, kernelWidth: 25, sampling: 'size', distanceScale: 100 } as const;

export async function limeBinary(p: RowProblem, options: LimeBinaryOptions): Promise<LimeResult> {
  const m = p.vf.groups.count;
  const n = Math.max(1, Math.floor(options.samples));
  const c = p.vf.columns;
  const data = binarySamples(m, n, options.sampling ?? 'coin', options.random);
  // Sample 0 is the row: its value is v(full), known; the rest go to the model in one batch.
  const y = new Float64Array(n * c);
  y.set(p.full, 0);
  if (n > 1) y.set(await p.vf.values(p.x, data.subarray(m), n - 1), c);
  return limeBinaryFit(data, y, n, m, c, options);
}

/** lime's fit over binary samples: each weighed by the kernel of its (scaled) cosine distance to the row, a weighted ridge per column. */
export function limeBinaryFit(
  data: Uint8Array,
  y: Float64Array,
  n: number,
  m: number,
  c: number,
  options: Pick<LimeBinaryOptions, 'kernelWidth' | 'distanceScale' | 'alpha'>,
): LimeResult {
  const width = options.kernelWidth;
  const scale = options.distanceScale ?? 1;
  const weights = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let on = 0;
    for (let f = 0; f < m; f++) on += data[s * m + f];
    const d = scale * cosineDistanceToOnes(on, m);
    weights[s] = Math.sqrt(Math.exp(-(d * d) / (width * width)));
  }
  return weightedRidge(data, y, weights, n, m, c, options.alpha ?? 1);
}

/** n samples of m binary features, row-major; row 0 all ones. */
export function binarySamples(m: number, n: number, sampling: LimeSampling, random: () => number): Uint8Array {
  const data = new Uint8Array(n * m).fill(1);
  const order = Int32Array.from({ length: m }, (_, f) => f);
  for (let s = 1; s < n; s++) {
    const row = s * m;
    if (sampling === 'coin') {
      for (let f = 0; f < m; f++) data[row + f] = random() < 0.5 ? 0 : 1;
      continue;
    }
    // lime_text: size = randint(1, M + 1), then `size` features chosen without replacement.
    const size = 1 + Math.floor(random() * m);
    for (let t = 0; t < size; t++) {
      // A partial Fisher-Yates shuffle: order[0..size) is a uniform random subset.
      const pick = t + Math.floor(random() * (m - t));
      const chosen = order[pick];
      order[pick] = order[t];
      order[t] = chosen;
      data[row + chosen] = 0;
    }
  }
  return data;
}

/**
 * Cosine distance between a binary vector with `on` ones of m and the all-ones vector: 1 - sqrt(on / m).
 * The all-zeros vector is at distance 1, as sklearn's pairwise_distances gives it (a zero vector normalises to 0).
 */
export function cosineDistanceToOnes(on: number, m: number): number {
  return m > 0 ? 1 - Math.sqrt(on / m) : 0;
}
