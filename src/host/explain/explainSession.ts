/**
 * The Attributions tab's host side for one model: choices from and to the sidecar, runs in the engine
 * worker with progress (panel and notification, both cancellable), cached results, the global
 * explanations the report carries. A closed panel cancels all of its work.
 */
import { FileRefusedError, readGuarded } from '../../engine/data/readGuard';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { OutputMap } from '../../protocol/outputMapTypes';
import type { WorkerClient } from '../workerClient';
import { saveNewSidecar } from '../sidecarConsent';
import type { Attribution } from '../../protocol/attributionTypes';
import { mergePartialRows } from '../../protocol/partialRows';
import type {
  ExplainOutcome,
  ExplainPlanInfo,
  ExplainSettings,
  PartialDependence,
  PermutationImportance,
} from '../../protocol/explainTypes';
import type { ExplainChoices, ExplainOptions, LoadedModel, PanelNotifications } from '../../protocol/messages';
import { readConfig } from '../config';
import { resolveExplainSettings, type SettingsSources } from '../../engine/settings/explainSettings';
import { resolveLabelledSettings, type LabelledDataSettings } from '../../engine/settings/labelledSettings';
import { Disposable } from '../disposable';
import { untrustedMessage, workspaceTrust } from '../trust';
import { listDataFiles, pickDataFile } from './dataFiles';
import { guessInputKind } from './inputKind';
import { relativeToModel } from './paths';
import { withRunProgress } from './runProgress';
import { cachedOutcome, storeOutcome } from './resultCache';
import {
  choicesChanged,
  DEFAULT_CHOICES,
  parseSidecar,
  updateSidecarText,
  type Sidecar,
} from '../../engine/settings/sidecar';

export interface LastRun {
  outcome: ExplainOutcome;
  settings: ExplainSettings;
}

/** Permutation importance and PDPs computed on the last run's data, for the report. */
interface GlobalResults {
  data: string;
  importance?: PermutationImportance;
  pdp: Map<string, PartialDependence>;
}

const FLOAT_TYPES = ['float32', 'float64', 'float16'];

export class ExplainSession extends Disposable {
  private running: vscode.CancellationTokenSource | undefined;
  private planning: vscode.CancellationTokenSource | undefined;
  /** Every request in flight, so closing the panel cancels them all. */
  private readonly inFlight = new Set<vscode.CancellationTokenSource>();
  private last: LastRun | undefined;
  private globals: GlobalResults | undefined;
  private nextJob = 1;
  /** The choices the panel last planned or ran with (what Open sidecar writes when there is no sidecar). */
  private current: ExplainChoices | undefined;
  private readonly progressEmitter = this._register(new vscode.EventEmitter<PanelNotifications['explain/progress']>());
  private readonly partialEmitter = this._register(new vscode.EventEmitter<{ attribution: Attribution }>());
  private readonly partialRowsEmitter = this._register(
    new vscode.EventEmitter<PanelNotifications['explain/partial']>(),
  );
  /** The running explanation's progress and finished rows (the panel shows them; tests watch them). */
  readonly onProgress = this.progressEmitter.event;
  /** The rows finished so far, merged from the worker's deltas. */
  readonly onPartial = this.partialEmitter.event;
  /** Only the rows new since the last partial, as the panel's webview merges them. */
  readonly onPartialRows = this.partialRowsEmitter.event;
  readonly sidecarUri: vscode.Uri;
  private readonly modelDir: string;

  constructor(
    private readonly engine: WorkerClient,
    private readonly modelUri: vscode.Uri,
    private readonly loaded: () => Promise<LoadedModel>,
  ) {
    super();
    this.sidecarUri = modelUri.with({ path: `${modelUri.path}.lens.json` });
    this.modelDir = path.dirname(modelUri.fsPath);
    this._register({ dispose: () => this.inFlight.forEach((c) => c.cancel()) });
  }

  private get fileName(): string {
    return path.basename(this.modelUri.fsPath);
  }

  get lastRun(): LastRun | undefined {
    return this.last;
  }

  /** The importance and PDPs computed on the last run's data (what the report carries). */
  get globalResults(): { importance?: PermutationImportance; pdp: PartialDependence[] } {
    const g = this.last && this.globals?.data === this.last.settings.data ? this.globals : undefined;
    return { importance: g?.importance, pdp: g ? [...g.pdp.values()] : [] };
  }

  async readSidecar(): Promise<{ sidecar: Sidecar; exists: boolean; text?: string }> {
    let text: string;
    try {
      text = (await readGuarded(this.sidecarUri.fsPath, 'sidecar')).toString('utf8');
    } catch (e) {
      // A FIFO or an oversized file is named, not waited on; a missing sidecar is simply absent.
      if (e instanceof FileRefusedError)
        return { sidecar: { ...parseSidecar('', ''), problems: [e.message] }, exists: true };
      return { sidecar: parseSidecar('', ''), exists: false };
    }
    return { sidecar: parseSidecar(text, path.basename(this.sidecarUri.fsPath)), exists: true, text };
  }

