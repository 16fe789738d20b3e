// The model-agnostic methods on real trained models in real onnxruntime, through the same job the
// panel's worker and the CLI run: against a float64 brute-force reference, TreeSHAP, and each other.

import assert from 'node:assert/strict';
import path from 'node:path';
import { cliEnvironment } from '../../../../src/cli/jobEnv';
import { loadTable } from '../../../../src/engine/data/loadTable';
import { runImportanceJob, runPdpJob } from '../../../../src/engine/commands/globalJobs';
import { runExplainJob } from '../../../../src/engine/commands/explainJob';
import { HELD_INPUTS } from '../../../../src/engine/explain/explainRows';
import type { ExplainSettings } from '../../../../src/protocol/explainTypes';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { bruteForceShapley, mlpReference } from './mlpReference';
import { OrtBackend } from '../../../../src/engine/runtime/ortBackend';
import { seededRandom, summariseBackground } from '../../../../src/engine/data/background';
import { backendModel } from '../../../../src/engine/explain/backendModel';
import { BatchEvaluator } from '../../../../src/engine/explain/evaluator';
import {
  backgroundMean,
  singleFeatureGroups,
  valueFunction,
} from '../../../../src/engine/explain/shapley/coalitionValues';
import { exactShapley } from '../../../../src/engine/explain/shapley/exact';
import { kernelShap } from '../../../../src/engine/explain/shapley/kernel';
import { shapRest } from './shapSampling';
import { maxAbsDiff } from './reference';

const ROOT = path.resolve(__dirname, '../../../..');
const model = (n: string) => path.join(ROOT, 'test/fixtures/models', n);
const WINE = path.join(ROOT, 'test/fixtures/data/wine.csv');
const quiet = { stdout: () => undefined, stderr: () => undefined };

async function explain(modelFile: string, settings: ExplainSettings) {
  const env = cliEnvironment(quiet, false);
  try {
    return await runExplainJob(env, modelFile, settings);
  } finally {
    await env.close();
  }
}

const f32 = (v: ArrayLike<number>) => Float64Array.from(Float32Array.from(v));

