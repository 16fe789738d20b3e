// The Evaluation tab's view models: the live threshold equals the engine's evaluation at that threshold, the
// matrix's row shares, curve points against the JSON and their areas against AUC and AP, cell and cohort rows.
import assert from 'node:assert/strict';
import path from 'node:path';
import { main } from '../../../src/cli';
import { parseRows } from '../../../src/engine/data/rows';
import { classificationMetrics } from '../../../src/engine/evaluate/evaluation';
import { seededRandom } from '../../../src/engine/explain/random';
import type { ClassificationEvaluation, RegressionEvaluation } from '../../../src/protocol/evaluationTypes';
import {
  cellRows,
  classificationHeadline,
  confusionView,
  liveScores,
  perClassBars,
} from '../../../webview/evaluation/models/classification';
import { calibrationView, prView, residualHistogram, rocView } from '../../../webview/evaluation/models/curves';
import { confusionCsv, cohortsCsv } from '../../../webview/evaluation/models/exports';
import { cohortRows, rowsText, treeLayout } from '../../../webview/evaluation/models/rules';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const NO_FEATURES = { x: new Float64Array(0), d: 0, featureNames: [] as string[] };

/** A seeded binary case: labels and P(class 1) loosely related, with repeated probabilities (ties). */
function binaryCase(n: number, seed: number) {
  const random = seededRandom(seed);
  const labels = new Int32Array(n);
  const outputs = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    labels[i] = random() < 0.4 ? 1 : 0;
    const p = Math.round(Math.min(1, Math.max(0, 0.3 * labels[i] + 0.7 * random())) * 20) / 20;
    outputs[2 * i] = 1 - p;
    outputs[2 * i + 1] = p;
  }
  const x = Float64Array.from({ length: n }, () => random());
  return { labels, outputs, x };
}

function evaluationOf(c: ReturnType<typeof binaryCase>, threshold?: number): ClassificationEvaluation {
  const m = classificationMetrics(
    c.labels,
    c.outputs,
    2,
    { threshold, resamples: 20, seed: 0, x: c.x, d: 1, featureNames: ['x'] },
    ['no', 'yes'],
  );
  return { ...m, classes: ['no', 'yes'], model: 'm.onnx', data: 'd.csv', output: 'p', feature_names: ['x'] };
}

async function cliJson<T>(args: string[]): Promise<T> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  assert.equal(code, 0, err);
  return JSON.parse(out) as T;
}

