/** Activation and wiring only. onnxruntime-node is loaded by the engine worker on first use, never here. */
import * as vscode from 'vscode';
import { useSidecarConsent } from './host/sidecarConsent';
import { WorkerClient } from './host/workerClient';
import { resolveModelUri } from './host/commands/explainModel';
import { ModelCodeLensProvider } from './host/codeLens/modelCodeLens';
import { ModelHoverProvider } from './host/codeLens/modelHover';
import { MODEL_VIEWER_TYPE, ModelViewerProvider } from './host/modelViewerEditor';
import { useResultStore } from './host/explain/resultCache';
import { recentErrors } from './host/notify';
import { readRuntimeConfig, RUNTIME_SETTINGS } from './host/config';
import { workspaceTrust } from './host/trust';
import { activeModelView, registerPanelCommands } from './host/panels/panelCommands';
import { registerCompareCommands } from './host/compare/compareCommands';
import { COMPARE_VIEW_TYPE, ComparePanel, openComparePanels } from './host/compare/comparePanel';
import {
  EXPLAIN_VIEW_TYPE,
  explainPanelState,
  explainSessionOf,
  openExplainPanels,
  openExplainViews,
  reviveExplainPanel,
  showExplainPanel,
  type PanelPersistedState,
} from './host/panels/explainPanel';
import type { PanelState } from './protocol/messages';

/** What the extension returns from activate(): used by its integration tests. */
export interface ModelLensApi {
  engine: WorkerClient;
  openPanels(): number;
  panelState(uri: vscode.Uri): PanelState | undefined;
  editorState(uri: vscode.Uri): PanelState | undefined;
  recentErrors(): readonly string[];
  /** The open panel's Attributions tab, as the webview drives it. */
  explainSession(uri: vscode.Uri): ReturnType<typeof explainSessionOf>;
  /** Pretend the workspace is (not) trusted (the test workbench runs with trust off); undefined restores it. */
  setWorkspaceTrust(trusted: boolean | undefined): void;
  /** The model viewer's (custom editor's) Attributions tab. */
  editorExplainSession(uri: vscode.Uri): ReturnType<typeof explainSessionOf>;
  /** The comparison panels open now. */
  comparePanels: typeof openComparePanels;
}

export function activate(context: vscode.ExtensionContext): ModelLensApi {
  const engine = new WorkerClient(
    vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath,
    (message) => {
      void vscode.window.showWarningMessage(`Model Lens: ${message} It will be restarted on the next request.`);
    },
    () => ({ runtime: readRuntimeConfig() }),
  );
  context.subscriptions.push(
    { dispose: () => void engine.dispose() },
    // A new backend or provider list takes a fresh engine worker; views load their model again on next use.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RUNTIME_SETTINGS.some((s) => e.affectsConfiguration(s))) void engine.restart('The runtime settings changed.');
    }),
  );
  useSidecarConsent(context.workspaceState, context.extensionMode === vscode.ExtensionMode.Test);
  const viewer = new ModelViewerProvider(context.extensionUri, engine);
  useResultStore({
    storage: context.globalStorageUri,
    version: String((context.extension.packageJSON as { version?: unknown }).version ?? 'unknown'),
    externalFiles: async (modelPath) => (await engine.rpc().request('model/externalData', { path: modelPath })).files,
  });

  context.subscriptions.push(
    workspaceTrust.watch(),
    vscode.commands.registerCommand('modelLens.explainModel', async (arg?: unknown) => {
      const uri = await resolveModelUri(arg);
      if (uri) showExplainPanel(context.extensionUri, engine, uri);
    }),
    vscode.commands.registerCommand('modelLens.profileModel', async (arg?: unknown) => {
      // From a view's title bar or the palette: the view in front (an Explain Model panel or the model viewer).
      const views = [...openExplainViews(), ...viewer.openViews()];
      const front = arg === undefined ? activeModelView(views) : undefined;
      if (front !== undefined) return views[front].profile();
      const uri = await resolveModelUri(arg);
      if (uri) showExplainPanel(context.extensionUri, engine, uri).profile();
    }),
    vscode.commands.registerCommand('modelLens.viewGraph', async (arg?: unknown) => {
      const uri = await resolveModelUri(arg);
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, MODEL_VIEWER_TYPE);
    }),
    registerPanelCommands(() => [...openExplainViews(), ...viewer.openViews()]),
    registerCompareCommands(context.extensionUri, engine, () => [...openExplainViews(), ...viewer.openViews()]),
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, new ModelCodeLensProvider()),
    vscode.languages.registerHoverProvider({ scheme: 'file' }, new ModelHoverProvider(engine)),
    vscode.window.registerWebviewPanelSerializer(EXPLAIN_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const uri = (state as Partial<PanelPersistedState> | undefined)?.uri;
        if (typeof uri !== 'string') {
          panel.dispose();
          return;
        }
        reviveExplainPanel(panel, context.extensionUri, engine, vscode.Uri.parse(uri));
      },
    }),
    vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const s = state as { uriA?: unknown; uriB?: unknown } | undefined;
        if (typeof s?.uriA !== 'string' || typeof s.uriB !== 'string') {
          panel.dispose();
          return;
        }
        ComparePanel.revive(panel, context.extensionUri, engine, vscode.Uri.parse(s.uriA), vscode.Uri.parse(s.uriB));
      },
    }),
    vscode.window.registerCustomEditorProvider(MODEL_VIEWER_TYPE, viewer, {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }),
  );
  return {
    engine,
    openPanels: openExplainPanels,
    panelState: explainPanelState,
    editorState: (uri) => viewer.stateOf(uri),
    recentErrors,
    explainSession: explainSessionOf,
    editorExplainSession: (uri) => viewer.sessionOf(uri),
    setWorkspaceTrust: (trusted) => workspaceTrust.setOverride(trusted),
    comparePanels: openComparePanels,
  };
}

export function deactivate(): void {
  // Subscriptions (the engine worker among them) are disposed by VS Code.
}