  /** What the tab opens with: the sidecar's choices (with its problems), data files, outputs, cached results. */
  async options(): Promise<ExplainOptions> {
    const { sidecar, exists } = await this.readSidecar();
    const [dataFiles, model] = await Promise.all([listDataFiles(this.modelDir), this.loaded().catch(() => undefined)]);
    const choices = { ...sidecar.choices };
    if (!choices.data && dataFiles.length === 1) choices.data = dataFiles[0];
    let cached: ExplainOutcome | undefined;
    // A cached result is looked up by the data's bytes: not read until the workspace is trusted.
    const trusted = workspaceTrust.isTrusted;
    if (choices.data && trusted) {
      const settings = await this.settings(choices, sidecar);
      cached = await cachedOutcome(this.modelUri.fsPath, settings);
      if (cached) this.remembered({ outcome: cached, settings });
    }
    return {
      choices,
      dataFiles,
      outputs: (model?.outputs ?? [])
        .filter((o) => o.isTensor && FLOAT_TYPES.includes(o.elementType))
        .map((o) => o.name),
      sidecar: {
        path: relativeToModel(this.sidecarUri.fsPath, this.modelDir),
        exists,
        problems: trusted ? sidecar.problems : [...sidecar.problems, untrustedMessage('Explaining this model')],
      },
      labelColumn: sidecar.labelColumn,
      threshold: sidecar.threshold,
      inputKind: guessInputKind(model?.inputs ?? [], sidecar),
      cached,
    };
  }

  async pickFile(purpose: 'data' | 'background'): Promise<{ path?: string }> {
    return { path: await pickDataFile(this.modelDir, purpose) };
  }

  /** The planner's method, model rows and ETA; a newer plan cancels an older one still timing. */
  async plan(choices: ExplainChoices): Promise<ExplainPlanInfo> {
    this.current = choices;
    workspaceTrust.require('Planning an explanation (it times the model)');
    this.planning?.cancel();
    const { sidecar } = await this.readSidecar();
    const settings = await this.settings(choices, sidecar);
    return this.tracked((cts) => {
      this.planning = cts;
      return this.engine
        .rpc()
        .request('explain/plan', { modelPath: this.modelUri.fsPath, settings }, { token: cts.token });
    });
  }

  /** The model's whole output for the form's data (a picture's map, a recording's chunks); nothing is saved. */
  async outputMap(choices: ExplainChoices): Promise<OutputMap> {
    workspaceTrust.require('Running the model on the data for its output map');
    const { sidecar } = await this.readSidecar();
    // The engine draws the output before any target: the form's target is what the user is about to change.
    const settings = await this.settings(choices, sidecar);
    return this.tracked((cts) =>
      this.engine
        .rpc()
        .request('explain/outputMap', { modelPath: this.modelUri.fsPath, settings }, { token: cts.token }),
    );
  }

  /** Runs with progress in the panel and in a cancellable notification; the choices go to the sidecar. */
  async run(choices: ExplainChoices): Promise<ExplainOutcome> {
    this.current = choices;
    workspaceTrust.require('Explaining this model');
    const { sidecar, exists, text } = await this.readSidecar();
    const settings = await this.settings(choices, sidecar);
    this.running?.cancel();
    const jobId = `${this.fileName}#${this.nextJob++}`;
    const rpc = this.engine.rpc();
    let merged: Attribution | undefined;
    const outcome = await this.tracked((cts) => {
      this.running = cts;
      return withRunProgress(`Model Lens: explaining ${this.fileName}`, cts, (progress) => {
        const subscriptions = [
          rpc.on('explain/progress', (p) => {
            if (p.jobId !== jobId) return;
            progress(p.done, p.total, p.etaSeconds);
            this.progressEmitter.fire({ done: p.done, total: p.total, etaSeconds: p.etaSeconds });
          }),
          rpc.on('explain/partial', (p) => {
            if (p.jobId !== jobId) return;
            merged = mergePartialRows(merged, p.delta);
            this.partialRowsEmitter.fire({ delta: p.delta });
            this.partialEmitter.fire({ attribution: merged });
          }),
        ];
        return rpc
          .request('explain/run', { jobId, modelPath: this.modelUri.fsPath, settings }, { token: cts.token })
          .finally(() => subscriptions.forEach((s) => s.dispose()));
      });
    });
    this.remembered({ outcome, settings });
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
    workspaceTrust.require('Permutation importance');
    const { sidecar } = await this.readSidecar();
    const s = await this.settings(choices, sidecar);
    const result = await this.tracked((cts) =>
      this.engine.rpc().request(
        'explain/importance',
        {
          jobId: `${this.fileName}#importance${this.nextJob++}`,
          modelPath: this.modelUri.fsPath,
          settings: { ...globalSettings(s), label },
        },
        { token: cts.token },
      ),
    );
    this.globalsFor(s.data).importance = result;
    return result;
  }

