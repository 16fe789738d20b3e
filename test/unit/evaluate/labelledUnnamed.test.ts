// evaluate, rules, importance and compare --label on models without feature names (most scikit-learn and PyTorch
// exports) and a labelled file whose label column stands first, in the middle or last.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCompareJob } from '../../../src/engine/compare/compareJob';
import { dataColumns } from '../../../src/engine/evaluate/columns';
import { runEvaluateJob, runRulesJob } from '../../../src/engine/evaluate/evaluateJob';
import { runImportanceJob } from '../../../src/engine/commands/globalJobs';
import type { JobEnvironment } from '../../../src/engine/explain/jobs/jobData';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import type { InferenceBackend } from '../../../src/engine/runtime/backend';
import type { ClassificationEvaluation } from '../../../src/protocol/evaluationTypes';
import { withoutMetadata } from './unnamedModel';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const WINE = path.join(FIXTURES, 'data', 'wine.csv');
const CLASS_NAMES = ['class_0', 'class_1', 'class_2'];

/** Engine jobs on files from disk and onnxruntime in this process. */
function environment(): JobEnvironment & { close(): Promise<void> } {
  const open = new Map<string, Promise<InferenceBackend>>();
  return {
    readFile: async (file) => readFileSync(file),
    backend: (modelPath) => {
      if (!open.has(modelPath)) open.set(modelPath, OrtBackend.create(modelPath));
      return open.get(modelPath)!;
    },
    async close() {
      for (const b of open.values()) await (await b).dispose();
    },
  };
}

/** wine.csv's rows with the label moved before feature `at` (13: last), numeric or as class names. */
function wineWithLabelAt(at: number, names = false): string {
  const lines = readFileSync(WINE, 'utf8').trim().split(/\r?\n/);
  return lines
    .map((line, i) => {
      const cells = line.split(',');
      const label = cells.pop()!;
      cells.splice(at, 0, i === 0 || !names ? label : CLASS_NAMES[Number(label)]);
      return cells.join(',');
    })
    .join('\n');
}

function argMax(row: Float32Array | Float64Array): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  return best;
}

