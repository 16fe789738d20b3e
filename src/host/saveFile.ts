/** Saves an export from a webview through a save dialog, next to the model by default. */
import * as vscode from 'vscode';
import type { SaveFileParams } from '../protocol/messages';

const FILTERS: Record<SaveFileParams['format'], Record<string, string[]>> = {
  svg: { 'SVG image': ['svg'] },
  png: { 'PNG image': ['png'] },
  csv: { CSV: ['csv'] },
  json: { JSON: ['json'] },
  html: { 'HTML report': ['html'] },
  npy: { 'NumPy array': ['npy'] },
};

export async function saveExport(
  params: SaveFileParams,
  besideUri: vscode.Uri,
): Promise<{ saved: boolean; path?: string }> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(besideUri, '..', params.defaultName),
    filters: FILTERS[params.format],
    title: `Export ${params.format.toUpperCase()}`,
  });
  if (!target) return { saved: false };
  const bytes =
    params.base64 !== undefined ? Buffer.from(params.base64, 'base64') : Buffer.from(params.text ?? '', 'utf8');
  await vscode.workspace.fs.writeFile(target, bytes);
  return { saved: true, path: target.fsPath };
}
