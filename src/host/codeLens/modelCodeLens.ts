/** CodeLens "Explain Model | View Graph" above source lines that name an existing .onnx file. */
import * as vscode from 'vscode';
import { findModelRefs, type ModelRef } from './modelRefs';

/** The model file a reference names: relative to the document, then to each workspace folder. */
export async function resolveModelRef(document: vscode.TextDocument, ref: ModelRef): Promise<vscode.Uri | undefined> {
  const p = ref.path.replace(/\\/g, '/');
  const candidates: vscode.Uri[] = [];
  if (p.startsWith('/') || /^[a-z]:\//i.test(p)) candidates.push(vscode.Uri.file(p));
  else {
    if (document.uri.scheme === 'file') candidates.push(vscode.Uri.joinPath(document.uri, '..', p));
    for (const folder of vscode.workspace.workspaceFolders ?? []) candidates.push(vscode.Uri.joinPath(folder.uri, p));
  }
  for (const uri of candidates) {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.File) return uri;
    } catch {
      // not there; try the next place
    }
  }
  return undefined;
}

export class ModelCodeLensProvider implements vscode.CodeLensProvider {
  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (document.uri.path.toLowerCase().endsWith('.onnx')) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const ref of findModelRefs(document.getText())) {
      if (token.isCancellationRequested) return [];
      const uri = await resolveModelRef(document, ref);
      if (!uri) continue;
      const range = new vscode.Range(ref.line, ref.start, ref.line, ref.end);
      lenses.push(
        new vscode.CodeLens(range, { title: 'Explain Model', command: 'modelLens.explainModel', arguments: [uri] }),
        new vscode.CodeLens(range, { title: 'View Graph', command: 'modelLens.viewGraph', arguments: [uri] }),
      );
    }
    return lenses;
  }
}
