/**
 * The Evaluation tab's host side for one model: metrics and rules run in the engine worker with progress
 * (panel and a cancellable notification), the label column and threshold remembered in the sidecar, the
 * last results kept for the HTML report.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { WorkerClient } from '../workerClient';
import type { DataColumns, Evaluation, RulesResult } from '../../protocol/evaluationTypes';
import type { EvaluationChoices, PanelNotifications } from '../../protocol/messages';
import { Disposable } from '../disposable';
import { workspaceTrust } from '../trust';
import type { ExplainSession } from './explainSession';
import { withRunProgress } from './runProgress';
import { updateSidecarEvaluation } from '../../engine/settings/sidecar';
import { saveNewSidecar } from '../sidecarConsent';

export interface LastEvaluation {
  /** The data file both were computed on (absolute). */
  data: string;
  evaluation?: Evaluation;
  rules?: RulesResult;
}

export class EvaluationSession extends Disposable {
  private running: vscode.CancellationTokenSource | undefined;
  private nextJob = 1;
  private last: LastEvaluation | undefined;
  private readonly progressEmitter = this._register(new vscode.EventEmitter<PanelNotifications['evaluate/progress']>());
  /** The running evaluation's progress (the panel shows it). */
  readonly onProgress = this.progressEmitter.event;

  constructor(
    private readonly engine: WorkerClient,
    private readonly modelUri: vscode.Uri,
    private readonly explain: ExplainSession,
  ) {
    super();
  }

  private get fileName(): string {
    return path.basename(this.modelUri.fsPath);
  }

  /** The last evaluation and rules (what the report carries). */
  get lastResults(): LastEvaluation | undefined {
    return this.last;
  }

  async columns(data: string): Promise<DataColumns> {
    workspaceTrust.require('Reading the data file');
    const settings = await this.explain.labelledSettings({ data });
    return this.explain.track((cts) =>
      this.engine.rpc().request(
        'explain/columns',
        {
          modelPath: this.modelUri.fsPath,
          settings: {
            data: settings.data,
            input: settings.input,
            featureNames: settings.featureNames,
            image: settings.image,
            text: settings.text,
            sidecarName: settings.sidecarName,
          },
        },
        { token: cts.token },
      ),
    );
  }

  async evaluate(c: EvaluationChoices): Promise<Evaluation> {
    workspaceTrust.require('Evaluating this model');
    const settings = await this.explain.labelledSettings(c);
    const evaluation = await this.withProgress(`Model Lens: evaluating ${this.fileName}`, 'evaluate', (jobId, token) =>
      this.engine.rpc().request(
        'explain/evaluate',
        {
          jobId,
          modelPath: this.modelUri.fsPath,
          settings: {
            ...settings,
            label: c.label,
            threshold: c.threshold,
          },
        },
        { token },
      ),
    );
    this.keep(settings.data).evaluation = evaluation;
    await this.remember({
      labelColumn: c.label,
      ...(evaluation.task === 'classification' && evaluation.classes.length === 2 && c.threshold !== undefined
        ? { threshold: c.threshold }
        : {}),
    });
    return evaluation;
  }

  async rules(c: EvaluationChoices): Promise<RulesResult> {
    workspaceTrust.require('Extracting rules');
    const settings = await this.explain.labelledSettings(c);
    const rules = await this.withProgress(`Model Lens: rules of ${this.fileName}`, 'rules', (jobId, token) =>
      this.engine.rpc().request(
        'explain/rules',
        {
          jobId,
          modelPath: this.modelUri.fsPath,
          settings: {
            ...settings,
            depth: c.depth,
          },
        },
        { token },
      ),
    );
    this.keep(settings.data).rules = rules;
    return rules;
  }

  /** The slider's threshold in the sidecar (null removes it). */
  async rememberThreshold(threshold: number | null): Promise<void> {
    await this.remember({ threshold });
  }

  cancel(): void {
    this.running?.cancel();
  }

  private keep(data: string): LastEvaluation {
    if (this.last?.data !== data) this.last = { data };
    return this.last;
  }

  private withProgress<T>(
    title: string,
    kind: string,
    work: (jobId: string, token: vscode.CancellationToken) => Promise<T>,
  ): Promise<T> {
    this.running?.cancel();
    const jobId = `${this.fileName}#${kind}${this.nextJob++}`;
    const rpc = this.engine.rpc();
    return this.explain.track((cts) => {
      this.running = cts;
      return withRunProgress(title, cts, (progress) => {
        const listening = rpc.on('explain/progress', (p) => {
          if (p.jobId !== jobId) return;
          progress(p.done, p.total, p.etaSeconds);
          this.progressEmitter.fire({ done: p.done, total: p.total });
        });
        return work(jobId, cts.token).finally(() => {
          listening.dispose();
          if (this.running === cts) this.running = undefined;
        });
      });
    });
  }

  /** Label and threshold go to the sidecar, unless the user's sidecar is not valid JSON (never overwritten then). */
  private async remember(e: { labelColumn?: string; threshold?: number | null }): Promise<void> {
    const { exists, text } = await this.explain.readSidecar();
    const updated = updateSidecarEvaluation(exists ? text : undefined, e);
    if (updated === undefined || updated === text) return;
    // A first sidecar is created only if the user agrees (asked once per model).
    if (!exists) return saveNewSidecar(this.explain.sidecarUri, updated);
    await vscode.workspace.fs.writeFile(this.explain.sidecarUri, new TextEncoder().encode(updated));
  }
}
