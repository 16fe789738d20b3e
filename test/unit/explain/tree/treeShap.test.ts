// TreeSHAP on seeded random ensembles (every split mode, NaN with missing-value tracking, several
// outputs, AVERAGE, base values, opset 5 with BRANCH_MEMBER) against brute-force Shapley values.

import assert from 'node:assert/strict';
import { evaluateMargin } from '../../../../src/engine/explain/tree/evaluate';
import { buildLeafIndex } from '../../../../src/engine/explain/tree/leafShap';
import { treeEnsembleFromNode } from '../../../../src/engine/explain/tree/fromNode';
import type { Attribute, Node, TensorRef } from '../../../../src/engine/onnx/types';
import { parseTreeEnsemble } from '../../../../src/engine/explain/tree/parse';
import { nestedValues, treeShap, treeShapSupport } from '../../../../src/engine/explain/tree/treeShap';
import { CancelledError } from '../../../../src/protocol/cancel';
import type { FeatureMatrix, TreeEnsemble } from '../../../../src/engine/explain/tree/types';
import { bruteForceShap, mulberry32 } from './bruteForce';
import { legacyAttributes, randomCell, randomForest, v5Attributes, type RandomSpec } from './randomEnsembles';

const FEATURES = 6; // the trees split on features 0-4 only: feature 5 must get exactly 0

function randomMatrix(rows: number, rng: () => number): FeatureMatrix {
  return { values: Float64Array.from({ length: rows * FEATURES }, () => randomCell(rng)), rows, cols: FEATURES };
}

function checkAgainstBruteForce(e: TreeEnsemble, seed: number, weights?: number[]): void {
  const rng = mulberry32(seed);
  const rows = randomMatrix(4, rng);
  const background = randomMatrix(weights?.length ?? 7, rng);
  const r = treeShap(e, rows, background, { backgroundWeights: weights });
  const c = r.columns;
  let nonZero = 0;
  for (let i = 0; i < rows.rows; i++) {
    const x = rows.values.subarray(i * FEATURES, (i + 1) * FEATURES);
    const brute = bruteForceShap(e, x, background, weights);
    const ours = r.values.subarray(i * FEATURES * c, (i + 1) * FEATURES * c);
    for (let k = 0; k < brute.length; k++) {
      assert.ok(Math.abs(ours[k] - brute[k]) < 1e-5, `row ${i} entry ${k}: ${ours[k]} vs ${brute[k]}`);
      if (Math.abs(ours[k]) > 1e-9) nonZero++;
    }
    for (let j = 0; j < c; j++) {
      let sum = 0;
      for (let f = 0; f < FEATURES; f++) sum += ours[f * c + j];
      assert.ok(Math.abs(sum - (r.margins[i * c + j] - r.baseValues[j])) < 1e-6, `efficiency row ${i} column ${j}`);
      assert.ok(ours[(FEATURES - 1) * c + j] === 0, 'a feature never split on gets exactly 0');
    }
  }
  assert.ok(nonZero > 0, 'the random ensemble gives some non-zero attribution');
  // base = the (weighted) mean background margin
  const bm = evaluateMargin(e, background);
  const w = weights ?? new Array<number>(background.rows).fill(1);
  const wsum = w.reduce((a, b) => a + b, 0);
  for (let j = 0; j < c; j++) {
    let mean = 0;
    for (let k = 0; k < background.rows; k++) mean += (w[k] / wsum) * bm[k * c + j];
    assert.ok(Math.abs(mean - r.baseValues[j]) < 1e-9);
  }
}

const SPEC: RandomSpec = { trees: 6, maxDepth: 5, splitFeatures: FEATURES - 1, targets: 3 };

