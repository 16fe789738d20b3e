/** Drives one model webview (the Explain Model panel or the custom editor): state in, requests out. */
import * as vscode from 'vscode';
import { RpcEndpoint, errorMessage } from '../../protocol/endpoint';
import type { PanelNotifications, PanelRequests, PanelState, PanelTab } from '../../protocol/messages';
import { validatePanelMessage } from '../../protocol/validate';
import type { WorkerClient } from '../workerClient';
import { readConfig } from '../config';
import { Disposable } from '../disposable';
import { notifyBriefly, notifyError } from '../notify';
import { saveExport } from '../saveFile';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { webviewTransport } from '../webviewTransport';
import { EvaluationSession } from '../explain/evaluationSession';
import { ExplainSession } from '../explain/explainSession';
import { saveReport } from '../explain/report';
import { workspaceTrust } from '../trust';
import { GraphSession } from './graphSession';
import { ModelSession } from './modelSession';
import { profileModel, sidecarInputSettings } from './profileRun';
import { runOnceSample } from '../../engine/profile/sidecarDims';

type PanelEndpoint = RpcEndpoint<PanelRequests, Record<string, never>, Record<string, never>, PanelNotifications>;

export class ModelView extends Disposable {
  private readonly endpoint: PanelEndpoint;
  private readonly session: ModelSession;
  private currentState: PanelState;
  /** The webview has said 'panel/ready' (its script listens); a Re-run before that waits for it. */
  private webviewReady = false;
  private rerunPending = false;
  private profileAsked = false;
  readonly fileName: string;
  /** The Attributions tab's host side (the extension's test API drives it too). */
  readonly explain: ExplainSession;
  /** The Evaluation tab's host side. */
  readonly evaluation: EvaluationSession;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    engine: WorkerClient,
    readonly uri: vscode.Uri,
    private readonly tab: PanelTab = 'overview',
  ) {
    super();
    this.fileName = uri.path.split('/').pop() ?? uri.path;
    this.session = this._register(new ModelSession(engine, uri));
    this.currentState = { status: 'loading', uri: uri.toString(), fileName: this.fileName, tab };
    panel.webview.options = webviewOptions(extensionUri);
    this.endpoint = this._register(
      new RpcEndpoint(webviewTransport(panel.webview), validatePanelMessage) as PanelEndpoint,
    );
    this.endpoint.handle('panel/ready', () => {
      this.endpoint.notify('panel/state', this.currentState);
      this.webviewReady = true;
      if (this.rerunPending) this.rerun();
      if (this.profileAsked) this.endpoint.notify('profile/start', {});
      this.profileAsked = false;
    });
    this.endpoint.handle('panel/runOnce', async ({ dimSizes, fill }) => {
      workspaceTrust.require('Run once');
      const loaded = await this.session.ensureLoaded();
      const cfg = readConfig(this.uri);
      try {
        // Sized and held as Profile is: the sidecar's image.size, sequence.length and hold, then the panel's fields.
        const settings = await sidecarInputSettings(this.uri);
        const sample = runOnceSample(loaded.inputs, settings, { dimSizes, fill }, cfg.symbolicDimSize);
        return await engine.rpc().request('model/runOnce', {
          modelId: loaded.modelId,
          sample,
          previewValues: cfg.previewValues,
        });
      } catch (e) {
        // The panel shows the error where Run once's result goes; the status bar says it for a few seconds.
        notifyBriefly(errorMessage(e));
        throw e;
      }
    });
    this.endpoint.handle('panel/saveFile', (params) => saveExport(params, this.uri));
    this.endpoint.handle('panel/summary', ({ dimSizes }) =>
      engine.rpc().request('model/summary', {
        path: uri.fsPath,
        sizes: { dimSizes, defaultDimSize: readConfig(this.uri).symbolicDimSize },
      }),
    );
    this.endpoint.handle('profile/run', (choices) => profileModel(engine, uri, this.fileName, choices));
    const explain = this._register(new ExplainSession(engine, uri, () => this.session.ensureLoaded()));
    this._register(explain.onProgress((p) => this.endpoint.notify('explain/progress', p)));
    this._register(explain.onPartialRows((p) => this.endpoint.notify('explain/partial', p)));
    this.explain = explain;
    const evaluation = this._register(new EvaluationSession(engine, uri, explain));
    this._register(evaluation.onProgress((p) => this.endpoint.notify('evaluate/progress', p)));
    this.evaluation = evaluation;
    this.registerExplain(explain, extensionUri, engine);
    const graph = this._register(new GraphSession(engine, uri));
    this.endpoint.handle('graph/index', () => graph.index());
    this.endpoint.handle('graph/view', ({ expanded, initial }) => graph.view(expanded, initial === true));
    this.endpoint.handle('graph/node', ({ id }) => graph.node(id));
    this._register(panel.onDidDispose(() => this.dispose()));
    // Trust granted: the overview is drawn again; Run once and the Attributions tab's requests now go through.
    this._register(workspaceTrust.onDidGrant(() => this.endpoint.notify('panel/state', this.currentState)));
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'explain', this.fileName);
    void this.load();
  }

  private registerExplain(explain: ExplainSession, extensionUri: vscode.Uri, engine: WorkerClient): void {
    const e = this.endpoint;
    // Failures reach the panel as the request's error (shown there, earlier results kept).
    e.handle('explain/options', () => explain.options());
    e.handle('explain/pickFile', ({ purpose }) => explain.pickFile(purpose));
    e.handle('explain/plan', ({ choices }) => explain.plan(choices));
    e.handle('explain/outputMap', ({ choices }) => explain.outputMap(choices));
    e.handle('explain/run', ({ choices }) => explain.run(choices));
    e.handle('explain/cancel', () => {
      explain.cancel();
      this.evaluation.cancel();
    });
    e.handle('explain/columns', ({ data }) => this.evaluation.columns(data));
    e.handle('explain/evaluate', (c) => this.evaluation.evaluate(c));
    e.handle('explain/rules', (c) => this.evaluation.rules(c));
    e.handle('explain/threshold', ({ threshold }) => this.evaluation.rememberThreshold(threshold));
    e.handle('explain/importance', ({ choices, label }) => explain.importance(choices, label));
    e.handle('explain/pdp', ({ choices, feature }) => explain.pdp(choices, feature));
    e.handle('explain/report', async () => {
      const last = explain.lastRun;
      if (!last) throw new Error(`${this.fileName}: run an explanation first, then export its report`);
      return saveReport(extensionUri, engine, this.uri, last, {
        ...explain.globalResults,
        ...this.evaluation.lastResults,
      });
    });
    e.handle('panel/command', ({ command, choices }) =>
      command === 'revealModel' ? this.revealModel() : explain.openSidecar(choices),
    );
  }

  /** The panel commands (also in the Command Palette and the panel's title bar). */
  async revealModel(): Promise<void> {
    await vscode.commands.executeCommand('revealInExplorer', this.uri);
  }

  /** Profile Model: the webview's Performance section profiles with its fields. */
  profile(): void {
    this.panel.reveal(undefined, false);
    // A panel opened by the command is not listening yet: it is told once it says it is ready.
    if (this.webviewReady) this.endpoint.notify('profile/start', {});
    else this.profileAsked = true;
  }

  /**
   * Re-run: the webview shows its Attributions tab and runs with the choices in its form. A webview still
   * loading would miss the message (a view just opened), so it is sent once the webview says it is ready.
   */
  rerun(): void {
    // Revealed where it is: with no column VS Code may open it in the active group, and a custom editor
    // opened in another group is a new editor with a new webview, which would never get the message.
    this.panel.reveal(this.panel.viewColumn, false);
    this.rerunPending = !this.webviewReady;
    if (this.webviewReady) this.endpoint.notify('explain/rerun', {});
  }

  get state(): PanelState {
    return this.currentState;
  }

  private async load(): Promise<void> {
    try {
      const model = await this.session.ensureLoaded();
      this.setState({ status: 'ready', uri: this.uri.toString(), fileName: this.fileName, model });
    } catch (e) {
      const message = errorMessage(e);
      this.setState({ status: 'error', uri: this.uri.toString(), fileName: this.fileName, message });
      if (!this.isDisposed) notifyError(message);
    }
  }

  private setState(state: PanelState): void {
    if (this.isDisposed) return;
    this.currentState = { ...state, tab: this.tab };
    this.endpoint.notify('panel/state', this.currentState);
  }
}
