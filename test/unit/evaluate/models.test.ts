// The evaluate and rules commands on the committed fixture models, against scikit-learn's numbers for the same outputs.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli';
import { loadTable } from '../../../src/engine/data/loadTable';
import { matchToModel } from '../../../src/engine/data/match';
import { errorCohorts, fitSurrogate } from '../../../src/engine/evaluate/surrogate';
import { seededRandom } from '../../../src/engine/explain/random';
import type { Evaluation, RulesResult } from '../../../src/protocol/evaluationTypes';
import { assertClassification, close, closeAll, refs, type ClassRef, type RegRef } from './refs';

const FIXTURES = path.resolve(__dirname, '../../fixtures');

interface PredictionCase {
  name: string;
  model: string;
  data: string;
  label: string;
  feature_names: string[];
  columns: number;
  outputs: number[][];
  splits: { train: number[]; holdout: number[] }[];
}

const predictions = (): PredictionCase[] =>
  (JSON.parse(readFileSync(path.join(FIXTURES, 'eval', 'predictions.json'), 'utf8')) as { cases: PredictionCase[] })
    .cases;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s + '\n') });
  return { code, out, err };
}

function features(c: PredictionCase): Float64Array {
  const file = path.join(FIXTURES, c.data);
  return matchToModel(loadTable(readFileSync(file), file), c.feature_names.length, c.feature_names).values;
}

/**
 * onnxruntime sums a large tree ensemble in parallel chunks whose split follows its default intra-op thread count
 * (the machine's physical cores), so these models' float32 outputs move by a few ulps between machines (measured:
 * identical at 2 threads, up to 6e-5 of 4.2 at 1); their metrics are compared at float32's precision, the rest exactly.
 */
const THREAD_DEPENDENT = new Set(['gb_breast_cancer', 'gbr100_depth6']);

