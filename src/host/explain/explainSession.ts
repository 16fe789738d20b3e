/**
 * The Attributions tab's host side for one model: choices from and to the sidecar, data files to pick,
 * runs in the engine worker with progress (panel and notification, both cancellable), cached results,
 * the HTML report. A closed panel cancels its run.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { WorkerClient } from '../../engine/runtime/workerClient';
import type {
  ExplainOutcome,
  ExplainSettings,
  PartialDependence,
  PermutationImportance,
} from '../../protocol/explainTypes';
import type { ExplainChoices, ExplainOptions, LoadedModel, PanelNotifications } from '../../protocol/messages';
import { Disposable } from '../disposable';
import { cachedOutcome, storeOutcome } from './resultCache';
import { parseSidecar, updateSidecarText, type Sidecar } from './sidecar';

type Notify = <K extends keyof PanelNotifications>(method: K, params: PanelNotifications[K]) => void;

const DATA_GLOB = '**/*.{csv,tsv,json,npy}';
const NOT_DATA = '**/{node_modules,.git,.vscode-test,dist,out}/**';

export class ExplainSession extends Disposable {
  private running: vscode.CancellationTokenSource | undefined;
  private last: { outcome: ExplainOutcome; settings: ExplainSettings } | undefined;
  private nextJob = 1;
  private lastChoices: ExplainChoices | undefined;
  readonly sidecarUri: vscode.Uri;
  private readonly modelDir: string;

  constructor(
    private readonly engine: WorkerClient,
    private readonly modelUri: vscode.Uri,
    private readonly loaded: () => Promise<LoadedModel>,
    private readonly notify: Notify,
  ) {
    super();
    this.sidecarUri = modelUri.with({ path: `${modelUri.path}.lens.json` });
    this.modelDir = path.dirname(modelUri.fsPath);
    this._register({ dispose: () => this.running?.cancel() });
  }

  private get fileName(): string {
    return path.basename(this.modelUri.fsPath);
  }

