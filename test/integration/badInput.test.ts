import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, settledPanel, workspaceFile } from './helpers';

const cases: [string, RegExp][] = [
  ['empty.onnx', /empty\.onnx: the file is empty/],
  ['random.onnx', /random\.onnx: not a valid ONNX model/],
  ['truncated.onnx', /truncated\.onnx: not a valid ONNX model/],
  ['unknown_op.onnx', /unknown_op\.onnx: onnxruntime refused the model: .*NoSuchOperator/],
];

describe('bad input', () => {
  after(closeAllEditors);

  for (const [file, expected] of cases) {
    it(`${file}: a clear message in the panel and a notification naming the file`, async () => {
      const api = await activateExtension();
      const uri = workspaceFile('bad', file);
      const before = api.recentErrors().length;
      await vscode.commands.executeCommand('modelLens.explainModel', uri);
      const state = await settledPanel(api, uri);
      assert.equal(state.status, 'error');
      if (state.status !== 'error') return;
      assert.match(state.message, expected);
      assert.doesNotMatch(state.message, /\n\s+at /, 'no stack trace');
      const notes = api.recentErrors().slice(before);
      assert.ok(
        notes.some((m) => m === state.message),
        `notification shown: ${JSON.stringify(notes)}`,
      );
    });
  }

  it('a model with a non-tensor (ZipMap) output loads, says so, and runs its tensor outputs', async () => {
    const api = await activateExtension();
    const uri = workspaceFile('models', 'rf_iris_zipmap.onnx');
    await vscode.commands.executeCommand('modelLens.explainModel', uri);
    const state = await settledPanel(api, uri);
    assert.equal(state.status, 'ready', state.status === 'error' ? state.message : '');
    if (state.status !== 'ready') return;
    assert.match(state.model.notes.join(' '), /'probabilities' is not a tensor/);
    const loaded = await api.engine.rpc().request('model/load', { path: uri.fsPath });
    const run = await api.engine
      .rpc()
      .request('model/runOnce', { modelId: loaded.modelId, sample: { defaultDimSize: 2 }, previewValues: 8 });
    assert.deepEqual(
      run.outputs.map((o) => o.name),
      ['label'],
    );
    assert.deepEqual(run.skipped, ['probabilities']);
    assert.ok(
      run.outputs[0].preview.every((v) => [0, 1, 2].includes(v as number)),
      'iris labels are class ids',
    );
  });

  it('keeps working after every bad file: the next command succeeds', async () => {
    const api = await activateExtension();
    const uri = workspaceFile('models', 'gb_breast_cancer.onnx');
    await vscode.commands.executeCommand('modelLens.explainModel', uri);
    const state = await settledPanel(api, uri);
    assert.equal(state.status, 'ready');
  });

  it('replaces a dead engine worker and loads again', async () => {
    const api = await activateExtension();
    const generation = api.engine.currentGeneration;
    await api.engine.restart('test: simulated crash');
    const pong = await api.engine.rpc().request('engine/ping', { echo: 'again' });
    assert.equal(pong.echo, 'again');
    assert.equal(api.engine.currentGeneration, generation + 1);
  });
});
