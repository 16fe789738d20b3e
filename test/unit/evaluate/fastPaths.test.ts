// The evaluation's fast paths equal their plain definitions: the native-sort argsort equals a stable comparator
// sort, the one-pass weighted confusion matrix and log loss equal the weighted definitions, and the bootstrap's
// intervals equal those of the headline metrics recomputed from scratch with each resample's weights.
import assert from 'node:assert/strict';
import { bootstrapIntervals, drawCounts } from '../../../src/engine/evaluate/bootstrap';
import { classificationMetrics } from '../../../src/engine/evaluate/evaluation';
import {
  confusionCells,
  predictedClasses,
  rowLogLoss,
  weightedConfusionAndLoss,
  weightedMean,
} from '../../../src/engine/evaluate/metrics';
import { accuracy, balancedAccuracy, confusionMatrix, f1Macro, perClass } from '../../../src/protocol/metrics';
import { column, descendingOrder, rocAuc } from '../../../src/engine/evaluate/ranking';
import { toProbabilities } from '../../../src/engine/evaluate/predict';
import { seededRandom } from '../../../src/engine/explain/random';

/** Indices by descending score, ties in index order (Array.prototype.sort is stable). */
const plainOrder = (s: ArrayLike<number>) =>
  Array.from({ length: s.length }, (_, i) => i).sort((a, b) => s[b] - s[a] || a - b);

describe('evaluation fast paths', () => {
  it("the bootstrap's inlined draws are seededRandom's: the same rows, resample after resample", () => {
    for (const [seed, n] of [
      [0, 1000],
      [7, 13],
      [123456789, 1],
    ]) {
      const random = seededRandom(seed);
      let state = seed;
      for (let b = 0; b < 3; b++) {
        const expected = new Uint16Array(n);
        for (let i = 0; i < n; i++) expected[Math.floor(random() * n)]++;
        const got = new Uint16Array(n);
        state = drawCounts(got, n, state);
        assert.deepEqual(got, expected, `seed ${seed}, resample ${b}`);
      }
    }
  });

  it('descendingOrder equals a stable comparator sort: ties, signed zeros, infinities, one row, none', () => {
    const random = seededRandom(2);
    const cases: number[][] = [
      Array.from({ length: 5000 }, () => Math.round(random() * 40) / 40),
      Array.from({ length: 3001 }, () => random()),
      [0, -0, 1, -0, 0, Infinity, -Infinity, 1, Infinity, -1],
      [0.5],
      [],
    ];
    for (const c of cases) assert.deepEqual(Array.from(descendingOrder(c)), plainOrder(c), `${c.length} rows`);
    // A NaN score: still a permutation, the numbers in descending order.
    const withNaN = [0.2, NaN, 0.9, 0.5];
    const order = Array.from(descendingOrder(withNaN));
    assert.deepEqual([...order].sort(), [0, 1, 2, 3]);
    assert.deepEqual(
      order.filter((i) => i !== 1),
      [2, 3, 0],
    );
  });

  it('the one-pass weighted confusion matrix and log loss equal the weighted definitions (odd and even rows)', () => {
    const random = seededRandom(4);
    for (const n of [1, 2, 777, 1000]) {
      const k = 4;
      const labels = Int32Array.from({ length: n }, () => Math.floor(random() * k));
      const probs = Float64Array.from({ length: n * k }, () => random());
      for (let i = 0; i < n; i++) {
        const row = probs.subarray(i * k, (i + 1) * k);
        const s = row.reduce((a, b) => a + b, 0);
        row.forEach((v, j) => (row[j] = v / s));
      }
      const predicted = predictedClasses(probs, n, k);
      const w = Uint16Array.from({ length: n }, () => Math.floor(random() * 4));
      const fast = weightedConfusionAndLoss(confusionCells(labels, predicted, k), k, rowLogLoss(labels, probs, k), w);
      assert.deepEqual(
        fast.cm.map((r) => Array.from(r)),
        confusionMatrix(labels, predicted, k, w).map((r) => Array.from(r)),
      );
      const plain = weightedMean(rowLogLoss(labels, probs, k), w);
      assert.ok(Math.abs(fast.logLoss - plain) <= 1e-12 * Math.max(1, plain), `${fast.logLoss} vs ${plain}`);
    }
  });

  for (const k of [2, 3]) {
    it(`bootstrap intervals (${k} classes, tied scores) equal the headline metrics recomputed per resample`, () => {
      const random = seededRandom(10 + k);
      const n = 400;
      const labels = Int32Array.from({ length: n }, () => Math.floor(random() * k));
      // Scores rounded to twentieths (many ties) and loosely related to the label.
      const outputs = Float64Array.from({ length: n * k }, (_, e) => {
        const i = Math.floor(e / k);
        return Math.round((random() + (labels[i] === e % k ? 0.6 : 0)) * 20) / 20;
      });
      const resamples = 60;
      const seed = 7;
      const fast = classificationMetrics(
        labels,
        outputs,
        k,
        { x: new Float64Array(0), d: 0, featureNames: [], resamples, seed },
        Array.from({ length: k }, (_, j) => String(j)),
      ).ci;
      const { probs } = toProbabilities(outputs, n, k);
      const predicted = predictedClasses(probs, n, k);
      const cols = Array.from({ length: k }, (_, j) => column(probs, n, k, j));
      const positives = cols.map((_, j) => Uint8Array.from(labels, (y) => (y === j ? 1 : 0)));
      const rowLoss = rowLogLoss(labels, probs, k);
      const plain = bootstrapIntervals(n, resamples, seed, (w) => {
        const cm = confusionMatrix(labels, predicted, k, w);
        const aucs = cols
          .map((c, j) => rocAuc(descendingOrder(c), c, positives[j], w))
          .filter((a): a is number => a !== null);
        return {
          accuracy: accuracy(cm),
          balanced_accuracy: balancedAccuracy(cm),
          f1_macro: f1Macro(perClass(cm)),
          roc_auc:
            k === 2
              ? rocAuc(descendingOrder(cols[1]), cols[1], positives[1], w)
              : aucs.reduce((a, b) => a + b) / aucs.length,
          log_loss: weightedMean(rowLoss, w),
        };
      });
      assert.deepEqual(Object.keys(fast).sort(), Object.keys(plain).sort());
      for (const [name, interval] of Object.entries(plain)) {
        for (const end of ['low', 'high'] as const) {
          const a = fast[name][end];
          const b = interval[end];
          assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${name} ${end}: ${a} vs ${b}`);
        }
      }
    });
  }
});
