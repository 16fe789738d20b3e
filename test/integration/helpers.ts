import * as vscode from 'vscode';
import type { ModelLensApi } from '../../src/extension';
import type { PanelState } from '../../src/protocol/messages';

export const EXTENSION_ID = 'model-lens.model-lens';

export async function activateExtension(): Promise<ModelLensApi> {
  const ext = vscode.extensions.getExtension<ModelLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

export function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the generated test workspace open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Waits until the panel for `uri` leaves the loading state. */
export async function settledPanel(api: ModelLensApi, uri: vscode.Uri, timeoutMs = 30_000): Promise<PanelState> {
  const t0 = Date.now();
  for (;;) {
    const s = api.panelState(uri);
    if (s && s.status !== 'loading') return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`panel for ${uri.path} did not settle (state ${s?.status})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function webviewTabs(label: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.label === label);
}

/** The tab model reaches the extension host asynchronously: poll until `count` tabs show. */
export async function waitForWebviewTabs(label: string, count: number, timeoutMs = 10_000): Promise<vscode.Tab[]> {
  const t0 = Date.now();
  for (;;) {
    const tabs = webviewTabs(label);
    if (tabs.length >= count || Date.now() - t0 > timeoutMs) return tabs;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