describe('interventional TreeSHAP on random ensembles', () => {
  for (const seed of [1, 2, 3]) {
    it(`regressor, 3 targets, SUM with base values (seed ${seed})`, () => {
      const forest = randomForest(SPEC, mulberry32(seed));
      const attrs = legacyAttributes(forest, 'target', { n_targets: 3, base_values: [0.5, -1, 2] });
      const e = parseTreeEnsemble('TreeEnsembleRegressor', attrs);
      assert.deepEqual(treeShapSupport(e), { ok: true, exactFor: 'output', transform: 'NONE' });
      checkAgainstBruteForce(e, seed + 100);
    });
  }

  it('regressor with AVERAGE aggregation', () => {
    const forest = randomForest(SPEC, mulberry32(11));
    const e = parseTreeEnsemble(
      'TreeEnsembleRegressor',
      legacyAttributes(forest, 'target', { n_targets: 3, aggregate_function: 'AVERAGE' }),
    );
    assert.equal(e.columns[0].scale, 1 / 6);
    checkAgainstBruteForce(e, 111);
  });

  it('multiclass classifier with SOFTMAX explains the margin', () => {
    const forest = randomForest(SPEC, mulberry32(12));
    const e = parseTreeEnsemble(
      'TreeEnsembleClassifier',
      legacyAttributes(forest, 'class', { classlabels_strings: ['a', 'b', 'c'], post_transform: 'SOFTMAX' }),
    );
    assert.deepEqual(treeShapSupport(e), { ok: true, exactFor: 'margin', transform: 'SOFTMAX' });
    checkAgainstBruteForce(e, 112);
  });

  it('binary classifier with one score: column 0 is the negated column 1', () => {
    const forest = randomForest({ ...SPEC, targets: 1 }, mulberry32(13));
    const attrs = legacyAttributes(forest, 'class', {
      classlabels_int64s: [0, 1],
      post_transform: 'LOGISTIC',
      base_values: [0.3],
    });
    const e = parseTreeEnsemble('TreeEnsembleClassifier', attrs);
    assert.equal(e.columns.length, 2);
    checkAgainstBruteForce(e, 113);
  });

  it('opset 5 TreeEnsemble with BRANCH_MEMBER', () => {
    const forest = randomForest({ ...SPEC, member: true }, mulberry32(14));
    const e = parseTreeEnsemble('TreeEnsemble', v5Attributes(forest, { n_targets: 3, aggregate_function: 1 }));
    assert.ok(Array.from(e.mode).includes(6), 'the ensemble has a BRANCH_MEMBER node');
    checkAgainstBruteForce(e, 114);
  });

  it('weighted background (k-means cluster sizes) matches weighted brute force', () => {
    const forest = randomForest(SPEC, mulberry32(15));
    const e = parseTreeEnsemble('TreeEnsembleRegressor', legacyAttributes(forest, 'target', { n_targets: 3 }));
    checkAgainstBruteForce(e, 115, [3, 1, 0, 7, 2]);
  });

  it('the same trees written for opsets 1-3 and 5 give the same margins', () => {
    const forest = randomForest({ ...SPEC, targets: 1 }, mulberry32(16));
    const legacy = parseTreeEnsemble('TreeEnsembleRegressor', legacyAttributes(forest, 'target', { n_targets: 1 }));
    const v5 = parseTreeEnsemble('TreeEnsemble', v5Attributes(forest, { n_targets: 1 }));
    const m = randomMatrix(200, mulberry32(116));
    const a = evaluateMargin(legacy, m);
    const b = evaluateMargin(v5, m); // opset 5's leaf weights are float32 here
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-5, `${i}: ${a[i]} vs ${b[i]}`);
  });

  it('reports progress per row, stops on cancel, and refuses MIN/MAX forests', () => {
    const forest = randomForest(SPEC, mulberry32(17));
    const e = parseTreeEnsemble('TreeEnsembleRegressor', legacyAttributes(forest, 'target', { n_targets: 3 }));
    const m = randomMatrix(5, mulberry32(117));
    const seen: number[] = [];
    const r = treeShap(e, m, m, { progress: (done, total) => seen.push(done / total) });
    assert.deepEqual(seen, [0.2, 0.4, 0.6, 0.8, 1]);
    assert.equal(nestedValues(r)[4][2][1], r.values[(4 * FEATURES + 2) * 3 + 1]);
    assert.throws(() => treeShap(e, m, m, { cancel: { isCancellationRequested: true } }), CancelledError);
    const max = parseTreeEnsemble(
      'TreeEnsembleRegressor',
      legacyAttributes(forest, 'target', { n_targets: 3, aggregate_function: 'MAX' }),
    );
    assert.equal(treeShapSupport(max).ok, false);
    assert.throws(() => treeShap(max, m, m), /not additive/);
  });
});