  async pdp(choices: ExplainChoices, feature: string): Promise<PartialDependence> {
    workspaceTrust.require('Partial dependence');
    const { sidecar } = await this.readSidecar();
    const s = await this.settings(choices, sidecar);
    const result = await this.tracked((cts) =>
      this.engine.rpc().request(
        'explain/pdp',
        {
          jobId: `${this.fileName}#pdp${this.nextJob++}`,
          modelPath: this.modelUri.fsPath,
          settings: { ...globalSettings(s), feature },
        },
        { token: cts.token },
      ),
    );
    this.globalsFor(s.data).pdp.set(result.feature, result);
    return result;
  }

  /** Opens the sidecar beside the panel, creating it with the current choices when there is none. */
  async openSidecar(choices?: ExplainChoices): Promise<void> {
    const { exists } = await this.readSidecar();
    if (!exists) {
      const text = updateSidecarText(undefined, choices ?? this.current ?? DEFAULT_CHOICES) ?? '{}\n';
      await vscode.workspace.fs.writeFile(this.sidecarUri, new TextEncoder().encode(text));
    }
    await vscode.window.showTextDocument(this.sidecarUri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  /** A request whose token is cancelled when the panel closes. */
  track<T>(work: (cts: vscode.CancellationTokenSource) => Promise<T>): Promise<T> {
    return this.tracked(work);
  }

  /** A request whose token is cancelled when the panel closes. */
  private async tracked<T>(work: (cts: vscode.CancellationTokenSource) => Promise<T>): Promise<T> {
    const cts = new vscode.CancellationTokenSource();
    this.inFlight.add(cts);
    if (this.isDisposed) cts.cancel();
    try {
      return await work(cts);
    } finally {
      this.inFlight.delete(cts);
      if (this.running === cts) this.running = undefined;
      if (this.planning === cts) this.planning = undefined;
      cts.dispose();
    }
  }

  private remembered(run: LastRun): void {
    this.last = run;
    if (this.globals && this.globals.data !== run.settings.data) this.globals = undefined;
  }

  private globalsFor(data: string): GlobalResults {
    if (this.globals?.data !== data) this.globals = { data, pdp: new Map() };
    return this.globals;
  }

  /** The choices go to the sidecar, unless the user's sidecar is not valid JSON (it is never overwritten then). */
  private async remember(choices: ExplainChoices, existing: string | undefined): Promise<void> {
    const text = updateSidecarText(existing, choices);
    if (text === undefined || text === existing) return;
    // A first sidecar is made only for choices off the defaults, and only if the user agrees.
    if (existing === undefined)
      return choicesChanged(undefined, choices) ? saveNewSidecar(this.sidecarUri, text) : undefined;
    await vscode.workspace.fs.writeFile(this.sidecarUri, new TextEncoder().encode(text));
  }

  /** Engine settings from the one resolver: the form's choices, the sidecar's names, paths as the sidecar's. */
  private async settings(choices: ExplainChoices, sidecar: Sidecar): Promise<ExplainSettings> {
    const settings = await resolveExplainSettings({
      ...this.sources(sidecar),
      chosen: { ...choices, missingValues: readConfig(this.modelUri).missingValues },
    });
    if (!settings) throw new Error(`${this.fileName}: choose a data file to explain first`);
    return settings;
  }

  /** What evaluate and rules send the engine, from the same resolver as a run's settings. */
  async labelledSettings(c: { data: string; label?: string; output?: string }): Promise<LabelledDataSettings> {
    const { sidecar } = await this.readSidecar();
    return resolveLabelledSettings({ ...this.sources(sidecar), chosen: c });
  }

  private sources(sidecar: Sidecar): Omit<SettingsSources, 'chosen'> {
    return {
      modelPath: this.modelUri.fsPath,
      sidecar: { path: this.sidecarUri.fsPath, contents: sidecar },
      // A path not beside the sidecar or the model may be in a workspace folder.
      origin: { kind: 'panel', moreFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath) },
      exists: (p) =>
        fs.stat(p).then(
          (s) => s.isFile() || s.isDirectory(),
          () => false,
        ),
    };
  }
}

/** The parts of a run's settings that permutation importance and PDP use too. */
function globalSettings(s: ExplainSettings) {
  return {
    data: s.data,
    output: s.output,
    input: s.input,
    seed: s.seed,
    featureNames: s.featureNames,
    classNames: s.classNames,
  };
}
