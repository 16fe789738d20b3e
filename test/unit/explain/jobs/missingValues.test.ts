// Missing values (empty, null, NaN cells): accepted where the model handles them (a tree ensemble, an
// Imputer), refused with the row and column otherwise; the setting (auto | reject | allow) decides.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../../src/cli';
import { cliEnvironment } from '../../../../src/cli/jobEnv';
import { loadTable } from '../../../../src/engine/data/loadTable';
import { runExplainJob } from '../../../../src/engine/commands/explainJob';
import { DataType } from '../../../../src/engine/onnx/schema';
import type { ExplainSettings } from '../../../../src/protocol/explainTypes';
import { writeNpy } from '../../data/npyWriter';
import { encodeModel, graph, node, valueInfo, writeGenerated } from '../../onnx/build';
import { regressorNode, TREE_A, writeTreeModel } from '../tree/buildTrees';

const quiet = { stdout: () => undefined, stderr: () => undefined };

async function explain(model: string, settings: ExplainSettings) {
  const env = cliEnvironment(quiet, false);
  try {
    return await runExplainJob(env, model, settings);
  } finally {
    await env.close();
  }
}

/** y = x[:, 0] + 2 x[:, 1], after `pre` (none, or an Imputer). */
function linearModel(file: string, imputer: boolean): string {
  const nodes = imputer
    ? [
        node(
          'Imputer',
          ['x'],
          ['xi'],
          { imputed_value_floats: { floats: [0.5, 0.25] }, replaced_value_float: NaN },
          'impute',
          'ai.onnx.ml',
        ),
      ]
    : [node('Identity', ['x'], ['xi'])];
  const g = graph({
    nodes: [...nodes, node('MatMul', ['xi', 'w'], ['y'])],
    inputs: [valueInfo('x', DataType.FLOAT, ['batch', 2])],
    outputs: [valueInfo('y', DataType.FLOAT, ['batch', 1])],
    initializers: [{ name: 'w', dims: [2, 1], data_type: DataType.FLOAT, float_data: [1, 2] }],
  });
  return writeGenerated(file, encodeModel(g, { '': 17, 'ai.onnx.ml': 3 }));
}

describe('missing values', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lens-missing-'));
  const csv = path.join(dir, 'gaps.csv');
  // Row 3 of the file (the header is line 1) has an empty b.
  writeFileSync(csv, 'a,b\n0.1,0.9\n0.2,\n0.3,0.2\n0.9,0.6\n');
  const base = { data: csv, rows: '0-3', backgroundSize: 4 };
  const linear = linearModel('linear_no_imputer.onnx', false);
  const imputed = linearModel('linear_imputer.onnx', true);
  const tree = writeTreeModel('tree_for_missing.onnx', [regressorNode('x', 'y', [TREE_A])], [['y', DataType.FLOAT]]);

  it('loaders read empty, null and NaN cells as NaN only when told to, and refuse them otherwise', () => {
    assert.throws(() => loadTable('a,b\n1,\n', 'g.csv'), /g\.csv: row 2, column "b" \(2\): is empty/);
    const table = (data: string | Uint8Array, name: string) =>
      Array.from(loadTable(data, name, { allowMissing: true }).values);
    assert.deepEqual(table('a,b\n1,\n2,nan\n3,4\n', 'g.csv'), [1, NaN, 2, NaN, 3, 4]);
    assert.deepEqual(table('[[1, null], [2, 3]]', 'g.json'), [1, NaN, 2, 3]);
    assert.deepEqual(table(writeNpy([1, NaN], [1, 2], '<f8'), 'g.npy'), [1, NaN]);
    // Infinity is not a missing value.
    assert.throws(() => loadTable('a\ninf\n', 'h.csv', { allowMissing: true }), /not a finite number/);
  });

  it('auto refuses them for a model that does not handle them, naming the file, row and column', async () => {
    await assert.rejects(
      explain(linear, { ...base, method: 'exact' }),
      /gaps\.csv: row 3, column "b" \(2\): is empty or NaN, and linear_no_imputer\.onnx has no tree ensemble or Imputer to handle missing values; fill the cell, or set modelLens\.missingValues \(--missing\) to allow/,
    );
  });

  it('auto accepts them for a graph with an Imputer: the row is explained at its imputed value', async () => {
    const { attribution: a } = await explain(imputed, { ...base, method: 'exact' });
    assert.ok(Number.isNaN(a.feature_values[1][1]));
    assert.ok(Math.abs(a.predictions[1][0] - (0.2 + 2 * 0.25)) < 1e-6);
    a.values.forEach((v, r) => assert.ok(Math.abs(v[0][0] + v[1][0] + a.base_values[0] - a.predictions[r][0]) < 1e-5));
  });

  it('auto accepts them for a tree ensemble: TreeSHAP and onnxruntime agree on the row with a gap', async () => {
    const t = await explain(tree, { ...base, method: 'tree' });
    const ort = await explain(tree, { ...base, method: 'exact' });
    assert.deepEqual(t.attribution.predictions, ort.attribution.predictions);
    t.attribution.values.forEach((v, r) =>
      v.forEach((f, i) => assert.ok(Math.abs(f[0] - ort.attribution.values[r][i][0]) < 1e-5, `row ${r}`)),
    );
  });

  it('reject refuses them even for a tree ensemble; allow passes them to any model', async () => {
    await assert.rejects(
      explain(tree, { ...base, method: 'tree', missingValues: 'reject' }),
      /row 3, column "b" \(2\): is empty or NaN, and missing values are set to be refused/,
    );
    const { attribution: a } = await explain(linear, { ...base, rows: '0', method: 'exact', missingValues: 'allow' });
    assert.equal(a.values.length, 1);
  });

  it('the CLI takes --missing and checks its value', async () => {
    let err = '';
    const io = { stdout: () => undefined, stderr: (s: string) => (err += s) };
    const refused = await main(['explain', tree, '--data', csv, '--missing', 'reject', '--method', 'tree'], io);
    assert.notEqual(refused, 0);
    assert.match(err, /set to be refused/);
    err = '';
    assert.notEqual(await main(['explain', tree, '--data', csv, '--missing', 'sometimes'], io), 0);
    assert.match(err, /--missing must be one of auto, reject, allow/);
    assert.equal(await main(['explain', linear, '--data', csv, '--missing', 'allow', '--rows', '0'], quiet), 0);
  });
});
