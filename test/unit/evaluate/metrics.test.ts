// Every metric against scikit-learn's numbers (test/fixtures/make_eval_refs.py) and against closed forms.
import assert from 'node:assert/strict';
import { bootstrapIntervals } from '../../../src/engine/evaluate/bootstrap';
import { classificationMetrics, regressionMetrics } from '../../../src/engine/evaluate/evaluation';
import { brier, logLoss, rowLogLoss, weightedMean } from '../../../src/engine/evaluate/metrics';
import { confusionMatrix, perClass } from '../../../src/protocol/metrics';
import {
  averagePrecision,
  calibrationCurve,
  descendingOrder,
  rankColumn,
  rocAuc,
  rocAucRanked,
} from '../../../src/engine/evaluate/ranking';
import { quantile, r2 } from '../../../src/engine/evaluate/regression';
import { seededRandom } from '../../../src/engine/explain/random';
import { assertClassification, close, closeAll, refs } from './refs';

const noFeatures = (n: number) => ({ x: new Float64Array(n), d: 1, featureNames: ['x'], resamples: 20 });

describe('evaluation metrics against scikit-learn', () => {
  const all = refs();

  for (const r of all.synthetic) {
    it(`${r.name}: every metric equals scikit-learn ${all.sklearn}'s`, () => {
      const n = r.labels.length;
      if (r.task === 'regression') {
        const m = regressionMetrics(Float64Array.from(r.labels), Float64Array.from(r.outputs), noFeatures(n));
        close(m.mae, r.mae, 'mae');
        close(m.rmse, r.rmse, 'rmse');
        close(m.r2, r.r2, 'r2');
        closeAll(
          m.residuals.map((q) => q.value),
          r.residual_quantiles,
          'residual quantiles',
        );
        return;
      }
      const rows = r.outputs as number[][];
      const c = rows[0].length;
      const m = classificationMetrics(
        Int32Array.from(r.labels),
        Float64Array.from(rows.flat()),
        c,
        { ...noFeatures(n), threshold: r.threshold ?? undefined },
        Array.from({ length: c }, (_, j) => String(j)),
      );
      assertClassification(m, r);
    });
  }
});