describe('model-lens evaluate on fixture models', function () {
  this.timeout(60_000);
  const byName = new Map(refs().models.map((r) => [r.name, r]));

  for (const c of predictions()) {
    it(`${c.name}: the CLI's metrics equal scikit-learn's for onnxruntime's outputs`, async () => {
      const r = byName.get(c.name)!;
      const { code, out, err } = await cli([
        'evaluate',
        path.join(FIXTURES, c.model),
        '--data',
        path.join(FIXTURES, c.data),
        '--label',
        c.label,
        '--resamples',
        '50',
      ]);
      assert.equal(code, 0, err);
      const e = JSON.parse(out) as Evaluation;
      const tol = THREAD_DEPENDENT.has(c.name) ? 1e-5 : 1e-9;
      assert.equal(e.task, r.task);
      if (e.task === 'regression') {
        const rr = r as RegRef;
        close(e.mae, rr.mae, 'mae', tol);
        close(e.rmse, rr.rmse, 'rmse', tol);
        close(e.r2, rr.r2, 'r2', tol);
        closeAll(
          e.residuals.map((q) => q.value),
          rr.residual_quantiles,
          'residuals',
          tol,
        );
      } else {
        assertClassification(e, r as ClassRef, tol);
        assert.equal(e.classes.length, c.columns);
      }
      assert.ok(e.errors.cohorts.length > 0);
      assert.equal(
        e.errors.cohorts.reduce((a, k) => a + k.size, 0),
        e.rows,
        'cohorts partition the rows',
      );
    });
  }

  it('labels by class name work; a label outside the classes is an error naming its row', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ml-eval-'));
    const wine = readFileSync(path.join(FIXTURES, 'data', 'wine.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    const named = wine.map((line, i) => (i === 0 ? line : line.replace(/,(\d)$/, (_, k: string) => `,class_${k}`)));
    writeFileSync(path.join(dir, 'named.csv'), named.join('\n'));
    const bad = [...wine];
    bad[5] = bad[5].replace(/,\d$/, ',7');
    writeFileSync(path.join(dir, 'bad.csv'), bad.join('\n'));
    const model = path.join(FIXTURES, 'models', 'mlp_wine.onnx');
    const byIndex = await cli([
      'evaluate',
      model,
      '--data',
      path.join(FIXTURES, 'data', 'wine.csv'),
      '--label',
      'cultivar',
    ]);
    const byName = await cli(['evaluate', model, '--data', path.join(dir, 'named.csv'), '--label', 'cultivar']);
    assert.equal(byName.code, 0, byName.err);
    assert.deepEqual(
      (JSON.parse(byName.out) as Evaluation & { task: 'classification' }).confusion_matrix,
      (JSON.parse(byIndex.out) as Evaluation & { task: 'classification' }).confusion_matrix,
    );
    const wrong = await cli(['evaluate', model, '--data', path.join(dir, 'bad.csv'), '--label', 'cultivar']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /bad\.csv: row 6, column "cultivar": label 7 is not a class/);
    const html = path.join(dir, 'eval.html');
    const withHtml = await cli([
      'evaluate',
      model,
      '--data',
      path.join(dir, 'named.csv'),
      '--label',
      'cultivar',
      '--html',
      html,
    ]);
    assert.equal(withHtml.code, 0, withHtml.err);
    assert.match(readFileSync(html, 'utf8'), /<section id="evaluation">[\s\S]*Confusion matrix[\s\S]*class_2/);
  });

  it('--threshold moves binary predictions: at 0 every row is class 1', async () => {
    const { code, out, err } = await cli([
      'evaluate',
      path.join(FIXTURES, 'models', 'lr_breast_cancer.onnx'),
      '--data',
      path.join(FIXTURES, 'data', 'breast_cancer.csv'),
      '--label',
      'target',
      '--threshold',
      '0',
    ]);
    assert.equal(code, 0, err);
    const e = JSON.parse(out) as Evaluation & { task: 'classification' };
    assert.equal(e.confusion_matrix[0][0] + e.confusion_matrix[1][0], 0);
    assert.equal(e.threshold, 0);
  });
});

describe('model-lens rules', function () {
  this.timeout(60_000);

  it('recovers a model that is exactly a depth-2 tree: its splits, its classes, fidelity 1', async () => {
    const { code, out, err } = await cli([
      'rules',
      path.join(FIXTURES, 'models', 'trees', 'depth2_classifier.onnx'),
      '--data',
      path.join(FIXTURES, 'models', 'trees', 'depth2_grid.csv'),
      '--label',
      'cls',
      '--depth',
      '2',
      '--json',
    ]);
    assert.equal(code, 0, err);
    const r = JSON.parse(out) as RulesResult;
    assert.equal(r.fidelity, 1);
    const rules = r.rules.map((x) => ({
      when: x.conditions.map((k) => `${k.feature} ${k.op} ${k.threshold.toFixed(6)}`),
      then: x.prediction,
    }));
    assert.deepEqual(rules, [
      { when: ['f0 <= 0.450000', 'f1 <= 0.350000'], then: '0' },
      { when: ['f0 <= 0.450000', 'f1 > 0.350000'], then: '1' },
      { when: ['f0 > 0.450000', 'f2 <= 0.650000'], then: '2' },
      { when: ['f0 > 0.450000', 'f2 > 0.650000'], then: '3' },
    ]);
    r.rules.forEach((x) => assert.equal(Math.max(...x.distribution), 1));
    close(
      r.rules.reduce((a, x) => a + x.coverage, 0),
      1,
      'coverage',
    );
    assert.equal(r.tree.feature, 'f0');
  });

  it('a label column that is one of the model inputs is refused', async () => {
    const { code, err } = await cli([
      'rules',
      path.join(FIXTURES, 'models', 'mlp_wine.onnx'),
      '--data',
      path.join(FIXTURES, 'data', 'wine.csv'),
      '--label',
      'proline',
    ]);
    assert.equal(code, 2);
    assert.match(err, /"proline" is one of the model's inputs/);
  });

  type TreeRefs = {
    sklearn_tree_fidelity: Record<string, number[]>;
    sklearn_tree_fidelity_states?: Record<string, number[]>;
  };
  const treeRefs = new Map(refs().models.map((r) => [r.name, r as unknown as TreeRefs]));
  const sklearn = new Map([...treeRefs].map(([name, r]) => [name, r.sklearn_tree_fidelity]));
  for (const c of predictions()) {
    it(`${c.name}: fidelity over 10 held-out splits is at least scikit-learn's DecisionTree's less 0.02`, () => {
      const x = features(c);
      const n = c.outputs.length;
      const regression = c.columns === 1;
      const y = regression
        ? Float64Array.from(c.outputs, (o) => o[0])
        : Int32Array.from(c.outputs, (o) => o.indexOf(Math.max(...o)));
      const depths = Object.keys(sklearn.get(c.name)!);
      for (const depth of depths) {
        const ours = c.splits.map((_, seed) => {
          const fit = fitSurrogate(
            { x, d: c.feature_names.length, y, classes: regression ? 0 : c.columns },
            +depth,
            seed,
          );
          assert.deepEqual(Array.from(fit.holdout), c.splits[seed].holdout, 'the same held-out rows');
          return fit.fidelity;
        });
        const theirs = sklearn.get(c.name)![depth];
        const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
        assert.ok(mean(ours) >= mean(theirs) - 0.02, `depth ${depth}: ${mean(ours)} vs ${mean(theirs)} (n ${n})`);
        // sklearn breaks ties between equally good splits by a random feature order (one random_state's
        // fidelity moves by held-out rows with it): against its mean over random_state 0..19 as well.
        const states = treeRefs.get(c.name)!.sklearn_tree_fidelity_states?.[depth];
        if (states) assert.ok(mean(ours) >= mean(states) - 0.02, `depth ${depth}: ${mean(ours)} vs ${mean(states)}`);
      }
    });
  }
});

describe('error cohorts', () => {
  it('find a planted failing region: the worst cohort is where the errors were put', () => {
    const random = seededRandom(3);
    const n = 2000;
    const x = Float64Array.from({ length: n * 3 }, () => random());
    // wrong in x0 > 0.7 and x1 <= 0.3 (6% of rows), and 2% noise elsewhere
    const error = Float64Array.from({ length: n }, (_, i) =>
      (x[i * 3] > 0.7 && x[i * 3 + 1] <= 0.3) || random() < 0.02 ? 1 : 0,
    );
    const cohorts = errorCohorts(x, 3, error, ['a', 'b', 'c'], true);
    const worst = cohorts[0];
    assert.ok(worst.error_rate > 0.9, worst.rule);
    const bound = (f: string, op: string) => worst.conditions.find((k) => k.feature === f && k.op === op)?.threshold;
    assert.ok(Math.abs(bound('a', '>')! - 0.7) < 0.02, worst.rule);
    assert.ok(Math.abs(bound('b', '<=')! - 0.3) < 0.02, worst.rule);
    assert.equal(
      cohorts.reduce((a, k) => a + k.size, 0),
      n,
    );
    assert.deepEqual(
      worst.rows.slice(0, 3).map((i) => error[i]),
      [1, 1, 1],
    );
  });
});
