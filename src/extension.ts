/** Activation and wiring only. onnxruntime-node is loaded by the engine worker on first use, never here. */
import * as vscode from 'vscode';
import { WorkerClient } from './engine/runtime/workerClient';
import { resolveModelUri } from './host/commands/explainModel';
import { recentErrors } from './host/notify';
import type { PanelState } from './protocol/messages';
import { EXPLAIN_VIEW_TYPE, ExplainPanel, type PanelPersistedState } from './host/panels/explainPanel';

/** What the extension returns from activate(): used by its integration tests. */
export interface ModelLensApi {
  engine: WorkerClient;
  openPanels(): number;
  panelState(uri: vscode.Uri): PanelState | undefined;
  recentErrors(): readonly string[];
}

export function activate(context: vscode.ExtensionContext): ModelLensApi {
  const engine = new WorkerClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath, (message) => {
    void vscode.window.showWarningMessage(`Model Lens: ${message} It will be restarted on the next request.`);
  });
  context.subscriptions.push({ dispose: () => void engine.dispose() });

  context.subscriptions.push(
    vscode.commands.registerCommand('modelLens.explainModel', async (arg?: unknown) => {
      const uri = await resolveModelUri(arg);
      if (uri) ExplainPanel.show(context.extensionUri, engine, uri);
    }),
    vscode.window.registerWebviewPanelSerializer(EXPLAIN_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const uri = (state as Partial<PanelPersistedState> | undefined)?.uri;
        if (typeof uri !== 'string') {
          panel.dispose();
          return;
        }
        ExplainPanel.revive(panel, context.extensionUri, engine, vscode.Uri.parse(uri));
      },
    }),
  );
  return { engine, openPanels: () => ExplainPanel.count, panelState: (uri) => ExplainPanel.stateOf(uri), recentErrors };
}

export function deactivate(): void {
  // Subscriptions (the engine worker among them) are disposed by VS Code.
}