describe('evaluation metrics: closed forms', () => {
  const random = seededRandom(5);

  it('ROC AUC is the Mann-Whitney probability (ties count half), by brute force over every pair', () => {
    for (let trial = 0; trial < 5; trial++) {
      const n = 120;
      const y = Uint8Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0));
      const s = Float64Array.from({ length: n }, (_, i) => Math.round((random() + 0.3 * y[i]) * 8) / 8);
      let wins = 0;
      let pairs = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          if (!y[i] || y[j]) continue;
          pairs++;
          wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
      close(rocAuc(descendingOrder(s), s, y), wins / pairs, 'auc');
    }
  });

  it('perfect, reversed and constant scores: AUC 1, 0, 1/2; AP 1, and the prevalence for a constant', () => {
    const y = Uint8Array.from([0, 1, 1, 0, 1, 0, 0, 0]);
    const perfect = Float64Array.from(y, (v, i) => v + i / 100);
    const reversed = Float64Array.from(perfect, (v) => -v);
    const constant = new Float64Array(8).fill(0.3);
    close(rocAuc(descendingOrder(perfect), perfect, y), 1, 'perfect');
    close(rocAuc(descendingOrder(reversed), reversed, y), 0, 'reversed');
    close(rocAuc(descendingOrder(constant), constant, y), 0.5, 'constant');
    close(averagePrecision(descendingOrder(perfect), perfect, y), 1, 'AP perfect');
    close(averagePrecision(descendingOrder(constant), constant, y), 3 / 8, 'AP constant');
    assert.equal(rocAuc(descendingOrder(constant), constant, new Uint8Array(8)), null);
  });

  it('log loss of uniform probabilities is log k; Brier of uniform binary probabilities is 1/4', () => {
    const labels = Int32Array.from([0, 1, 2, 2, 1]);
    close(logLoss(labels, new Float64Array(15).fill(1 / 3), 3), Math.log(3), 'log loss');
    close(brier(Int32Array.from([0, 1, 1]), new Float64Array(6).fill(0.5), 2), 0.25, 'brier');
    // multi-class: a one-hot wrong answer scores 2 per row
    close(brier(Int32Array.from([0]), Float64Array.from([0, 1, 0]), 3), 2, 'brier multi');
  });

  it('weights equal to repeated rows give the same metrics (what the bootstrap relies on)', () => {
    const labels = Int32Array.from([0, 1, 2, 1, 0]);
    const pred = Int32Array.from([0, 2, 2, 1, 1]);
    const w = Float64Array.from([2, 0, 1, 3, 1]);
    const repeated: number[] = [];
    w.forEach((k, i) => {
      for (let j = 0; j < k; j++) repeated.push(i);
    });
    const a = perClass(confusionMatrix(labels, pred, 3, w));
    const b = perClass(
      confusionMatrix(
        repeated.map((i) => labels[i]),
        repeated.map((i) => pred[i]),
        3,
      ),
    );
    assert.deepEqual(a, b);
    const s = Float64Array.from([0.9, 0.2, 0.4, 0.7, 0.1]);
    const pos = Uint8Array.from(labels, (v) => (v === 1 ? 1 : 0));
    const rs = Float64Array.from(repeated, (i) => s[i]);
    const rp = Uint8Array.from(repeated, (i) => pos[i]);
    close(rocAuc(descendingOrder(s), s, pos, w), rocAuc(descendingOrder(rs), rs, rp), 'weighted auc');
    close(
      averagePrecision(descendingOrder(s), s, pos, w),
      averagePrecision(descendingOrder(rs), rs, rp),
      'weighted AP',
    );
    close(rocAucRanked(rankColumn(descendingOrder(s), s, pos), w), rocAuc(descendingOrder(rs), rs, rp), 'ranked auc');
    const probs = Float64Array.from([0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4, 0.2, 0.5, 0.3, 1, 0, 0]);
    const rl = Int32Array.from(repeated, (i) => labels[i]);
    const rprobs = Float64Array.from(repeated.flatMap((i) => Array.from(probs.subarray(i * 3, i * 3 + 3))));
    close(weightedMean(rowLogLoss(labels, probs, 3), w), logLoss(rl, rprobs, 3), 'weighted log loss');
  });

  it('R^2 of the mean is 0 and of the truth 1; quantiles match a sorted list; calibration bins by searchsorted-left', () => {
    const y = Float64Array.from([1, 2, 3, 4, 10]);
    close(r2(y, new Float64Array(5).fill(4)), 0, 'r2 mean');
    close(r2(y, y), 1, 'r2 exact');
    close(quantile(Float64Array.from([1, 2, 3, 4]), 0.5), 2.5, 'median');
    close(quantile(Float64Array.from([1, 2, 3, 4]), 0.25), 1.75, 'q25');
    // 0.1 is the upper edge of the first bin (side='left'), 0.1 + 1e-12 the second
    const bins = calibrationCurve([0.1, 0.1 + 1e-12, 1], [1, 0, 1]);
    assert.deepEqual(
      bins.map((b) => [b.lower, b.count]),
      [
        [0, 1],
        [0.1, 1],
        [0.9, 1],
      ],
    );
  });
});

describe('bootstrap intervals', () => {
  const n = 300;
  const random = seededRandom(1);
  const labels = Int32Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0));
  const outputs = Float64Array.from({ length: 2 * n }, (_, i) => {
    const r = Math.floor(i / 2);
    const p1 = Math.min(1, Math.max(0, 0.5 + (labels[r] - 0.5) * 0.4 + (random() - 0.5) * 0.8));
    return i % 2 === 1 ? p1 : 1 - p1;
  });
  const run = (seed: number) =>
    classificationMetrics(labels, outputs, 2, { ...noFeatures(n), resamples: 100, seed }, ['0', '1']);

  it('are reproducible by seed, differ across seeds, and hold the point estimate', () => {
    const a = run(3);
    const b = run(3);
    const c = run(4);
    assert.deepEqual(a.ci, b.ci);
    assert.notDeepEqual(a.ci, c.ci);
    for (const key of ['accuracy', 'balanced_accuracy', 'f1_macro', 'roc_auc', 'log_loss'] as const) {
      const v = a[key]!;
      assert.ok(a.ci[key].low <= v && v <= a.ci[key].high, `${key} ${v} in [${a.ci[key].low}, ${a.ci[key].high}]`);
      assert.ok(a.ci[key].high > a.ci[key].low, key);
    }
  });

  it('for the mean of a 0/1 column, the interval is close to the normal approximation', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const ci = bootstrapIntervals(1000, 2000, 9, (w) => {
      let s = 0;
      let t = 0;
      w.forEach((wi, i) => ((s += wi * values[i]), (t += wi)));
      return { mean: s / t };
    });
    const half = 1.96 * Math.sqrt((0.25 * 0.75) / 1000);
    assert.ok(Math.abs(ci.mean.low - (0.25 - half)) < 0.006, `low ${ci.mean.low}`);
    assert.ok(Math.abs(ci.mean.high - (0.25 + half)) < 0.006, `high ${ci.mean.high}`);
  });
});
