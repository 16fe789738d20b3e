/** The comparison panel: two models' overviews side by side, and on data their predictions, metrics and latency. */
import path from 'node:path';
import * as vscode from 'vscode';
import type { WorkerClient } from '../workerClient';
import { compareReportHtml } from '../../engine/report/compareHtml';
import { RpcEndpoint, errorMessage } from '../../protocol/endpoint';
import type {
  CompareResult,
  CompareViewState,
  ComparePanelNotifications,
  ComparePanelRequests,
} from '../../protocol/compareTypes';
import { validateCompareMessage } from '../../protocol/validateCompare';
import { Disposable } from '../disposable';
import { listDataFiles, pickDataFile } from '../explain/dataFiles';
import { withRunProgress } from '../explain/runProgress';
import { notifyError } from '../notify';
import { saveExport } from '../saveFile';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { webviewTransport } from '../webviewTransport';
import { workspaceTrust } from '../trust';

export const COMPARE_VIEW_TYPE = 'modelLens.compare';

type Endpoint = RpcEndpoint<
  ComparePanelRequests,
  Record<string, never>,
  Record<string, never>,
  ComparePanelNotifications
>;

const open = new Set<ComparePanel>();

export class ComparePanel extends Disposable {
  private readonly endpoint: Endpoint;
  private state: CompareViewState;
  private running?: vscode.CancellationTokenSource;
  private nextJob = 0;

  /** A panel VS Code restores after a reload, from the URIs its webview kept. */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    engine: WorkerClient,
    a: vscode.Uri,
    b: vscode.Uri,
  ): ComparePanel {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    return new ComparePanel(panel, extensionUri, engine, a, b);
  }

  static show(extensionUri: vscode.Uri, engine: WorkerClient, a: vscode.Uri, b: vscode.Uri): ComparePanel {
    const name = (u: vscode.Uri) => u.path.split('/').pop() ?? u.path;
    const panel = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      `${name(a)} vs ${name(b)}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      webviewOptions(extensionUri),
    );
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    return new ComparePanel(panel, extensionUri, engine, a, b);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly engine: WorkerClient,
    readonly a: vscode.Uri,
    readonly b: vscode.Uri,
  ) {
    super();
    open.add(this);
    this._register({ dispose: () => open.delete(this) });
    this._register({ dispose: () => this.running?.cancel() });
    const name = (u: vscode.Uri) => u.path.split('/').pop() ?? u.path;
    this.state = {
      a: name(a),
      b: name(b),
      uriA: a.toString(),
      uriB: b.toString(),
      status: 'loading',
      dataFiles: [],
    };
    panel.webview.options = webviewOptions(extensionUri);
    this.endpoint = this._register(
      new RpcEndpoint(webviewTransport(panel.webview), validateCompareMessage) as Endpoint,
    );
    this.endpoint.handle('compare/ready', () => this.endpoint.notify('compare/state', this.state));
    this.endpoint.handle('compare/pickData', async () => ({ path: await pickDataFile(this.modelDir, 'data') }));
    this.endpoint.handle('compare/run', ({ data, label }) => this.run(data, label));
    this.endpoint.handle('compare/export', ({ format }) => this.export(format));
    this._register(panel.onDidDispose(() => this.dispose()));
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'compare', `${this.state.a} vs ${this.state.b}`);
    void this.load();
  }

  private get modelDir(): string {
    return path.dirname(this.a.fsPath);
  }

  /** What the extension's tests read. */
  get view(): CompareViewState {
    return this.state;
  }

  private setState(patch: Partial<CompareViewState>): void {
    if (this.isDisposed) return;
    this.state = { ...this.state, ...patch };
    this.endpoint.notify('compare/state', this.state);
  }

  private async load(): Promise<void> {
    try {
      const [result, dataFiles] = await Promise.all([this.request({}), listDataFiles(this.modelDir).catch(() => [])]);
      this.setState({ status: 'ready', result, dataFiles });
    } catch (e) {
      const message = errorMessage(e);
      this.setState({ status: 'error', message });
      notifyError(message);
    }
  }

  private request(settings: { data?: string; label?: string }, token?: vscode.CancellationToken) {
    return this.engine
      .rpc()
      .request(
        'compare/run',
        { jobId: `compare#${this.nextJob++}`, pathA: this.a.fsPath, pathB: this.b.fsPath, settings },
        { token },
      );
  }

  async run(data: string, label?: string): Promise<CompareResult> {
    // Comparing on data reads the file and runs both models: it waits for the workspace's trust.
    workspaceTrust.require('Comparing on data');
    this.running?.cancel();
    const cts = (this.running = new vscode.CancellationTokenSource());
    const absolute = path.resolve(this.modelDir, data);
    try {
      const result = await withRunProgress(`Model Lens: comparing ${this.state.a} and ${this.state.b}`, cts, () =>
        this.request({ data: absolute, label: label || undefined }, cts.token),
      );
      this.setState({ status: 'ready', result });
      return result;
    } finally {
      cts.dispose();
      if (this.running === cts) this.running = undefined;
    }
  }

  private async export(format: 'json' | 'html'): Promise<{ saved: boolean; path?: string }> {
    const result = this.state.result;
    if (!result) throw new Error('Nothing to export yet: the comparison is still loading.');
    const base = `${path.parse(this.state.a).name}-vs-${path.parse(this.state.b).name}`;
    return saveExport(
      {
        defaultName: `${base}.${format}`,
        format,
        text: format === 'json' ? JSON.stringify(result, null, 2) : compareReportHtml(result),
      },
      this.a,
    );
  }
}

/** The comparison panels open now (the extension's tests read them). */
export function openComparePanels(): readonly ComparePanel[] {
  return [...open];
}