  async readSidecar(): Promise<{ sidecar: Sidecar; exists: boolean; text?: string }> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.sidecarUri));
      return { sidecar: parseSidecar(text, path.basename(this.sidecarUri.fsPath)), exists: true, text };
    } catch {
      return { sidecar: parseSidecar('', ''), exists: false };
    }
  }

  async options(): Promise<ExplainOptions> {
    const { sidecar, exists } = await this.readSidecar();
    const [files, model] = await Promise.all([
      vscode.workspace.findFiles(DATA_GLOB, NOT_DATA, 200),
      this.loaded().catch(() => undefined),
    ]);
    const dataFiles = files
      .filter((u) => !u.fsPath.endsWith('.lens.json') && !u.fsPath.endsWith('.ref.json'))
      .map((u) => this.relative(u.fsPath))
      .sort();
    const choices = { ...sidecar.choices };
    if (!choices.data && dataFiles.length === 1) choices.data = dataFiles[0];
    let cached: ExplainOutcome | undefined;
    if (choices.data) {
      const settings = this.settings(choices, sidecar);
      cached = await cachedOutcome(this.modelUri.fsPath, settings);
      if (cached) this.last = { outcome: cached, settings };
    }
    return {
      choices,
      dataFiles,
      outputs: (model?.outputs ?? [])
        .filter((o) => o.isTensor && ['float32', 'float64', 'float16'].includes(o.elementType))
        .map((o) => o.name),
      sidecar: { path: this.relative(this.sidecarUri.fsPath), exists, problems: sidecar.problems },
      cached,
    };
  }

  /** A quick pick of the workspace's data files, with Browse... for any other. */
  async pickFile(purpose: 'data' | 'background'): Promise<{ path?: string }> {
    const files = (await vscode.workspace.findFiles(DATA_GLOB, NOT_DATA, 500)).filter(
      (u) => !u.fsPath.endsWith('.lens.json'),
    );
    const browse: vscode.QuickPickItem & { uri?: vscode.Uri } = {
      label: '$(folder-opened) Browse...',
      description: 'any CSV, TSV, JSON or NPY file',
    };
    const items: (vscode.QuickPickItem & { uri?: vscode.Uri })[] = [
      ...files.map((u) => ({ label: path.basename(u.fsPath), description: this.relative(u.fsPath), uri: u })),
      browse,
    ];
    const choice = await vscode.window.showQuickPick(items, {
      title: purpose === 'data' ? 'Data to explain' : 'Background data',
      placeHolder: 'CSV with a header, JSON rows, or .npy',
      matchOnDescription: true,
    });
    if (!choice) return {};
    if (choice.uri) return { path: this.relative(choice.uri.fsPath) };
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: vscode.Uri.file(this.modelDir),
      filters: { Data: ['csv', 'tsv', 'txt', 'json', 'npy'] },
    });
    return picked?.[0] ? { path: this.relative(picked[0].fsPath) } : {};
  }

  async plan(choices: ExplainChoices) {
    const { sidecar } = await this.readSidecar();
    return this.engine.rpc().request('explain/plan', {
      modelPath: this.modelUri.fsPath,
      settings: this.settings(choices, sidecar),
    });
  }

  async run(choices: ExplainChoices): Promise<ExplainOutcome> {
    const { sidecar, exists, text } = await this.readSidecar();
    const settings = this.settings(choices, sidecar);
    this.running?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.running = cts;
    const jobId = `${this.fileName}#${this.nextJob++}`;
    const rpc = this.engine.rpc();
    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Model Lens: explaining ${this.fileName}`,
        cancellable: true,
      },
      async (progress, token) => {
        token.onCancellationRequested(() => cts.cancel());
        let reported = 0;
        const subscriptions = [
          rpc.on('explain/progress', (p) => {
            if (p.jobId !== jobId) return;
            const pct = p.total > 0 ? (100 * p.done) / p.total : 0;
            const eta =
              p.etaSeconds !== undefined && p.done < p.total ? `, about ${formatSeconds(p.etaSeconds)} left` : '';
            progress.report({ increment: pct - reported, message: `${Math.floor(pct)}%${eta}` });
            reported = pct;
            this.notify('explain/progress', { done: p.done, total: p.total, etaSeconds: p.etaSeconds });
          }),
          rpc.on(
            'explain/partial',
            (p) => p.jobId === jobId && this.notify('explain/partial', { attribution: p.attribution }),
          ),
        ];
        try {
          return await rpc.request(
            'explain/run',
            { jobId, modelPath: this.modelUri.fsPath, settings },
            { token: cts.token },
          );
        } finally {
          subscriptions.forEach((s) => s.dispose());
          if (this.running === cts) this.running = undefined;
          cts.dispose();
        }
      },
    );
    this.last = { outcome, settings };
    this.lastChoices = choices;
    await Promise.all([
      storeOutcome(this.modelUri.fsPath, settings, outcome).catch(() => undefined),
      this.remember(choices, exists ? text : undefined),
    ]);
    return outcome;
  }

  cancel(): void {
    this.running?.cancel();
  }

  async importance(choices: ExplainChoices, label: string): Promise<PermutationImportance> {
    const { sidecar } = await this.readSidecar();
    const s = this.settings(choices, sidecar);
    return this.engine.rpc().request('explain/importance', {
      jobId: `${this.fileName}#importance`,
      modelPath: this.modelUri.fsPath,
      settings: {
        data: s.data,
        label,
        output: s.output,
        input: s.input,
        seed: s.seed,
        featureNames: s.featureNames,
        classNames: s.classNames,
      },
    });
  }

  async pdp(choices: ExplainChoices, feature: string): Promise<PartialDependence> {
    const { sidecar } = await this.readSidecar();
    const s = this.settings(choices, sidecar);
    return this.engine.rpc().request('explain/pdp', {
      jobId: `${this.fileName}#pdp`,
      modelPath: this.modelUri.fsPath,
      settings: {
        data: s.data,
        feature,
        output: s.output,
        input: s.input,
        seed: s.seed,
        featureNames: s.featureNames,
        classNames: s.classNames,
      },
    });
  }

  get lastRun(): { outcome: ExplainOutcome; settings: ExplainSettings } | undefined {
    return this.last;
  }

  /** Opens the sidecar beside the panel, creating it with the current choices when there is none. */
  async openSidecar(): Promise<void> {
    const { exists } = await this.readSidecar();
    if (!exists) {
      const text = updateSidecarText(undefined, this.lastChoices ?? { method: 'auto' }) ?? '{}\n';
      await vscode.workspace.fs.writeFile(this.sidecarUri, new TextEncoder().encode(text));
    }
    await vscode.window.showTextDocument(this.sidecarUri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  /** The choices go to the sidecar, unless the user's sidecar is not valid JSON (it is never overwritten then). */
  private async remember(choices: ExplainChoices, existing: string | undefined): Promise<void> {
    const text = updateSidecarText(existing, choices);
    if (text === undefined || text === existing) return;
    await vscode.workspace.fs.writeFile(this.sidecarUri, new TextEncoder().encode(text));
  }

  private settings(choices: ExplainChoices, sidecar: Sidecar): ExplainSettings {
    if (!choices.data) throw new Error(`${this.fileName}: choose a data file to explain first`);
    return {
      data: this.absolute(choices.data),
      background: choices.background ? this.absolute(choices.background) : undefined,
      backgroundSize: choices.backgroundSize,
      rows: choices.rows,
      method: choices.method,
      output: choices.output || undefined,
      samples: choices.samples,
      seed: choices.seed,
      link: choices.link,
      input: sidecar.input,
      featureNames: sidecar.featureNames,
      classNames: sidecar.classNames,
    };
  }

  private absolute(p: string): string {
    return path.isAbsolute(p) ? p : path.resolve(this.modelDir, p);
  }

  private relative(p: string): string {
    const r = path.relative(this.modelDir, p);
    return r.split(path.sep).join('/');
  }
}

export function formatSeconds(s: number): string {
  if (s < 1) return 'a second';
  if (s < 90) return `${Math.round(s)} s`;
  return `${Math.round(s / 60)} min`;
}
