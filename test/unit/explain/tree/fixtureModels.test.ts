// The scikit-learn fixture models: the pure-TS margin matches onnxruntime, and TreeSHAP on a few
// features' worth of rows matches brute-force Shapley values.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { summariseBackground, seededRandom } from '../../../../src/engine/data/background';
import { loadTable } from '../../../../src/engine/data/loadTable';
import { matchToModel } from '../../../../src/engine/data/match';
import { applyTransform, evaluateMargin } from '../../../../src/engine/explain/tree/evaluate';
import { parseTreeEnsemble } from '../../../../src/engine/explain/tree/parse';
import { treeShap } from '../../../../src/engine/explain/tree/treeShap';
import type { FeatureMatrix, TreeEnsemble } from '../../../../src/engine/explain/tree/types';
import { OrtBackend } from '../../../../src/engine/runtime/ortBackend';
import { bruteForceShap } from './bruteForce';
import { MODELS, readTestModel } from './onnxNodes';

function ensembleOf(file: string): TreeEnsemble {
  const node = readTestModel(file).nodes.find((n) => n.opType.startsWith('TreeEnsemble'));
  assert.ok(node, `${file} has a tree ensemble node`);
  return parseTreeEnsemble(node.opType, node.attributes);
}

function refInput(file: string): FeatureMatrix {
  const ref = JSON.parse(readFileSync(path.join(MODELS, file.replace('.onnx', '.ref.json')), 'utf8')) as {
    input: number[][];
  };
  return { values: Float64Array.from(ref.input.flat()), rows: ref.input.length, cols: ref.input[0].length };
}

async function ortOutput(file: string, m: FeatureMatrix, output: string): Promise<Float32Array> {
  const backend = await OrtBackend.create(path.join(MODELS, file));
  try {
    const feeds = { input: { type: 'float32' as const, dims: [m.rows, m.cols], data: Float32Array.from(m.values) } };
    return (await backend.run(feeds, [output]))[output].data as Float32Array;
  } finally {
    await backend.dispose();
  }
}

/** Takes the first `k` features from the row and the background; the others are fixed to the row's values. */
function restrictTo(k: number, x: Float64Array, bg: FeatureMatrix): FeatureMatrix {
  const values = new Float64Array(bg.rows * bg.cols);
  for (let r = 0; r < bg.rows; r++) {
    for (let f = 0; f < bg.cols; f++) values[r * bg.cols + f] = f < k ? bg.values[r * bg.cols + f] : x[f];
  }
  return { values, rows: bg.rows, cols: bg.cols };
}

const CASES = [
  { file: 'rf_iris.onnx', output: 'probabilities', transform: 'NONE' },
  { file: 'gbr_diabetes.onnx', output: 'variable', transform: 'NONE' },
  { file: 'gb_breast_cancer.onnx', output: 'probabilities', transform: 'LOGISTIC' },
];

describe('tree ensembles from the fixture models', () => {
  for (const c of CASES) {
    it(`${c.file}: evaluateMargin (then ${c.transform}) matches onnxruntime within 1e-4`, async () => {
      const e = ensembleOf(c.file);
      const m = refInput(c.file);
      const ours = applyTransform(e, evaluateMargin(e, m));
      const theirs = await ortOutput(c.file, m, c.output);
      assert.equal(ours.length, theirs.length);
      for (let i = 0; i < ours.length; i++)
        assert.ok(Math.abs(ours[i] - theirs[i]) < 1e-4, `${i}: ${ours[i]} vs ${theirs[i]}`);
      assert.equal(e.transform, c.transform);
    });

    it(`${c.file}: TreeSHAP equals brute-force Shapley values and sums to margin - base`, () => {
      const e = ensembleOf(c.file);
      const m = refInput(c.file);
      const all = { values: m.values.map(Math.fround), rows: m.rows, cols: m.cols };
      // Rows 0-1 explained against rows 2-7; brute force over 2^M coalitions needs M small, so all
      // features but the first M vary only through the explained row (the rest are fixed at x's values).
      const M = Math.min(all.cols, 8);
      for (let r = 0; r < 2; r++) {
        const x = all.values.slice(r * all.cols, (r + 1) * all.cols);
        const bgAll = { values: all.values.slice(2 * all.cols), rows: all.rows - 2, cols: all.cols };
        const bg = restrictTo(M, x, bgAll);
        const result = treeShap(e, { values: x, rows: 1, cols: all.cols }, bg);
        const brute = bruteForceShap(e, x, bg, undefined, M);
        for (let i = 0; i < brute.length; i++) {
          assert.ok(
            Math.abs(result.values[i] - brute[i]) < 1e-5,
            `${c.file} row ${r} entry ${i}: ${result.values[i]} vs ${brute[i]}`,
          );
        }
        for (let j = 0; j < result.columns; j++) {
          let sum = 0;
          for (let f = 0; f < result.features; f++) sum += result.values[f * result.columns + j];
          assert.ok(Math.abs(sum - (result.margins[j] - result.baseValues[j])) < 1e-6);
        }
        // Features past M take x's value in the background too, so they get exactly 0.
        for (let f = M; f < all.cols; f++)
          for (let j = 0; j < result.columns; j++) assert.ok(result.values[f * result.columns + j] === 0);
      }
    });
  }

  it('gb_breast_cancer: reports that only the margin is explained exactly', () => {
    const e = ensembleOf('gb_breast_cancer.onnx');
    const m = refInput('gb_breast_cancer.onnx');
    const r = treeShap(e, m, m);
    assert.equal(r.exactFor, 'margin');
    assert.equal(r.transform, 'LOGISTIC');
    // Binary single score: column 0 is -s, so its attributions are the negated column 1's.
    for (let i = 0; i < r.values.length; i += 2) assert.ok(r.values[i] === -r.values[i + 1]);
  });
});

describe('gbr100_depth6 (the benchmark model) read with the data loaders', () => {
  it('margins match onnxruntime on all 442 rows; TreeSHAP is efficient against a k-means background', async () => {
    const model = readTestModel('gbr100_depth6.onnx');
    const e = parseTreeEnsemble(model.nodes[0].opType, model.nodes[0].attributes);
    const names = JSON.parse(model.metadata.feature_names) as string[];
    const file = path.join(MODELS, 'gbr100_depth6.csv');
    const data = matchToModel(loadTable(readFileSync(file), file), 10, names);
    const ours = evaluateMargin(e, data);
    const theirs = await ortOutput('gbr100_depth6.onnx', data, 'variable');
    for (let i = 0; i < ours.length; i++) assert.ok(Math.abs(ours[i] - theirs[i]) < 1e-4, `row ${i}`);
    const bg = summariseBackground(data, { backgroundSize: 30, random: seededRandom(1) });
    const rows = { values: data.values.slice(0, 50), rows: 5, cols: 10 };
    const r = treeShap(e, rows, bg, { backgroundWeights: bg.weights });
    for (let i = 0; i < 5; i++) {
      let sum = 0;
      for (let f = 0; f < 10; f++) sum += r.values[i * 10 + f];
      assert.ok(Math.abs(sum - (r.margins[i] - r.baseValues[0])) < 1e-6);
    }
  });
});
