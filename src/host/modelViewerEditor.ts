/** Opening a .onnx file shows the model view (read-only custom editor) instead of binary. */
import * as vscode from 'vscode';
import type { WorkerClient } from './workerClient';
import type { PanelState } from '../protocol/messages';
import { ModelView } from './panels/modelView';

export const MODEL_VIEWER_TYPE = 'modelLens.modelViewer';

export class ModelViewerProvider implements vscode.CustomReadonlyEditorProvider {
  /** The newest view of each document (what the test API reports), and every open one (the panel commands). */
  private readonly views = new Map<string, ModelView>();
  private readonly all = new Set<ModelView>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly engine: WorkerClient,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const view = new ModelView(panel, this.extensionUri, this.engine, document.uri, 'graph');
    const key = document.uri.toString();
    this.views.set(key, view);
    this.all.add(view);
    panel.onDidDispose(() => {
      this.all.delete(view);
      if (this.views.get(key) === view) this.views.delete(key);
    });
  }

  stateOf(uri: vscode.Uri): PanelState | undefined {
    return this.views.get(uri.toString())?.state;
  }

  /** The Attributions session of the newest model viewer open on `uri`. */
  sessionOf(uri: vscode.Uri): ModelView['explain'] | undefined {
    return this.views.get(uri.toString())?.explain;
  }

  openViews(): ModelView[] {
    return [...this.all];
  }
}
