// onnxruntime is the reference for tree semantics: every split mode, NaN with and without
// missing-value tracking, BRANCH_MEMBER, AVERAGE, and the binary classifier's column layouts
// (models from test/fixtures/make_tree_models.py). TreeSHAP is then checked on them with NaNs.

import assert from 'node:assert/strict';
import path from 'node:path';
import { applyTransform, evaluateMargin } from '../../../../src/engine/explain/tree/evaluate';
import { parseTreeEnsemble } from '../../../../src/engine/explain/tree/parse';
import { treeShap } from '../../../../src/engine/explain/tree/treeShap';
import type { FeatureMatrix, TreeEnsemble } from '../../../../src/engine/explain/tree/types';
import { OrtBackend } from '../../../../src/engine/runtime/ortBackend';
import { bruteForceShap, mulberry32 } from './bruteForce';
import { MODELS, readTestModel } from './onnxNodes';
import { randomCell } from './randomEnsembles';

const FEATURES = 4;

function ensembleOf(file: string): TreeEnsemble {
  const node = readTestModel(path.join('trees', file)).nodes[0];
  return parseTreeEnsemble(node.opType, node.attributes);
}

function gridRows(rows: number, seed: number): FeatureMatrix {
  const rng = mulberry32(seed);
  return { values: Float64Array.from({ length: rows * FEATURES }, () => randomCell(rng)), rows, cols: FEATURES };
}

async function ortRun(file: string, m: FeatureMatrix, output: string): Promise<Float32Array> {
  const backend = await OrtBackend.create(path.join(MODELS, 'trees', file));
  try {
    const feeds = { input: { type: 'float32' as const, dims: [m.rows, m.cols], data: Float32Array.from(m.values) } };
    return (await backend.run(feeds, [output]))[output].data as Float32Array;
  } finally {
    await backend.dispose();
  }
}

const MODELS_AND_OUTPUTS: [string, string, string][] = [
  ['modes_regressor.onnx', 'y', 'NONE'],
  ['modes_v5.onnx', 'y', 'NONE'],
  ['binary_logistic.onnx', 'probabilities', 'LOGISTIC'],
  ['binary_none_nonneg.onnx', 'probabilities', 'NONE'],
  ['binary_none_mixed.onnx', 'probabilities', 'NONE'],
  ['binary_softmax.onnx', 'probabilities', 'NONE'],
  ['binary_two_base.onnx', 'probabilities', 'LOGISTIC'],
];

describe('tree semantics against onnxruntime', () => {
  for (const [file, output, transform] of MODELS_AND_OUTPUTS) {
    it(`${file}: outputs on grid rows with NaN match within 1e-4`, async () => {
      const e = ensembleOf(file);
      assert.equal(e.transform, transform);
      const m = gridRows(400, 21);
      const ours = applyTransform(e, evaluateMargin(e, m));
      const theirs = await ortRun(file, m, output);
      assert.equal(ours.length, theirs.length);
      let differ = 0;
      for (let i = 0; i < ours.length; i++) {
        assert.ok(Math.abs(ours[i] - theirs[i]) < 1e-4, `${file} value ${i}: ${ours[i]} vs ${theirs[i]}`);
        if (Math.abs(ours[i] - ours[i % e.columns.length]) > 1e-6) differ++;
      }
      assert.ok(differ > 0, 'the rows reach different leaves');
    });
  }

  for (const file of ['modes_regressor.onnx', 'modes_v5.onnx', 'binary_two_base.onnx']) {
    it(`${file}: TreeSHAP with NaN in rows and background equals brute force`, () => {
      const e = ensembleOf(file);
      const rows = gridRows(5, 31);
      const background = gridRows(9, 32);
      const r = treeShap(e, rows, background);
      const c = r.columns;
      for (let i = 0; i < rows.rows; i++) {
        const brute = bruteForceShap(e, rows.values.subarray(i * FEATURES, (i + 1) * FEATURES), background);
        for (let k = 0; k < brute.length; k++) {
          assert.ok(Math.abs(r.values[i * FEATURES * c + k] - brute[k]) < 1e-5, `row ${i} entry ${k}`);
        }
      }
    });
  }
});
