/** One model file held in the engine worker for a view; loaded again if the worker was replaced. */
import type * as vscode from 'vscode';
import type { WorkerClient } from '../workerClient';
import type { LoadedModel } from '../../protocol/messages';
import { logRuntime } from '../runtimeLog';

export class ModelSession {
  private model: { loaded: LoadedModel; generation: number } | undefined;
  private loading: Promise<LoadedModel> | undefined;

  constructor(
    readonly engine: WorkerClient,
    readonly uri: vscode.Uri,
  ) {}

  ensureLoaded(): Promise<LoadedModel> {
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
        logRuntime(loaded);
        return loaded;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  dispose(): void {
    const model = this.model;
    this.model = undefined;
    if (model && model.generation === this.engine.currentGeneration && this.engine.isRunning) {
      this.engine
        .rpc()
        .request('model/unload', { modelId: model.loaded.modelId })
        .catch(() => undefined);
    }
  }
}
