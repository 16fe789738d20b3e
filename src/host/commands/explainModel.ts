import * as vscode from 'vscode';

/** The model to explain: the clicked file, the active .onnx editor, or one picked from the workspace. */
export async function resolveModelUri(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document.uri ?? activeTabUri();
  if (!arg && active && active.path.toLowerCase().endsWith('.onnx')) return active;
  const files = await vscode.workspace.findFiles('**/*.onnx', '**/node_modules/**', 2000);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Model Lens: no .onnx files in this workspace.');
    return undefined;
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Explain Model', placeHolder: 'Choose an ONNX model to explain', matchOnDescription: true },
  );
  return picked?.uri;
}

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input && typeof input === 'object' && 'uri' in input && input.uri instanceof vscode.Uri) return input.uri;
  return undefined;
}
