import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

const ortLoaded = () => Object.keys(require.cache).some((k) => k.includes('onnxruntime'));

describe('activation', () => {
  it('activates without loading onnxruntime-node in the extension host', async () => {
    const api = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.equal(ortLoaded(), false, 'onnxruntime-node must only be loaded by the engine worker');
    assert.equal(api.engine.isRunning, false, 'the engine worker starts on first use, not at activation');
  });

  it('registers the Explain Model command', async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('modelLens.explainModel'));
  });

  it('contributes the command to the Explorer context menu and editor title for .onnx files', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { menus: Record<string, { command: string; when: string }[]> };
      extensionKind: string[];
    };
    for (const menu of ['explorer/context', 'editor/title']) {
      const item = pkg.contributes.menus[menu].find((m) => m.command === 'modelLens.explainModel');
      assert.equal(item?.when, 'resourceExtname == .onnx', menu);
    }
    assert.deepEqual(pkg.extensionKind, ['workspace']);
  });
});