describe('model-agnostic methods on real models (onnxruntime)', function () {
  this.timeout(120_000);

  it('mlp_wine: the float64 reference forward pass agrees with onnxruntime', async () => {
    const f = await mlpReference(model('mlp_wine.onnx'));
    const ref = JSON.parse(readFileSync(model('mlp_wine.ref.json'), 'utf8')) as {
      input: number[][];
      output: number[][];
    };
    ref.input.forEach((row, r) => assert.ok(maxAbsDiff([f(f32(row))], [ref.output[r]]) < 1e-5));
  });

  it('mlp_wine, exact: within 1e-4 of float64 brute force, efficiency within 1e-5', async () => {
    const { attribution: a, plan } = await explain(model('mlp_wine.onnx'), {
      data: WINE,
      rows: '0,77',
      method: 'exact',
      backgroundSize: 12,
      seed: 5,
    });
    assert.equal(plan.method, 'exact');
    assert.deepEqual(a.output_columns, ['class_0', 'class_1', 'class_2']);
    assert.equal(a.feature_names[12], 'proline');
    const table = loadTable(readFileSync(WINE), WINE);
    // The background is a seeded sample of the data: rebuilt here the same way.
    const f = await mlpReference(model('mlp_wine.onnx'));
    const data = { values: table.values.filter((_, i) => i % 14 !== 13), rows: table.rows, cols: 13 };
    const bg = summariseBackground(data, { backgroundSize: 12, method: 'sample', random: seededRandom(5) });
    const bgList = Array.from({ length: 12 }, (_, b) => f32(bg.values.subarray(b * 13, (b + 1) * 13)));
    a.rows.forEach((row, r) => {
      const x = f32(data.values.subarray(row * 13, (row + 1) * 13));
      const reference = bruteForceShapley(f, x, bgList);
      assert.ok(maxAbsDiff(a.values[r], reference) < 1e-4, `row ${row}: ${maxAbsDiff(a.values[r], reference)}`);
      for (let c = 0; c < 3; c++) {
        const sum = a.values[r].reduce((s, v) => s + v[c], 0);
        const target = a.predictions[r][c] - a.base_values[c];
        assert.ok(Math.abs(sum - target) <= 1e-5 * Math.max(1e-3, Math.abs(target)), `efficiency ${sum} ${target}`);
      }
    });
  });

  it("mlp_wine, kernel at its default budget: no worse than shap's sampling, typical error under 1e-2, efficiency exact", async () => {
    const backend = await OrtBackend.create(model('mlp_wine.onnx'));
    const table = loadTable(readFileSync(WINE), WINE);
    const data13 = {
      values: Float64Array.from(
        { length: table.rows * 13 },
        (_, i) => table.values[Math.floor(i / 13) * table.cols + (i % 13)],
      ),
      rows: table.rows,
      cols: 13,
    };
    const bg = summariseBackground(data13, { backgroundSize: 50, method: 'sample', random: seededRandom(3) });
    const m = await backendModel(backend, {}, bg.values.subarray(0, 13));
    const ev = new BatchEvaluator(m);
    const vf = valueFunction(ev, bg, singleFeatureGroups(13), 'identity');
    const empty = backgroundMean(await ev.evaluateRows(bg.values, bg.rows), bg, 3);
    const ours: number[] = [];
    const shaps: number[] = [];
    for (let r = 0; r < 12; r++) {
      const x = data13.values.subarray(r * 13, (r + 1) * 13);
      const full = await ev.evaluateRows(x, 1);
      const problem = (seed: number) => ({ vf, x, full, empty, random: seededRandom(seed) });
      const exact = await exactShapley(problem(0));
      const err = (v: Float64Array) => Math.max(...v.map((p, i) => Math.abs(p - exact[i])));
      const k = await kernelShap(problem(r + 1));
      ours.push(err(k));
      shaps.push(err(await kernelShap(problem(r + 1), { sampleRest: shapRest })));
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let i = 0; i < 13; i++) sum += k[i * 3 + c];
        assert.ok(Math.abs(sum - (full[c] - empty[c])) < 1e-12);
      }
    }
    await backend.dispose();
    const mean = (a: number[]) => a.reduce((p, q) => p + q, 0) / a.length;
    const median = (a: number[]) => [...a].sort((p, q) => p - q)[a.length >> 1];
    assert.ok(mean(ours) <= mean(shaps), `ours ${mean(ours)} vs shap's sampling ${mean(shaps)}`);
    assert.ok(median(ours) < 1e-2, `median max error ${median(ours)}`);
  });

  it('the job: kernel numbers are the same for the same seed, and count the model rows they cost', async () => {
    const settings: ExplainSettings = { data: WINE, rows: '0-1', method: 'kernel', backgroundSize: 50, seed: 1 };
    const kernel = (await explain(model('mlp_wine.onnx'), settings)).attribution;
    const again = (await explain(model('mlp_wine.onnx'), settings)).attribution;
    assert.deepEqual(kernel.values, again.values);
    assert.equal(kernel.evaluations, 50 + 2 + 2 * (2 * 13 + 2048) * 50);
  });

  it('mlp_diabetes (10 features): kernel is exhaustive and equals exact; auto chooses exact', async () => {
    const data = path.join(ROOT, 'test/fixtures/models/gbr100_depth6.csv');
    const s: ExplainSettings = { data, rows: '0-2', method: 'kernel', backgroundSize: 30 };
    const kernel = (await explain(model('mlp_diabetes.onnx'), s)).attribution;
    const auto = await explain(model('mlp_diabetes.onnx'), { ...s, method: 'auto' });
    assert.equal(auto.plan.method, 'exact');
    kernel.values.forEach((v, r) => assert.ok(maxAbsDiff(v, auto.attribution.values[r]) < 1e-6));
  });

  it('gbr100_depth6: TreeSHAP from the trees equals KernelSHAP through onnxruntime', async () => {
    const data = path.join(ROOT, 'test/fixtures/models/gbr100_depth6.csv');
    const s: ExplainSettings = { data, rows: '0-2', method: 'tree', backgroundSize: 20 };
    const tree = (await explain(model('gbr100_depth6.onnx'), s)).attribution;
    const kernel = (await explain(model('gbr100_depth6.onnx'), { ...s, method: 'kernel' })).attribution;
    const scale = Math.max(...tree.values.flat(2).map(Math.abs));
    tree.values.forEach((v, r) => assert.ok(maxAbsDiff(v, kernel.values[r]) / scale < 1e-5, `row ${r}`));
    assert.equal(tree.evaluations, 0);
  });

  it('LIME on onnxruntime: deterministic, 5,000 samples, a fit whose R^2 and local prediction agree with its weights', async () => {
    const s: ExplainSettings = { data: WINE, rows: '0', method: 'lime', seed: 2 };
    const a = (await explain(model('mlp_wine.onnx'), s)).attribution;
    const b = (await explain(model('mlp_wine.onnx'), s)).attribution;
    assert.deepEqual(a.values, b.values);
    assert.equal(a.evaluations, 100 + 1 + 5000);
    for (let c = 0; c < 3; c++) {
      assert.ok(a.score![0][c] > 0 && a.score![0][c] <= 1, `R^2 ${a.score![0][c]}`);
      // The local model at the row is its intercept plus every weight (all interpretable features on).
      const sum = a.values[0].reduce((s, v) => s + v[c], a.intercept![0][c]);
      assert.ok(Math.abs(sum - a.local_prediction![0][c]) < 1e-9);
    }
  });

  it('permutation importance: a feature the model reads matters, accuracy 1 on its training data', async () => {
    const env = cliEnvironment(quiet, false);
    const r = await runImportanceJob(env, model('mlp_wine.onnx'), { data: WINE, label: 'cultivar', repeats: 3 });
    await env.close();
    assert.equal(r.metric, 'accuracy');
    assert.equal(r.baseline, 1);
    assert.ok(Math.max(...r.mean) > 0.02);
    r.mean.forEach((m, i) => assert.ok(m <= 1 && r.std[i] >= 0));
  });

  it('partial dependence: the average is the mean of the ICE curves, and each ICE point is the model at that value', async () => {
    const env = cliEnvironment(quiet, false);
    const r = await runPdpJob(env, model('mlp_wine.onnx'), { data: WINE, feature: 'proline', maxRows: 200, points: 7 });
    await env.close();
    const f = await mlpReference(model('mlp_wine.onnx'));
    assert.equal(r.grid.length, 7);
    assert.ok(r.grid.every((g, i) => i === 0 || g > r.grid[i - 1]));
    for (let c = 0; c < 3; c++) {
      r.grid.forEach((_, k) => {
        const mean = r.ice.reduce((s, row) => s + row[c][k], 0) / r.ice.length;
        assert.ok(Math.abs(mean - r.average[c][k]) < 1e-12);
      });
    }
    // Every ICE curve's values sum to 1 across classes (softmax), point by point.
    r.ice.forEach((row) => r.grid.forEach((_, k) => assert.ok(Math.abs(row[0][k] + row[1][k] + row[2][k] - 1) < 1e-5)));
    const table = loadTable(readFileSync(WINE), WINE);
    assert.equal(r.ice.length, table.rows);
    for (let row = 0; row < 3; row++) {
      r.grid.forEach((g, k) => {
        const x = f32(Array.from({ length: 13 }, (_, i) => (i === 12 ? g : table.values[row * table.cols + i])));
        const y = f(x);
        for (let c = 0; c < 3; c++) assert.ok(Math.abs(r.ice[row][c][k] - y[c]) < 1e-5, `row ${row} point ${k}`);
      });
    }
  });
});

