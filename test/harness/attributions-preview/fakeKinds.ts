/** Deterministic fake text and sequence attributions: three reviews with a sentiment model, two sensor traces. */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { seededRandom } from './fakeAttribution';
import { fakeCurves } from './fakeImage';

/** Words with a planted sentiment: the value toward "positive" of each (others get a little noise). */
const SENTIMENT: Record<string, number> = {
  brilliant: 0.42,
  loved: 0.31,
  beautiful: 0.28,
  great: 0.2,
  not: -0.24,
  boring: -0.45,
  predictable: -0.3,
  clumsy: -0.33,
  bland: -0.27,
};

const REVIEWS = [
  ['the', 'acting', 'was', 'brilliant', 'and', 'i', 'loved', 'it', '!'],
  ['this', 'film', 'is', 'not', 'great', ',', 'but', 'the', 'music', 'was', 'beautiful', '.'],
  ['the', 'plot', 'was', 'predictable', ',', 'so', 'boring', '.'],
];

export function fakeTextAttribution(): Attribution {
  const random = seededRandom(10);
  // Halved so each review's probabilities stay in [0, 1].
  const positive = REVIEWS.map((words) => words.map((w) => (SENTIMENT[w] ?? 0.03 * (random() - 0.5)) / 2));
  const base = [0.49, 0.51];
  const sums = positive.map((v) => v.reduce((a, b) => a + b, 0));
  const predictions = sums.map((s) => [base[0] - s, base[1] + s]);
  // Each review explains its predicted class first, then the other one.
  const targets = predictions.map((p) => (p[1] >= p[0] ? [1, 0] : [0, 1]));
  return {
    kind: 'text',
    method: 'exact',
    output: 'probabilities',
    output_columns: ['negative', 'positive'],
    feature_names: [],
    rows: [0, 1, 2],
    feature_values: [[], [], []],
    values: positive.map((v, r) => v.map((x) => targets[r].map((c) => (c === 1 ? x : -x)))),
    base_values: base,
    row_base_values: REVIEWS.map(() => base),
    predictions,
    evaluations: 1536,
    seconds: 0.4,
    link: 'identity',
    tokens: REVIEWS,
    targets,
    faithfulness: predictions.map((p, r) => targets[r].map((c) => fakeCurves(p[c], 6, random))),
  };
}

const T = 256;
const WINDOW = 8;

/** Three-channel accelerometer-like traces with a burst in steps 96-127 that the "walking" class reads. */
export function fakeSequenceAttribution(): Attribution {
  const random = seededRandom(11);
  const windows = Array.from({ length: T / WINDOW }, (_, w) => [w * WINDOW, (w + 1) * WINDOW] as [number, number]);
  const signal = [0, 1].map((r) =>
    [0, 1, 2].map((c) =>
      Array.from({ length: T }, (_, t) => {
        const burst = t >= 96 + 16 * r && t < 128 + 16 * r ? 1.6 * Math.sin(t * 0.9 + c) : 0;
        return Math.sin(t * 0.05 * (c + 1)) * 0.5 + burst + 0.1 * (random() - 0.5);
      }),
    ),
  );
  const values = [0, 1].map((r) =>
    windows.map(([s]) => {
      const inBurst = s >= 96 + 16 * r && s < 128 + 16 * r;
      return [inBurst ? 0.12 + 0.04 * random() : 0.015 * (random() - 0.6)];
    }),
  );
  const base = 0.2;
  const predictions = values.map((v) => [base + v.reduce((a, x) => a + x[0], 0)]);
  return {
    kind: 'sequence',
    method: 'partition',
    output: 'walking',
    output_columns: ['walking'],
    feature_names: [],
    rows: [0, 1],
    feature_values: [[], []],
    values,
    base_values: [base],
    row_base_values: [[base], [base]],
    predictions,
    evaluations: 1000,
    seconds: 0.3,
    link: 'identity',
    sequence: { length: T, features: 3, layout: 'NTF' },
    files: ['walk_01.csv', 'walk_02.csv'],
    segments: [windows.length, windows.length],
    targets: [[0], [0]],
    windows: [windows, windows],
    signal,
    faithfulness: predictions.map((p) => [fakeCurves(p[0], 5, random)]),
  };
}
