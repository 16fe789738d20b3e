// LIME's reference distribution is the background, as for every other method: a run whose data file and
// background file differ in distribution must bin by the background's quartiles, as lime does when given the
// background rows as its training_data.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliEnvironment } from '../../../../src/cli/jobEnv';
import { backendModel } from '../../../../src/engine/explain/backendModel';
import { BatchEvaluator } from '../../../../src/engine/explain/evaluator';
import { runExplainJob } from '../../../../src/engine/commands/explainJob';
import { quartileBins } from '../../../../src/engine/explain/lime/discretize';
import { limeTabular } from '../../../../src/engine/explain/lime/lime';
import { seededRandom } from '../../../../src/engine/explain/random';
import { DataType } from '../../../../src/engine/onnx/schema';
import { encodeModel, graph, node, seeded, valueInfo, writeGenerated } from '../../onnx/build';

const quiet = { stdout: () => undefined, stderr: () => undefined };
const FEATURES = 3;

/** y = x0 + 2 x1 - x2. */
function linearModel(): string {
  const g = graph({
    nodes: [node('MatMul', ['x', 'w'], ['y'])],
    inputs: [valueInfo('x', DataType.FLOAT, ['batch', FEATURES])],
    outputs: [valueInfo('y', DataType.FLOAT, ['batch', 1])],
    initializers: [{ name: 'w', dims: [FEATURES, 1], data_type: DataType.FLOAT, float_data: [1, 2, -1] }],
  });
  return writeGenerated('lime_background_linear.onnx', encodeModel(g, { '': 17 }));
}

/** Rows of values on a grid of eighths (exact in float32), uniform in [lo, lo + span). */
function table(rows: number, lo: number, span: number, random: () => number): number[][] {
  return Array.from({ length: rows }, () =>
    Array.from({ length: FEATURES }, () => lo + Math.floor(random() * span * 8) / 8),
  );
}

const csv = (rows: number[][]) => ['a,b,c', ...rows.map((r) => r.join(','))].join('\n') + '\n';

/** numpy.percentile's default (linear) on a column, by brute force: sort, then interpolate at q (n - 1). */
function numpyPercentile(column: number[], q: number): number {
  const sorted = [...column].sort((a, b) => a - b);
  const pos = (q / 100) * (sorted.length - 1);
  const below = Math.floor(pos);
  const above = Math.ceil(pos);
  return sorted[below] + (sorted[above] - sorted[below]) * (pos - below);
}

describe('LIME bins by the background', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lens-lime-background-'));
  const random = seeded(7);
  // The data sits in [0, 4), the background in [10, 30): every data row is below the background's quartiles.
  const data = table(40, 0, 4, random);
  const background = table(30, 10, 20, random);
  const dataFile = path.join(dir, 'data.csv');
  const backgroundFile = path.join(dir, 'background.csv');
  writeFileSync(dataFile, csv(data));
  writeFileSync(backgroundFile, csv(background));
  const model = linearModel();
  const rows = [0, 1, 5];
  const settings = {
    data: dataFile,
    background: backgroundFile,
    backgroundSize: background.length,
    rows: rows.join(','),
    method: 'lime' as const,
    samples: 400,
    seed: 3,
  };

  it("the discretiser's quartiles are the background's (numpy's percentile, as lime computes them)", () => {
    const bins = quartileBins({ values: Float64Array.from(background.flat()), rows: background.length, cols: 3 });
    bins.forEach((b, f) => {
      const column = background.map((r) => r[f]);
      const quartiles = [...new Set([25, 50, 75].map((q) => numpyPercentile(column, q)))];
      assert.deepEqual(b.edges, quartiles, `feature ${f}`);
      // Frequencies are shares of background rows, by counting.
      b.frequencies.forEach((p, k) => {
        const inBin = column.filter(
          (v) => (k === 0 || v > b.edges[k - 1]) && (k === b.edges.length || v <= b.edges[k]),
        );
        assert.equal(p, inBin.length / column.length, `feature ${f} bin ${k} frequency`);
      });
    });
  });

  it("a run's LIME is lime's with the background rows as training data, not the data file's", async () => {
    const env = cliEnvironment(quiet, false);
    try {
      const outcome = await runExplainJob(env, model, settings);
      const backend = await env.backend(model);
      const evaluator = new BatchEvaluator(await backendModel(backend, {}, Float64Array.from(data[0])));
      const asRows = (t: number[][]) => ({ values: Float64Array.from(t.flat()), rows: t.length, cols: FEATURES });
      const fromBackground = quartileBins(asRows(background));
      const fromData = quartileBins(asRows(data));
      for (const [position, r] of rows.entries()) {
        // The run seeds each row's samples from the seed and the row's index in the data file.
        const random = () => seededRandom((settings.seed * 1_000_003 + r) >>> 0);
        const x = Float64Array.from(data[r]);
        const want = await limeTabular(evaluator, fromBackground, x, { samples: settings.samples, random: random() });
        const other = await limeTabular(evaluator, fromData, x, { samples: settings.samples, random: random() });
        const got = outcome.attribution.values[position].map((v) => v[0]);
        // The two references differ, so the comparison tells which distribution the run binned by.
        assert.notDeepEqual(Array.from(other.weights), Array.from(want.weights), `row ${r}: the references differ`);
        got.forEach((w, f) =>
          assert.ok(Math.abs(w - want.weights[f]) < 1e-9, `row ${r} feature ${f}: ${w} vs ${want.weights[f]}`),
        );
        assert.ok(
          Math.abs(outcome.attribution.intercept![position][0] - want.intercept[0]) < 1e-9,
          `row ${r} intercept`,
        );
      }
    } finally {
      await env.close();
    }
  });
});
