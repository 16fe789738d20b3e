/** "Compare Selected Models" (two .onnx files selected in the Explorer) and "Compare with..." (from a model's panel). */
import * as vscode from 'vscode';
import type { WorkerClient } from '../workerClient';
import type { ModelView } from '../panels/modelView';
import { activeModelView } from '../panels/panelCommands';
import { ComparePanel } from './comparePanel';

const isModel = (u: unknown): u is vscode.Uri => u instanceof vscode.Uri && u.path.toLowerCase().endsWith('.onnx');

/** The two models of an Explorer selection: VS Code passes the clicked file and every selected one. */
export function selectedPair(clicked: unknown, selected: unknown): [vscode.Uri, vscode.Uri] | undefined {
  const list = Array.isArray(selected) ? selected.filter(isModel) : isModel(clicked) ? [clicked] : [];
  return list.length === 2 ? [list[0], list[1]] : undefined;
}

async function pickModel(title: string, except?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles('**/*.onnx', '**/node_modules/**', 2000))
    .filter((u) => u.toString() !== except?.toString())
    .sort((x, y) => x.path.localeCompare(y.path));
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Model Lens: no other .onnx file in this workspace to compare with.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title, placeHolder: 'Choose the ONNX model to compare with', matchOnDescription: true },
  );
  return picked?.uri;
}

export function registerCompareCommands(
  extensionUri: vscode.Uri,
  engine: WorkerClient,
  openViews: () => ModelView[],
): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('modelLens.compareModels', async (clicked?: unknown, selected?: unknown) => {
      let pair = selectedPair(clicked, selected);
      if (!pair) {
        const a = isModel(clicked) ? clicked : await pickModel('Compare Models: the first model');
        const b = a && (await pickModel(`Compare ${a.path.split('/').pop()} with...`, a));
        if (!a || !b) return;
        pair = [a, b];
      }
      ComparePanel.show(extensionUri, engine, pair[0], pair[1]);
    }),
    vscode.commands.registerCommand('modelLens.compareWith', async (arg?: unknown) => {
      const views = openViews();
      const front = activeModelView(views);
      const a = isModel(arg) ? arg : front !== undefined ? views[front].uri : undefined;
      if (!a) {
        void vscode.window.showInformationMessage('Model Lens: open a model first, then compare it with another.');
        return;
      }
      const b = await pickModel(`Compare ${a.path.split('/').pop()} with...`, a);
      if (b) ComparePanel.show(extensionUri, engine, a, b);
    }),
  );
}
