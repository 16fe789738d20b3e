/** The Explain Model panel: one per model file, beside the editor; its work stops when it closes. */
import * as vscode from 'vscode';
import { RpcEndpoint, errorMessage } from '../../protocol/endpoint';
import type { LoadedModel, PanelNotifications, PanelRequests, PanelState } from '../../protocol/messages';
export type { PanelPersistedState } from '../../protocol/messages';
import { validatePanelMessage } from '../../protocol/validate';
import type { WorkerClient } from '../../engine/runtime/workerClient';
import { readConfig } from '../config';
import { Disposable } from '../disposable';
import { notifyError } from '../notify';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { webviewTransport } from '../webviewTransport';

export const EXPLAIN_VIEW_TYPE = 'modelLens.explain';

type PanelEndpoint = RpcEndpoint<PanelRequests, Record<string, never>, Record<string, never>, PanelNotifications>;

export class ExplainPanel extends Disposable {
  private static readonly open = new Map<string, ExplainPanel>();

  private readonly endpoint: PanelEndpoint;
  private state: PanelState;
  private model: { loaded: LoadedModel; generation: number } | undefined;
  private loading: Promise<LoadedModel> | undefined;
  private readonly fileName: string;

  static show(extensionUri: vscode.Uri, engine: WorkerClient, uri: vscode.Uri): ExplainPanel {
    const existing = ExplainPanel.open.get(uri.toString());
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside);
      return existing;
    }
    const fileName = uri.path.split('/').pop() ?? uri.path;
    const panel = vscode.window.createWebviewPanel(
      EXPLAIN_VIEW_TYPE,
      fileName,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(extensionUri),
    );
    return new ExplainPanel(panel, extensionUri, engine, uri);
  }

  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    engine: WorkerClient,
    uri: vscode.Uri,
  ): ExplainPanel {
    panel.webview.options = webviewOptions(extensionUri);
    return new ExplainPanel(panel, extensionUri, engine, uri);
  }

  static get count(): number {
    return ExplainPanel.open.size;
  }

  static stateOf(uri: vscode.Uri): PanelState | undefined {
    return ExplainPanel.open.get(uri.toString())?.state;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly engine: WorkerClient,
    readonly uri: vscode.Uri,
  ) {
    super();
    this.fileName = uri.path.split('/').pop() ?? uri.path;
    ExplainPanel.open.set(uri.toString(), this);
    this.state = { status: 'loading', uri: uri.toString(), fileName: this.fileName };
    panel.title = this.fileName;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    this.endpoint = this._register(
      new RpcEndpoint(webviewTransport(panel.webview), validatePanelMessage) as PanelEndpoint,
    );
    this.endpoint.handle('panel/ready', () => {
      this.endpoint.notify('panel/state', this.state);
    });
    this.endpoint.handle('panel/runOnce', async () => {
      const loaded = await this.ensureLoaded();
      const cfg = readConfig(this.uri);
      try {
        return await this.engine.rpc().request('model/runOnce', {
          modelId: loaded.modelId,
          symbolicDimSize: cfg.symbolicDimSize,
          previewValues: cfg.previewValues,
        });
      } catch (e) {
        notifyError(errorMessage(e));
        throw e;
      }
    });
    this._register(panel.onDidDispose(() => this.dispose()));
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'explain', this.fileName);
    void this.load();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    ExplainPanel.open.delete(this.uri.toString());
    const model = this.model;
    if (model && model.generation === this.engine.currentGeneration && this.engine.isRunning) {
      this.engine
        .rpc()
        .request('model/unload', { modelId: model.loaded.modelId })
        .catch(() => undefined);
    }
    super.dispose();
    this.panel.dispose();
  }

  private async load(): Promise<void> {
    try {
      const loaded = await this.ensureLoaded();
      this.setState({ status: 'ready', uri: this.uri.toString(), fileName: this.fileName, model: loaded });
    } catch (e) {
      const message = errorMessage(e);
      this.setState({ status: 'error', uri: this.uri.toString(), fileName: this.fileName, message });
      if (!this.isDisposed) notifyError(message);
    }
  }

  /** Loads (again, if the worker was replaced since) the model in the engine worker. */
  private ensureLoaded(): Promise<LoadedModel> {
    if (this.model && this.model.generation === this.engine.currentGeneration && this.engine.isRunning) {
      return Promise.resolve(this.model.loaded);
    }
    if (this.loading) return this.loading;
    const rpc = this.engine.rpc();
    const generation = this.engine.currentGeneration;
    this.loading = rpc
      .request('model/load', { path: this.uri.fsPath })
      .then((loaded) => {
        this.model = { loaded, generation };
        return loaded;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  private setState(state: PanelState): void {
    if (this.isDisposed) return;
    this.state = state;
    this.endpoint.notify('panel/state', state);
  }
}
