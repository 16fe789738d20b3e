/** Deterministic fake attribution results shaped like wine (13 features, 3 classes) for previews and tests. */
import type { Attribution, PartialDependence, PermutationImportance } from '../../../src/protocol/attributionTypes';

export const WINE_FEATURES = [
  'alcohol',
  'malic_acid',
  'ash',
  'alcalinity_of_ash',
  'magnesium',
  'total_phenols',
  'flavanoids',
  'nonflavanoid_phenols',
  'proanthocyanins',
  'color_intensity',
  'hue',
  'od280/od315',
  'proline',
];
const MEANS = [13, 2.3, 2.4, 19.5, 100, 2.3, 2, 0.36, 1.6, 5, 0.96, 2.6, 750];
const SDS = [0.8, 1.1, 0.27, 3.3, 14, 0.63, 1, 0.12, 0.57, 2.3, 0.23, 0.7, 315];

/** mulberry32: a small seeded generator, enough for reproducible pictures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface FakeOptions {
  rows?: number;
  classes?: number;
  seed?: number;
  method?: Attribution['method'];
}

/** Attributions linear in the standardised values, flavanoids' scaled by proline (a planted interaction); efficiency holds exactly. */
export function fakeAttribution(options: FakeOptions = {}): Attribution {
  const nRows = options.rows ?? 40;
  const nClasses = options.classes ?? 3;
  const random = seededRandom(options.seed ?? 7);
  const normal = gaussian(random);
  const nF = WINE_FEATURES.length;
  const weights = Array.from({ length: nF }, (_, f) =>
    Array.from({ length: nClasses }, () => normal() * (1.2 / (1 + f * 0.35))),
  );
  const base = Array.from({ length: nClasses }, (_, k) => 0.2 + 0.1 * k);
  const featureValues: number[][] = [];
  const values: number[][][] = [];
  const predictions: number[][] = [];
  for (let r = 0; r < nRows; r++) {
    const z = Array.from({ length: nF }, () => normal());
    const x = z.map((v, f) => Number((MEANS[f] + SDS[f] * v).toPrecision(4)));
    const row = z.map((zf, f) =>
      weights[f].map((w) => (f === 6 ? w * zf * (1 + 0.8 * z[12]) : w * zf) + 0.02 * normal()),
    );
    featureValues.push(x);
    values.push(row);
    predictions.push(base.map((b, k) => b + row.reduce((s, v) => s + v[k], 0)));
  }
  if (nRows > 3) featureValues[3][4] = NaN;
  const method = options.method ?? 'kernel';
  const attr: Attribution = {
    method,
    output: 'probabilities',
    output_columns: Array.from({ length: nClasses }, (_, k) => `class_${k}`),
    feature_names: [...WINE_FEATURES],
    rows: Array.from({ length: nRows }, (_, r) => r * 3 + 1),
    feature_values: featureValues,
    values,
    base_values: base,
    predictions,
    evaluations: nRows * 2048,
    seconds: 3.2,
    link: 'identity',
  };
  if (method === 'lime') {
    // LIME's local fit does not satisfy efficiency: predictions differ from intercept + sum.
    attr.predictions = predictions.map((p) => p.map((v) => v + 0.15 * normal()));
    attr.intercept = predictions.map(() => [...base]);
    attr.local_prediction = predictions.map((p) => [...p]);
    attr.score = predictions.map(() => base.map(() => 0.6 + 0.35 * random()));
  }
  return attr;
}

export function fakeImportance(seed = 11): PermutationImportance {
  const random = seededRandom(seed);
  const mean = WINE_FEATURES.map((_, f) => Math.max(0, 0.3 / (1 + f * 0.6) + 0.03 * (random() - 0.3)));
  return {
    feature_names: [...WINE_FEATURES],
    metric: 'accuracy',
    baseline: 0.96,
    mean,
    std: mean.map((m) => 0.01 + 0.2 * m * random()),
    repeats: 5,
  };
}

export function fakePartialDependence(seed = 13, rows = 40, classes = 3): PartialDependence {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const grid = Array.from({ length: 20 }, (_, i) => 0.5 + (4 * i) / 19);
  const ice = Array.from({ length: rows }, () => {
    const offset = 0.15 * normal();
    const slope = 1 + 0.4 * normal();
    return Array.from({ length: classes }, (_, k) =>
      grid.map((g) => {
        const s = 1 / (1 + Math.exp(-slope * (g - 2.2)));
        return k === 0 ? s * 0.7 + offset + 0.1 : (1 - s) * (0.5 + 0.1 * k) - offset / 2;
      }),
    );
  });
  const average = Array.from({ length: classes }, (_, k) =>
    grid.map((_, i) => ice.reduce((s, curve) => s + curve[k][i], 0) / rows),
  );
  return {
    feature: 'flavanoids',
    grid,
    average,
    ice,
    output_columns: Array.from({ length: classes }, (_, k) => `class_${k}`),
  };
}
