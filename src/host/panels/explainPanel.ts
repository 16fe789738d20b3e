/** The Explain Model panel: one per model file, beside the editor; its work stops when it closes. */
import * as vscode from 'vscode';
import type { WorkerClient } from '../workerClient';
import type { PanelState } from '../../protocol/messages';
import { webviewOptions } from '../webviewHtml';
import { ModelView } from './modelView';

export type { PanelPersistedState } from '../../protocol/messages';
export const EXPLAIN_VIEW_TYPE = 'modelLens.explain';

const open = new Map<string, ModelView>();

function track(view: ModelView): ModelView {
  const key = view.uri.toString();
  open.set(key, view);
  view.panel.onDidDispose(() => {
    if (open.get(key) === view) open.delete(key);
  });
  return view;
}

export function showExplainPanel(extensionUri: vscode.Uri, engine: WorkerClient, uri: vscode.Uri): ModelView {
  const existing = open.get(uri.toString());
  if (existing) {
    existing.panel.reveal(existing.panel.viewColumn);
    return existing;
  }
  const fileName = uri.path.split('/').pop() ?? uri.path;
  const panel = vscode.window.createWebviewPanel(
    EXPLAIN_VIEW_TYPE,
    fileName,
    { viewColumn: besideColumn(), preserveFocus: false },
    webviewOptions(extensionUri),
  );
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
  return track(new ModelView(panel, extensionUri, engine, uri));
}

/** Beside the editor the user works in; with no editor open, the panel takes the first column. */
function besideColumn(): vscode.ViewColumn {
  return vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
}

export function reviveExplainPanel(
  panel: vscode.WebviewPanel,
  extensionUri: vscode.Uri,
  engine: WorkerClient,
  uri: vscode.Uri,
): ModelView {
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
  return track(new ModelView(panel, extensionUri, engine, uri));
}

export function openExplainPanels(): number {
  return open.size;
}

export function explainPanelState(uri: vscode.Uri): PanelState | undefined {
  return open.get(uri.toString())?.state;
}

/** The open panel's Attributions session for `uri`, if a panel is open. */
export function explainSessionOf(uri: vscode.Uri): ModelView['explain'] | undefined {
  return open.get(uri.toString())?.explain;
}

/** Every open Explain Model panel (the panel commands act on the one in front). */
export function openExplainViews(): ModelView[] {
  return [...open.values()];
}