describe('labelled files for models without feature names', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labelled-'));
  const file = (name: string) => path.join(dir, name);
  const layouts = { first: 0, middle: 6, last: 13 } as const;
  let env: ReturnType<typeof environment>;
  let labels: number[];
  /** Each unnamed model's probabilities on the 13 feature columns, from onnxruntime directly. */
  const probabilities = new Map<string, Float32Array[]>();

  before(async () => {
    env = environment();
    for (const m of ['lr_wine', 'mlp_wine']) {
      const bytes = readFileSync(path.join(FIXTURES, 'models', `${m}.onnx`));
      writeFileSync(file(`${m}_unnamed.onnx`), withoutMetadata(bytes, 'feature_names'));
    }
    for (const [name, at] of Object.entries(layouts)) writeFileSync(file(`${name}.csv`), wineWithLabelAt(at));
    writeFileSync(file('names.csv'), wineWithLabelAt(6, true));
    const lines = readFileSync(WINE, 'utf8').trim().split(/\r?\n/);
    writeFileSync(file('features.csv'), lines.map((l) => l.split(',').slice(0, 13).join(',')).join('\n'));
    labels = lines.slice(1).map((l) => Number(l.split(',')[13]));
    const x = Float32Array.from(lines.slice(1).flatMap((l) => l.split(',').slice(0, 13).map(Number)));
    for (const m of ['lr_wine', 'mlp_wine']) {
      const backend = await env.backend(file(`${m}_unnamed.onnx`));
      const input = backend.inputs[0].name;
      const out = await backend.run({ [input]: { type: 'float32', dims: [labels.length, 13], data: x } }, [
        'probabilities',
      ]);
      const p = out.probabilities.data as Float32Array;
      probabilities.set(
        m,
        labels.map((_, i) => p.subarray(i * 3, i * 3 + 3)),
      );
    }
  });
  after(() => env.close());

  for (const m of ['lr_wine', 'mlp_wine']) {
    for (const [where] of Object.entries(layouts)) {
      it(`${m}: evaluate with the label ${where}: the metrics of the model's own outputs`, async () => {
        const e = (await runEvaluateJob(env, file(`${m}_unnamed.onnx`), {
          data: file(`${where}.csv`),
          label: 'cultivar',
          resamples: 20,
        })) as ClassificationEvaluation;
        const p = probabilities.get(m)!;
        const right = labels.filter((y, i) => argMax(p[i]) === y).length;
        assert.equal(e.rows, labels.length);
        assert.ok(Math.abs(e.accuracy - right / labels.length) < 1e-12);
        const logLoss = -labels.reduce((s, y, i) => s + Math.log(p[i][y]), 0) / labels.length;
        assert.ok(Math.abs(e.log_loss - logLoss) < 1e-6, `${e.log_loss} vs ${logLoss}`);
        assert.equal(e.feature_names.length, 13);
        assert.ok(!e.feature_names.includes('cultivar'));
        // The same evaluation as the named fixture's on wine.csv (its file and model names aside).
        const named = await runEvaluateJob(env, path.join(FIXTURES, 'models', `${m}.onnx`), {
          data: WINE,
          label: 'cultivar',
          resamples: 20,
        });
        assert.deepEqual({ ...e, model: '', data: '' }, { ...named, model: '', data: '' });
      });
    }
  }

  it('evaluate with a label column of class names equals the one with class indices', async () => {
    const run = (data: string) =>
      runEvaluateJob(env, file('mlp_wine_unnamed.onnx'), { data: file(data), label: 'cultivar', resamples: 20 });
    assert.deepEqual({ ...(await run('names.csv')), data: '' }, { ...(await run('middle.csv')), data: '' });
  });

  it('a label column the file does not hold: the message names the file and the column', async () => {
    await assert.rejects(
      runEvaluateJob(env, file('lr_wine_unnamed.onnx'), { data: file('middle.csv'), label: 'target' }),
      /^DataError: middle\.csv: has no label column "target" \(its columns: "alcohol", /,
    );
  });

  for (const [where] of Object.entries(layouts)) {
    it(`rules with the label ${where}: the same rules as on the file without the label`, async () => {
      const model = file('lr_wine_unnamed.onnx');
      const labelled = await runRulesJob(env, model, { data: file(`${where}.csv`), label: 'cultivar' });
      const plain = await runRulesJob(env, model, { data: file('features.csv') });
      assert.deepEqual({ ...labelled, data: '' }, { ...plain, data: '' });
    });

    it(`importance with the label ${where}: the named model's, from a baseline of the outputs' accuracy`, async () => {
      const settings = { label: 'cultivar', repeats: 2, seed: 3 };
      const r = await runImportanceJob(env, file('mlp_wine_unnamed.onnx'), { data: file(`${where}.csv`), ...settings });
      const named = await runImportanceJob(env, path.join(FIXTURES, 'models', 'mlp_wine.onnx'), {
        data: WINE,
        ...settings,
      });
      assert.deepEqual(r, named);
      const p = probabilities.get('mlp_wine')!;
      const right = labels.filter((y, i) => argMax(p[i]) === y).length;
      assert.ok(Math.abs(r.baseline - right / labels.length) < 1e-12);
    });

    it(`compare --label with the label ${where}: evaluate's metrics, the unlabelled file's importance`, async () => {
      const a = file('lr_wine_unnamed.onnx');
      const b = file('mlp_wine_unnamed.onnx');
      const settings = { importanceRows: 2, seed: 1 };
      const r = await runCompareJob(env, a, b, { data: file(`${where}.csv`), label: 'cultivar', ...settings });
      const evaluate = (model: string) =>
        runEvaluateJob(env, model, { data: file(`${where}.csv`), label: 'cultivar', seed: 1 });
      assert.deepEqual(r.metrics_a, await evaluate(a));
      assert.deepEqual(r.metrics_b, await evaluate(b));
      const plain = await runCompareJob(env, a, b, { data: file('features.csv'), ...settings });
      // Kernel SHAP's sums are not bit-for-bit the same from run to run (last digits): equal within rounding.
      const { a: ia, b: ib, ...rest } = r.importance!;
      const { a: pa, b: pb, ...plainRest } = plain.importance!;
      assert.deepEqual(rest, plainRest);
      for (const [x, y] of [
        [ia, pa],
        [ib, pb],
      ]) {
        x.forEach((v, f) => assert.ok(Math.abs(v - y[f]) <= 1e-9 * Math.max(1, Math.abs(y[f])), `${v} vs ${y[f]}`));
      }
      assert.equal(r.agreement, plain.agreement);
      assert.deepEqual(r.differing_rows, plain.differing_rows);
    });
  }

  it("the Evaluation tab's columns: every column that leaves the model's width is a label candidate", async () => {
    const c = await dataColumns(env, file('lr_wine_unnamed.onnx'), { data: file('middle.csv') });
    assert.equal(c.rows, labels.length);
    const header = readFileSync(file('middle.csv'), 'utf8').split('\n')[0].split(',');
    assert.deepEqual(c.others, header);
    // Once the label is chosen, the other 13 are the model's features.
    const e = await runEvaluateJob(env, file('lr_wine_unnamed.onnx'), { data: file('middle.csv'), label: 'cultivar' });
    assert.deepEqual(
      e.feature_names,
      header.filter((n) => n !== 'cultivar'),
    );
    const named = await dataColumns(env, path.join(FIXTURES, 'models', 'lr_wine.onnx'), { data: file('middle.csv') });
    assert.deepEqual(named.others, ['cultivar']);
  });
});