describe('Evaluation view model', () => {
  describe('the threshold slider', () => {
    const c = binaryCase(300, 7);
    const asRun = evaluationOf(c);
    for (const t of [0, 0.05, 0.3, 0.5, 0.55, 0.8, 1]) {
      it(`at ${t}: matrix, precision, recall, F1 and accuracy equal the engine's evaluation at ${t}`, () => {
        const engine = evaluationOf(c, t);
        const live = liveScores(asRun, t);
        assert.deepEqual(live.matrix, engine.confusion_matrix);
        assert.deepEqual(live.precision, engine.precision);
        assert.deepEqual(live.recall, engine.recall);
        assert.deepEqual(live.f1, engine.f1);
        assert.equal(live.accuracy, engine.accuracy);
        assert.equal(live.balancedAccuracy, engine.balanced_accuracy);
        assert.deepEqual(Array.from(live.predicted), engine.predicted);
        // Brute force: class 1 exactly when P(class 1) >= t.
        const p = asRun.positive_probability!;
        let tp = 0;
        for (let i = 0; i < p.length; i++) if (p[i] >= t && c.labels[i] === 1) tp++;
        assert.equal(live.matrix[1][1], tp);
      });
    }

    it('keeps the run numbers and their intervals at the run threshold, drops the intervals elsewhere', () => {
      const run = evaluationOf(c, 0.3);
      const same = liveScores(run, 0.3);
      assert.ok(same.asRun);
      const headline = classificationHeadline(run, same);
      assert.deepEqual(headline.find((m) => m.key === 'accuracy')!.ci, run.ci.accuracy);
      const other = liveScores(run, 0.6);
      assert.ok(!other.asRun);
      const moved = classificationHeadline(run, other);
      assert.equal(moved.find((m) => m.key === 'accuracy')!.ci, undefined);
      // Threshold-free metrics keep theirs.
      assert.deepEqual(moved.find((m) => m.key === 'roc_auc')!.ci, run.ci.roc_auc);
    });

    it('on lr_breast_cancer equals `model-lens evaluate --threshold 0.3`', async function () {
      this.timeout(30_000);
      const args = [
        'evaluate',
        path.join(FIXTURES, 'models', 'lr_breast_cancer.onnx'),
        '--data',
        path.join(FIXTURES, 'data', 'breast_cancer.csv'),
        '--label',
        'target',
        '--resamples',
        '10',
      ];
      const plain = await cliJson<ClassificationEvaluation>(args);
      const at = await cliJson<ClassificationEvaluation>([...args, '--threshold', '0.3']);
      const live = liveScores(plain, 0.3);
      assert.deepEqual(live.matrix, at.confusion_matrix);
      assert.deepEqual(live.precision, at.precision);
      assert.deepEqual(live.recall, at.recall);
      assert.equal(live.accuracy, at.accuracy);
      assert.notDeepEqual(at.confusion_matrix, plain.confusion_matrix, 'the threshold changes something');
    });
  });

  describe('the confusion matrix', () => {
    const matrix = [
      [5, 3, 2],
      [0, 0, 0],
      [1, 1, 8],
    ];
    it('row-normalised: each non-empty row sums to 1, an empty row is all 0', () => {
      const v = confusionView(matrix, ['a', 'b', 'c'], true);
      for (let t = 0; t < 3; t++) {
        const sum = v.cells.filter((c) => c.trueIndex === t).reduce((a, c) => a + c.rowShare, 0);
        assert.ok(Math.abs(sum - (t === 1 ? 0 : 1)) < 1e-12, `row ${t}: ${sum}`);
      }
      assert.equal(v.cells.find((c) => c.trueIndex === 0 && c.predictedIndex === 1)!.rowShare, 0.3);
      assert.equal(v.cells.find((c) => c.trueIndex === 0 && c.predictedIndex === 1)!.text, '30%');
      assert.deepEqual(v.rowTotals, [10, 0, 10]);
    });

    it('counts: the text is the count, the strongest cell has intensity 1', () => {
      const v = confusionView(matrix, ['a', 'b', 'c'], false);
      assert.deepEqual(
        v.cells.map((c) => c.text),
        matrix.flat().map(String),
      );
      assert.equal(Math.max(...v.cells.map((c) => c.intensity)), 1);
      assert.equal(v.cells.find((c) => c.count === 8)!.intensity, 1);
    });

    it("a cell's rows are exactly the rows of that true and predicted class; the cells partition the rows", () => {
      const c = binaryCase(120, 3);
      const e = evaluationOf(c);
      const live = liveScores(e, 0.4);
      const seen = new Set<number>();
      for (let t = 0; t < 2; t++)
        for (let p = 0; p < 2; p++) {
          const rows = cellRows(e.labels, live.predicted, t, p);
          assert.equal(rows.length, live.matrix[t][p]);
          for (const r of rows) {
            assert.equal(e.labels[r], t);
            assert.equal(live.predicted[r], p);
            seen.add(r);
          }
        }
      assert.equal(seen.size, 120);
    });

    it('CSV neutralises a class name that would start a formula', () => {
      const csv = confusionCsv(confusionView([[1]], ['=HYPERLINK("x")'], false));
      assert.equal(csv.split('\n')[1], `"'=HYPERLINK(""x"")","'=HYPERLINK(""x"")",1,1`);
    });
  });

  describe('curves', () => {
    const e = evaluationOf(binaryCase(400, 11));
    it('ROC points are the JSON fpr and tpr, and their trapezoids sum to the AUC', () => {
      const v = rocView(e);
      assert.equal(v.series.length, 1);
      const pts = v.series[0].points;
      assert.deepEqual(
        pts.map((p) => p.x),
        e.curves[0].roc.fpr,
      );
      assert.deepEqual(
        pts.map((p) => p.y),
        e.curves[0].roc.tpr,
      );
      let area = 0;
      for (let i = 1; i < pts.length; i++) area += ((pts[i].x - pts[i - 1].x) * (pts[i].y + pts[i - 1].y)) / 2;
      assert.ok(Math.abs(area - e.roc_auc!) < 1e-12, `${area} vs ${e.roc_auc}`);
      assert.match(v.series[0].label, /^yes \(AUC 0\.\d{4}\)$/);
    });

    it('PR points are the JSON recall and precision, and their steps sum to the average precision', () => {
      const pts = prView(e).series[0].points;
      assert.deepEqual(
        pts.map((p) => p.x),
        e.curves[0].pr.recall,
      );
      // sklearn: AP = sum_n (R_n - R_{n-1}) P_n, the area under the curve drawn as steps (recall rises here).
      let ap = 0;
      for (let i = 1; i < pts.length; i++) ap += (pts[i].x - pts[i - 1].x) * pts[i].y;
      assert.ok(Math.abs(ap - e.curves[0].pr.average_precision!) < 1e-12, `${ap}`);
    });

    it('calibration shows the bins that hold rows, at their mean prediction and observed share', () => {
      const v = calibrationView(e);
      const bins = e.calibration[0].bins.filter((b) => b.count > 0);
      assert.deepEqual(
        v.series[0].points,
        bins.map((b) => ({ x: b.mean_predicted, y: b.fraction_positive })),
      );
    });

    it('per-class bars hold precision, recall and F1 of each class', () => {
      const live = liveScores(e);
      const bars = perClassBars(e.classes, live);
      assert.deepEqual(bars.groups[1].values, [e.precision[1], e.recall[1], e.f1[1]]);
      assert.equal(bars.groups[0].support, e.support[0]);
    });
  });

  describe('regression', () => {
    it("the residual histogram's Sturges bins hold every residual once", () => {
      const n = 100;
      const labels = Array.from({ length: n }, (_, i) => i);
      const predicted = labels.map((v) => v + Math.sin(v));
      const e = { labels, predicted } as unknown as RegressionEvaluation;
      const h = residualHistogram(e);
      assert.equal(h.bins.length, Math.ceil(Math.log2(n)) + 1);
      assert.equal(
        h.bins.reduce((a, b) => a + b.count, 0),
        n,
      );
      const residuals = labels.map((y, i) => y - predicted[i]);
      assert.equal(h.bins[0].lower, Math.min(...residuals));
      assert.ok(Math.abs(h.bins[h.bins.length - 1].upper - Math.max(...residuals)) < 1e-12);
    });
  });

  describe('error cohorts', () => {
    it("a cohort's rows, written for the Attributions tab, read back as exactly its rows", async function () {
      this.timeout(30_000);
      const e = await cliJson<ClassificationEvaluation>([
        'evaluate',
        path.join(FIXTURES, 'models', 'lr_breast_cancer.onnx'),
        '--data',
        path.join(FIXTURES, 'data', 'breast_cancer.csv'),
        '--label',
        'target',
        '--resamples',
        '10',
      ]);
      const cohorts = cohortRows(e.errors);
      assert.ok(cohorts.length > 1);
      for (const c of cohorts) {
        assert.deepEqual(
          parseRows(rowsText(c.rows), e.rows),
          [...c.rows].sort((a, b) => a - b),
        );
        // The error rate shown is the share of the cohort's rows the model gets wrong.
        const wrong = c.rows.filter((r) => e.labels[r] !== e.predicted[r]).length;
        assert.ok(Math.abs(c.error - wrong / c.size) < 1e-12);
      }
      assert.equal(
        cohorts.reduce((a, c) => a + c.size, 0),
        e.rows,
      );
      assert.equal(cohortsCsv(cohorts).trim().split('\n').length, cohorts.length + 1);
    });

    it('rowsText writes runs as ranges', () => {
      assert.equal(rowsText([9, 0, 1, 2, 3, 7, 10, 7]), '0-3, 7, 9-10');
      assert.equal(rowsText([]), '');
    });
  });

  describe('the surrogate tree', () => {
    it('lays out one slot per leaf with each split centred over its children', () => {
      const leaf = (rows: number, value: number[]) => ({ rows, value });
      const tree = {
        feature: 'a',
        threshold: 1,
        rows: 10,
        value: [0.5, 0.5],
        left: leaf(4, [1, 0]),
        right: {
          feature: 'b',
          threshold: 2,
          rows: 6,
          value: [1 / 6, 5 / 6],
          left: leaf(1, [1, 0]),
          right: leaf(5, [0, 1]),
        },
      };
      const l = treeLayout(tree, ['no', 'yes']);
      assert.equal(l.leaves, 3);
      assert.equal(l.levels, 3);
      const at = (id: string) => l.boxes.find((b) => b.id === id)!;
      assert.equal(at('nL').x, 0);
      assert.equal(at('nRL').x, 1);
      assert.equal(at('nRR').x, 2);
      assert.equal(at('nR').x, 1.5);
      assert.equal(at('n').x, 0.75);
      assert.equal(at('nRR').title, 'yes');
      assert.equal(at('n').title, 'a <= 1');
      assert.deepEqual(
        ['n', 'nR', 'nL'].map((id) => at(id).span),
        [3, 2, 1],
      );
      assert.equal(l.links.length, 4);
    });
  });

  it('no features are needed for a binary evaluation without a threshold', () => {
    const c = binaryCase(10, 1);
    const m = classificationMetrics(c.labels, c.outputs, 2, NO_FEATURES, ['a', 'b']);
    assert.equal(m.threshold, null);
  });
});
