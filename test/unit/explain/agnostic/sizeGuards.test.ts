// Every method estimates what it will allocate and refuses, naming the limit and what to change,
// before it allocates: never an allocation crash part-way.

import assert from 'node:assert/strict';
import { functionModel } from '../../../../src/engine/explain/batchModel';
import { BatchEvaluator } from '../../../../src/engine/explain/evaluator';
import { explainRows } from '../../../../src/engine/explain/explainRows';
import { permutationImportance } from '../../../../src/engine/explain/global/importance';
import { partialDependence } from '../../../../src/engine/explain/global/partialDependence';
import { limeTabular } from '../../../../src/engine/explain/lime/lime';
import {
  ALLOCATION_LIMIT,
  ensureFits,
  formatBytes,
  kernelSize,
  SizeLimitError,
} from '../../../../src/engine/explain/limits';
import { seededRandom } from '../../../../src/engine/explain/random';
import { singleFeatureGroups, valueFunction } from '../../../../src/engine/explain/shapley/coalitionValues';
import { exactExplainer } from '../../../../src/engine/explain/shapley/exact';
import { kernelExplainer } from '../../../../src/engine/explain/shapley/kernel';
import { permutationExplainer } from '../../../../src/engine/explain/shapley/permutation';
import { parseTreeEnsemble } from '../../../../src/engine/explain/tree/parse';
import { treeShap } from '../../../../src/engine/explain/tree/treeShap';
import { legacyAttributes, randomCell, randomForest } from '../tree/randomEnsembles';

const LIMIT = formatBytes(ALLOCATION_LIMIT);

/** A model that must never be called: the guards come first. */
const never = (features: number) =>
  functionModel(features, 1, () => {
    throw new Error('the model was called before the size check');
  });

describe('size guards', () => {
  it('formats the limit and the need, and passes what fits', () => {
    assert.equal(LIMIT, '512 MB');
    assert.doesNotThrow(() => kernelSize(100, 2248).forEach((e) => ensureFits(e)));
  });

  it('kernel: 30,000 features refuse before any mask is drawn, naming the limit and --samples', () => {
    assert.throws(
      () => kernelExplainer(30000, seededRandom(1), { budget: 62048 }),
      (e: Error) =>
        e instanceof SizeLimitError &&
        /^kernel with 30,000 features and 62,048 coalitions needs 6\.9 GB; the limit is 512 MB: set --samples lower or explain fewer features$/.test(
          e.message,
        ),
    );
    // Few coalitions but a normal matrix of (M-1)^2 doubles.
    assert.throws(
      () => kernelExplainer(20000, seededRandom(1), { budget: 10 }),
      /normal equations 3\.0 GB; the limit is 512 MB: explain fewer features/,
    );
  });

  it('exact: 2^M masks are estimated first', () => {
    assert.throws(
      () => exactExplainer(26, 40),
      /exact with 26 features \(2\^26 coalitions\) needs 2\.1 GB; the limit is 512 MB: use kernel or permutation/,
    );
  });

  it('permutation: orders x inner coalitions x features', () => {
    assert.throws(
      () => permutationExplainer(3000, seededRandom(1)),
      /permutation with 3,000 features and 30,000 permutations needs .* GB; the limit is 512 MB: set --samples lower/,
    );
  });

  it('explainRows refuses before calling the model', async () => {
    const m = 25000;
    await assert.rejects(
      explainRows({
        model: never(m),
        method: 'kernel',
        outputName: 'y',
        columnNames: ['y'],
        featureNames: Array.from({ length: m }, (_, i) => `f${i}`),
        rows: { values: new Float64Array(m), rows: 1, cols: m },
        rowIndices: [0],
        background: { values: new Float64Array(m), rows: 1 },
      }),
      SizeLimitError,
    );
  });

  it("coalition rows: one coalition's block over the background", () => {
    const d = 20000;
    const evaluator = new BatchEvaluator(never(d));
    // The background's values are never read: the estimate comes first.
    const background = { values: new Float64Array(0), rows: 5000 };
    assert.throws(
      () => valueFunction(evaluator, background, singleFeatureGroups(d), 'identity'),
      /one coalition over 5,000 background rows of 20,000 elements needs 1\.1 GB; the limit is 512 MB: set the background size lower/,
    );
  });

  it('LIME: samples x width', async () => {
    const d = 2000;
    await assert.rejects(
      limeTabular(new BatchEvaluator(never(d)), [], new Float64Array(d), {
        columns: [],
        samples: 100000,
        random: seededRandom(1),
      }),
      /LIME with 100,000 samples of 2,000 elements needs 1\.5 GB; the limit is 512 MB: set --samples lower/,
    );
  });

  it('permutation importance: features x repeats x rows', async () => {
    const data = { values: new Float64Array(0), rows: 1_000_000, cols: 50 };
    await assert.rejects(
      permutationImportance(new BatchEvaluator(never(50)), data, new Float64Array(0), 'rmse', 5, seededRandom(1)),
      /permutation importance of 50 features over 1,000,000 rows and 5 repeats needs 2\.8 GB; the limit is 512 MB: use fewer rows or repeats/,
    );
  });

  it('partial dependence: grid x rows', async () => {
    const data = { values: new Float64Array(0), rows: 2_000_000, cols: 3 };
    await assert.rejects(
      partialDependence(new BatchEvaluator(never(3)), data, 0, new Float64Array(20)),
      /partial dependence over 2,000,000 rows and 20 grid points needs 610 MB; the limit is 512 MB: set fewer rows/,
    );
  });

  it('TreeSHAP: leaf tables over their limit fall back to the pair walk, with the same values and a note naming the limit', () => {
    const rng = seededRandom(7);
    const e = parseTreeEnsemble(
      'TreeEnsembleRegressor',
      legacyAttributes(randomForest({ trees: 6, maxDepth: 6, splitFeatures: 8, targets: 1 }, rng), 'target', {
        n_targets: 1,
      }),
    );
    const matrix = (rows: number) => ({
      values: Float64Array.from({ length: rows * 8 }, () => randomCell(rng)),
      rows,
      cols: 8,
    });
    const rows = matrix(4);
    const background = matrix(20);
    const tables = treeShap(e, rows, background);
    assert.equal(tables.note, undefined);
    const capped = treeShap(e, rows, background, { leafTableLimit: 1024 });
    assert.match(
      capped.note!,
      /leaf tables for \d+ leaves would take \d+ KB, over the limit of 1 KB: each row was walked/,
    );
    tables.values.forEach((v, i) => assert.ok(Math.abs(v - capped.values[i]) < 1e-9));
  });
});
