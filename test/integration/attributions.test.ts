import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, settledPanel, workspaceFile } from './helpers';

describe('Attributions through the panel host (real extension host and engine worker)', () => {
  afterEach(closeAllEditors);

  it('runs on the data, remembers the choices in the sidecar, caches the result, and reports bad data by row and column', async () => {
    const api = await activateExtension();
    const model = workspaceFile('models', 'gbr100_depth6.onnx');
    const sidecar = workspaceFile('models', 'gbr100_depth6.onnx.lens.json');
    await vscode.workspace.fs.delete(sidecar).then(
      () => undefined,
      () => undefined,
    );
    await vscode.commands.executeCommand('modelLens.explainModel', model);
    await settledPanel(api, model);
    const session = api.explainSession(model);
    assert.ok(session, 'the panel has an Attributions session');
    const options = await session.options();
    assert.ok(options.dataFiles.includes('../data/diabetes.csv'), options.dataFiles.join(', '));
    assert.equal(options.sidecar.exists, false);

    const choices = { method: 'auto' as const, data: '../data/diabetes.csv', rows: '0-4', seed: 0, backgroundSize: 50 };
    const plan = await session.plan(choices);
    assert.equal(plan.method, 'tree');
    const outcome = await session.run(choices);
    assert.equal(outcome.attribution.method, 'tree');
    assert.deepEqual(outcome.attribution.rows, [0, 1, 2, 3, 4]);
    outcome.attribution.values.forEach((row, r) => {
      const sum = row.reduce((s, v) => s + v[0], 0);
      const target = outcome.attribution.predictions[r][0] - outcome.attribution.base_values[0];
      assert.ok(Math.abs(sum - target) < 1e-6 * Math.max(1, Math.abs(target)));
    });
    const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecar)));
    assert.deepEqual(
      { data: written.data, rows: written.rows, method: written.method, version: written.version },
      { data: '../data/diabetes.csv', rows: '0-4', method: 'auto', version: 1 },
    );
    // The same choices again come from the cache: the sidecar's choices, the same numbers.
    const again = await session.options();
    assert.deepEqual(again.cached?.attribution.values, outcome.attribution.values);

    await assert.rejects(
      session.run({ ...choices, data: '../data/wine_bad.csv' }),
      /wine_bad\.csv: row 3, column "alcohol" \(1\): "abc" is not a number/,
    );
  });
});