describe('treeEnsembleFromNode', () => {
  it('reads the ONNX reader node shape, decoding tensors through the given function', () => {
    const forest = randomForest({ ...SPEC, member: true }, mulberry32(18));
    const attrs = v5Attributes(forest, { n_targets: 3 });
    const tensors = new Map<string, ArrayLike<number>>();
    const attributes: Attribute[] = Object.entries(attrs).map(([name, v]): Attribute => {
      if (typeof v === 'number') return { name, docString: '', type: 'int', value: v };
      if (Array.isArray(v)) return { name, docString: '', type: 'ints', value: v as number[] };
      const data = (ArrayBuffer.isView(v) ? v : (v as { data: ArrayLike<number> }).data) as ArrayLike<number>;
      tensors.set(name, data);
      const ref: TensorRef = {
        name,
        dataType: 1,
        dtype: 'float32',
        dims: [data.length],
        elements: data.length,
        byteSize: 0,
        storage: { kind: 'empty' },
        message: { offset: 0, length: 0 },
        docString: '',
      };
      return { name, docString: '', type: 'tensor', value: ref };
    });
    const node: Node = {
      name: 'trees',
      op: 'TreeEnsemble',
      domain: 'ai.onnx.ml',
      overload: '',
      inputs: ['X'],
      outputs: ['Y'],
      attributes,
      docString: '',
    };
    const e = treeEnsembleFromNode(node, (t) => tensors.get(t.name) ?? []);
    const direct = parseTreeEnsemble('TreeEnsemble', attrs);
    const cells = mulberry32(19);
    const m = {
      values: Float64Array.from({ length: 50 * FEATURES }, () => randomCell(cells)),
      rows: 50,
      cols: FEATURES,
    };
    assert.deepEqual(evaluateMargin(e, m), evaluateMargin(direct, m));
    assert.throws(
      () => treeEnsembleFromNode({ ...node, op: 'Gemm', domain: '' }, () => []),
      /not an ONNX-ML tree ensemble/,
    );
  });
});

describe('TreeSHAP leaf by leaf', () => {
  it('equals the pair walk on deep trees over 40 features (paths of more than 12 distinct features)', () => {
    const rng = mulberry32(77);
    const spec: RandomSpec = { trees: 5, maxDepth: 16, splitFeatures: 40, targets: 2 };
    const e = parseTreeEnsemble(
      'TreeEnsembleRegressor',
      legacyAttributes(randomForest(spec, rng), 'target', { n_targets: 2 }),
    );
    const matrix = (rows: number): FeatureMatrix => ({
      values: Float64Array.from({ length: rows * 40 }, () => randomCell(rng)),
      rows,
      cols: 40,
    });
    const index = buildLeafIndex(e)!;
    const widest = Math.max(...index.featureStart.slice(1).map((end, l) => end - index.featureStart[l]));
    assert.ok(widest > 12, `widest path ${widest}`);
    const rows = matrix(5);
    const background = matrix(30);
    const weights = Array.from({ length: 30 }, (_, i) => 1 + (i % 4));
    const leaf = treeShap(e, rows, background, { backgroundWeights: weights });
    const pair = treeShap(e, rows, background, { backgroundWeights: weights, pairWalk: true });
    let nonZero = 0;
    leaf.values.forEach((v, i) => {
      assert.ok(Math.abs(v - pair.values[i]) < 1e-9, `entry ${i}: ${v} vs ${pair.values[i]}`);
      if (Math.abs(v) > 1e-9) nonZero++;
    });
    assert.ok(nonZero > 20);
  });
});