describe('a model that fails in the middle of an explanation', function () {
  this.timeout(60_000);

  it('gives a message naming the model and the failure; the same environment then runs a good model', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lens-fail-'));
    const data = path.join(dir, 'mixed.csv');
    // (4, 0) and (0, 4) run; mixing them (index 8) does not.
    writeFileSync(data, 'a,b\n4,0\n0,4\n0,3\n');
    const env = cliEnvironment(quiet, false);
    try {
      await assert.rejects(
        runExplainJob(env, path.join(ROOT, 'test/fixtures/bad/fails_on_mixed_rows.onnx'), {
          data,
          rows: '0',
          method: 'exact',
        }),
        /^Error: fails_on_mixed_rows\.onnx: the model failed on a block of \d+ rows of 'x': .*indices element out of data bounds/,
      );
      const ok = await runExplainJob(env, model('mlp_wine.onnx'), { data: WINE, rows: '0', method: 'kernel' });
      assert.equal(ok.attribution.values.length, 1);
    } finally {
      await env.close();
    }
  });
});

describe('a model with two inputs: one explained, the other held at each row', function () {
  this.timeout(60_000);

  it('gives each explained feature w_i (x_i - background mean_i), for either input, with every method', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lens-two-'));
    const data = path.join(dir, 'two.csv');
    const rows = Array.from({ length: 30 }, (_, r) =>
      [r % 7, (r * 3) % 5, r / 10, (r * 2) % 9, 1 - r / 30].map((v) => Math.fround(v)),
    );
    writeFileSync(data, ['n0,n1,n2,e0,e1', ...rows.map((r) => r.join(','))].join('\n'));
    const weights: Record<string, { start: number; w: number[] }> = {
      num: { start: 0, w: [1.5, -2, 0.25] },
      extra: { start: 3, w: [3, -1] },
    };
    const mean = (c: number) => rows.reduce((s, r) => s + r[c], 0) / rows.length;
    const twoInputs = path.join(ROOT, 'test/fixtures/models/two_inputs_linear.onnx');
    for (const [input, { start, w }] of Object.entries(weights)) {
      for (const method of ['exact', 'kernel', 'permutation'] as const) {
        const { attribution: a } = await explain(twoInputs, { data, input, method, rows: '0-4' });
        assert.deepEqual(a.feature_names, [...(input === 'num' ? ['n0', 'n1', 'n2'] : ['e0', 'e1']), HELD_INPUTS]);
        // Background and rows once, then per row every inner coalition and the empty one at the row.
        if (method !== 'permutation') assert.equal(a.evaluations, 30 + 5 + 5 * 30 * (2 ** w.length - 2 + 1));
        a.rows.forEach((row, k) => {
          assert.deepEqual(a.feature_values[k].slice(0, w.length), rows[row].slice(start, start + w.length));
          // The other input's effect at this row, as one more feature: its weights times (x - mean).
          const other = [1.5, -2, 0.25, 3, -1].reduce(
            (sum, wi, i) => (i >= start && i < start + w.length ? sum : sum + wi * (rows[row][i] - mean(i))),
            0,
          );
          assert.ok(Math.abs(a.values[k][w.length][0] - other) < 1e-4, `${input} ${method} held effect`);
          const total = a.values[k].reduce((sum, v) => sum + v[0], 0);
          assert.ok(Math.abs(total - (a.predictions[k][0] - a.base_values[0])) < 1e-4, 'base + values = prediction');
          const f = 0.5 + [1.5, -2, 0.25, 3, -1].reduce((s, wi, i) => s + wi * rows[row][i], 0);
          assert.ok(Math.abs(a.predictions[k][0] - f) < 1e-4);
          w.forEach((wi, i) => {
            const expected = wi * (rows[row][start + i] - mean(start + i));
            assert.ok(Math.abs(a.values[k][i][0] - expected) < 1e-4, `${input} ${method} row ${row} feature ${i}`);
          });
        });
      }
    }
    const lime = (await explain(twoInputs, { data, input: 'extra', method: 'lime', rows: '0' })).attribution;
    assert.equal(lime.values[0].length, 2);
    const auto = await explain(twoInputs, { data, method: 'auto', rows: '0' });
    assert.equal(auto.plan.method, 'exact');
  });
});
