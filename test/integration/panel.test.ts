import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  settledPanel,
  waitForWebviewTabs,
  webviewTabs,
  workspaceFile,
} from './helpers';

describe('Explain Model panel', () => {
  afterEach(closeAllEditors);

  it('opens beside the active editor, titled with the file name, showing inputs and outputs', async () => {
    const api = await activateExtension();
    await vscode.window.showTextDocument(workspaceFile('README.md'), { viewColumn: vscode.ViewColumn.One });
    const model = workspaceFile('models', 'mlp_diabetes.onnx');
    await vscode.commands.executeCommand('modelLens.explainModel', model);
    const state = await settledPanel(api, model);
    assert.equal(state.status, 'ready', state.status === 'error' ? state.message : '');
    if (state.status !== 'ready') return;
    assert.deepEqual(
      state.model.inputs.map((i) => [i.name, i.elementType, i.shape]),
      [['input', 'float32', ['batch', 10]]],
    );
    assert.deepEqual(
      state.model.outputs.map((o) => [o.name, o.elementType, o.shape]),
      [['logits', 'float32', ['batch', 2]]],
    );
    const tabs = await waitForWebviewTabs('mlp_diabetes.onnx', 1);
    assert.equal(tabs.length, 1);
    assert.equal(tabs[0].group.viewColumn, vscode.ViewColumn.Two, 'the panel opens beside the editor');
  });

  it('shows the same panel again instead of a second one', async () => {
    const api = await activateExtension();
    const model = workspaceFile('models', 'lr_wine.onnx');
    await vscode.commands.executeCommand('modelLens.explainModel', model);
    await vscode.commands.executeCommand('modelLens.explainModel', model);
    await settledPanel(api, model);
    await waitForWebviewTabs('lr_wine.onnx', 1);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(webviewTabs('lr_wine.onnx').length, 1);
  });

  it('round-trips host <-> engine worker: load and run a real model on onnxruntime', async () => {
    const api = await activateExtension();
    const rpc = api.engine.rpc();
    const pong = await rpc.request('engine/ping', { echo: 'hello' });
    assert.equal(pong.echo, 'hello');
    assert.notEqual(pong.threadId, 0, 'the engine runs in a worker thread, not on the host thread');
    const loaded = await rpc.request('model/load', { path: workspaceFile('models', 'cnn_digits28.onnx').fsPath });
    assert.deepEqual(loaded.inputs[0].shape, ['batch', 1, 28, 28]);
    const result = await rpc.request('model/runOnce', {
      modelId: loaded.modelId,
      sample: { defaultDimSize: 3 },
      previewValues: 5,
    });
    assert.deepEqual(result.outputs[0].dims, [3, 10]);
    assert.equal(result.outputs[0].total, 30);
    assert.equal(result.outputs[0].preview.length, 5);
    assert.ok(result.outputs[0].preview.every((v) => typeof v === 'number' && Number.isFinite(v)));
    await rpc.request('model/unload', { modelId: loaded.modelId });
  });

  it('loads and runs a third-party model with three inputs and nested If subgraphs (Silero VAD)', async () => {
    const api = await activateExtension();
    const model = workspaceFile('models', 'silero_vad.onnx');
    await vscode.commands.executeCommand('modelLens.explainModel', model);
    const state = await settledPanel(api, model);
    assert.equal(state.status, 'ready', state.status === 'error' ? state.message : '');
    if (state.status !== 'ready') return;
    assert.equal(state.model.inputs.length, 3);
    const rpc = api.engine.rpc();
    const loaded = await rpc.request('model/load', { path: model.fsPath });
    // Free dims unnamed in the file are keyed input[axis]; the sample rate must be one the model knows.
    const sample = { defaultDimSize: 1, dimSizes: { 'input[1]': 512 }, fill: { sr: 16000 } };
    const result = await rpc.request('model/runOnce', { modelId: loaded.modelId, sample, previewValues: 4 });
    assert.deepEqual(
      result.outputs.map((o) => [o.name, o.dims]),
      [
        ['output', [1, 1]],
        ['stateN', [2, 1, 128]],
      ],
    );
    const p = result.outputs[0].preview[0] as number;
    assert.ok(p >= 0 && p <= 1, `speech probability in [0, 1]: ${p}`);
    await rpc.request('model/unload', { modelId: loaded.modelId });
  });
});

describe('Explain Model from the Command Palette', () => {
  afterEach(closeAllEditors);

  it("offers a quick pick of the workspace's .onnx files and opens the chosen one", async () => {
    const api = await activateExtension();
    const running = vscode.commands.executeCommand('modelLens.explainModel');
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await running;
    assert.equal(api.openPanels(), 0, 'dismissing the pick opens nothing');

    const again = vscode.commands.executeCommand('modelLens.explainModel');
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await again;
    const first = workspaceFile('bad', 'empty.onnx');
    const state = await settledPanel(api, first);
    assert.equal(state.fileName, 'empty.onnx', 'the first pick, sorted by path, is bad/empty.onnx');
  });
});

describe('Model viewer (custom editor)', () => {
  afterEach(closeAllEditors);

  it('opening a .onnx file shows the model view instead of binary', async () => {
    const api = await activateExtension();
    const model = workspaceFile('models', 'lr_wine.onnx');
    await vscode.commands.executeCommand('vscode.open', model);
    const t0 = Date.now();
    while (!api.editorState(model) || api.editorState(model)?.status === 'loading') {
      if (Date.now() - t0 > 30_000) throw new Error('the model viewer did not open');
      await new Promise((r) => setTimeout(r, 50));
    }
    const state = api.editorState(model);
    assert.equal(state?.status, 'ready');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom);
    assert.equal((tab.input as vscode.TabInputCustom).viewType, 'modelLens.modelViewer');
  });
});
