/** The workspace's data files for the Attributions tab: listed for the form, picked with a quick pick or Browse... */
import path from 'node:path';
import * as vscode from 'vscode';
import { dataChoices, isDataFile, relativeToModel } from './paths';

const DATA_GLOB = '**/*.{csv,tsv,json,jsonl,txt,npy,png,jpg,jpeg,wav}';
const NOT_DATA = '**/{node_modules,.git,.vscode-test,dist,out}/**';

async function workspaceDataFiles(limit: number): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(DATA_GLOB, NOT_DATA, limit);
  return found.filter((u) => isDataFile(u.fsPath)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** Data files relative to the model's folder, as the form and the sidecar write them. */
export async function listDataFiles(modelDir: string): Promise<string[]> {
  return dataChoices((await workspaceDataFiles(400)).map((u) => relativeToModel(u.fsPath, modelDir))).slice(0, 300);
}

/** A quick pick of the workspace's data files, with Browse... for any other; the choice relative to the model's folder. */
export async function pickDataFile(modelDir: string, purpose: 'data' | 'background'): Promise<string | undefined> {
  const files = await workspaceDataFiles(500);
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const folders = dataChoices(files.map((u) => u.fsPath.split(path.sep).join('/'))).filter((f) => f.endsWith('/'));
  const items: Item[] = [
    ...folders.map((f) => {
      const uri = vscode.Uri.file(f);
      return { label: `$(folder) ${path.basename(f)}/`, description: vscode.workspace.asRelativePath(uri), uri };
    }),
    ...files.map((u) => ({
      label: path.basename(u.fsPath),
      description: vscode.workspace.asRelativePath(u),
      uri: u,
    })),
  ];
  items.push({ label: '$(folder-opened) Browse for a folder of images...', description: 'PNG and JPEG files' });
  items.push({
    label: '$(folder-opened) Browse...',
    description: 'any CSV, TSV, JSON, NPY, image, text (.txt, .jsonl) or WAV file, or a folder of images',
  });
  const choice = await vscode.window.showQuickPick(items, {
    title: purpose === 'data' ? 'Data to explain' : 'Background data',
    placeHolder: 'CSV or TSV with a header, JSON rows, .npy, images (PNG, JPEG, a folder), texts or WAV',
    matchOnDescription: true,
  });
  if (!choice) return undefined;
  const uri =
    choice.uri ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        // Windows and Linux dialogs pick files or folders, not both: a second Browse item picks a folder.
        canSelectFolders: choice.label.includes('folder of images'),
        canSelectFiles: !choice.label.includes('folder of images'),
        defaultUri: vscode.Uri.file(modelDir),
        filters: { Data: ['csv', 'tsv', 'txt', 'jsonl', 'json', 'npy', 'png', 'jpg', 'jpeg', 'wav'] },
        title: purpose === 'data' ? 'Data to explain' : 'Background data',
      })
    )?.[0];
  return uri ? relativeToModel(uri.fsPath, modelDir) : undefined;
}
