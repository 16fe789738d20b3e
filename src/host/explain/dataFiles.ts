/** The workspace's data files for the Attributions tab: listed for the form, picked with a quick pick or Browse... */
import path from 'node:path';
import * as vscode from 'vscode';
import { isDataFile, relativeToModel } from './paths';

const DATA_GLOB = '**/*.{csv,tsv,json,npy}';
const NOT_DATA = '**/{node_modules,.git,.vscode-test,dist,out}/**';

async function workspaceDataFiles(limit: number): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(DATA_GLOB, NOT_DATA, limit);
  return found.filter((u) => isDataFile(u.fsPath)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** Data files relative to the model's folder, as the form and the sidecar write them. */
export async function listDataFiles(modelDir: string): Promise<string[]> {
  return (await workspaceDataFiles(200)).map((u) => relativeToModel(u.fsPath, modelDir));
}

/** A quick pick of the workspace's data files, with Browse... for any other; the choice relative to the model's folder. */
export async function pickDataFile(modelDir: string, purpose: 'data' | 'background'): Promise<string | undefined> {
  const files = await workspaceDataFiles(500);
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = files.map((u) => ({
    label: path.basename(u.fsPath),
    description: vscode.workspace.asRelativePath(u),
    uri: u,
  }));
  items.push({ label: '$(folder-opened) Browse...', description: 'any CSV, TSV, JSON or NPY file' });
  const choice = await vscode.window.showQuickPick(items, {
    title: purpose === 'data' ? 'Data to explain' : 'Background data',
    placeHolder: 'CSV or TSV with a header, JSON rows, or .npy',
    matchOnDescription: true,
  });
  if (!choice) return undefined;
  const uri =
    choice.uri ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        defaultUri: vscode.Uri.file(modelDir),
        filters: { Data: ['csv', 'tsv', 'txt', 'json', 'npy'] },
        title: purpose === 'data' ? 'Data to explain' : 'Background data',
      })
    )?.[0];
  return uri ? relativeToModel(uri.fsPath, modelDir) : undefined;
}
