/** Loaded models in the worker, keyed by an id the host holds. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedModel, ModelIo, RunOnceResult } from '../../protocol/messages';
import type { InferenceBackend, TensorData } from '../runtime/backend';
import { describeLoadError } from '../runtime/loadErrors';
import { SessionCache } from '../runtime/sessionCache';
import { previewValues, sampleTensor, type SampleOptions } from '../runtime/sampleInput';

export type BackendFactory = (modelPath: string) => Promise<InferenceBackend>;

interface Entry {
  modelPath: string;
  model: LoadedModel;
}

/** The models the host's views hold; their sessions come from the worker's one session cache. */
export class ModelRegistry {
  private readonly models = new Map<string, Entry>();
  private nextId = 1;
  private readonly sessions: SessionCache;
  /** The cache was made here (from an opener), so it closes with the registry. */
  private readonly ownsSessions: boolean;

  constructor(sessions: SessionCache | BackendFactory) {
    this.ownsSessions = !(sessions instanceof SessionCache);
    this.sessions = sessions instanceof SessionCache ? sessions : new SessionCache(sessions);
  }

  async load(modelPath: string): Promise<LoadedModel> {
    const fileName = path.basename(modelPath);
    let size: number;
    try {
      size = (await fs.promises.stat(modelPath)).size;
    } catch {
      throw new Error(`${fileName}: the file cannot be read (does it still exist?).`);
    }
    if (size === 0) throw new Error(describeLoadError(fileName, 0, undefined));
    const t0 = performance.now();
    // The cache names the file and the cause when it does not open.
    const backend = await this.sessions.backend(modelPath);
    const io = (list: readonly ModelIo[]) => list.map((t) => ({ ...t, shape: [...t.shape] }));
    const notes = backend.outputs
      .filter((o) => !o.isTensor)
      .map(
        (o) =>
          `Output '${o.name}' is not a tensor (for example a scikit-learn ZipMap of class probabilities); Model Lens does not fetch it and uses the tensor outputs.`,
      );
    const model: LoadedModel = {
      modelId: `m${this.nextId++}`,
      fileName,
      bytes: size,
      inputs: io(backend.inputs),
      outputs: io(backend.outputs),
      notes,
      loadMs: performance.now() - t0,
      runtime: backend.runtime,
    };
    this.models.set(model.modelId, { modelPath, model });
    return model;
  }

  async runOnce(modelId: string, sample: SampleOptions, previewCount: number): Promise<RunOnceResult> {
    const { modelPath, model } = this.get(modelId);
    // Reopened by the cache if the file changed or the session was closed to make room.
    const backend = await this.sessions.backend(modelPath);
    const feeds: Record<string, TensorData> = {};
    for (const input of backend.inputs) {
      if (!input.isTensor)
        throw new Error(`${model.fileName}: input '${input.name}' is not a tensor; Model Lens cannot feed it.`);
      feeds[input.name] = sampleTensor(input, sample);
    }
    const wanted = backend.outputs.filter((o) => o.isTensor).map((o) => o.name);
    const skipped = backend.outputs.filter((o) => !o.isTensor).map((o) => o.name);
    const t0 = performance.now();
    let results: Record<string, TensorData>;
    try {
      results = await backend.run(feeds, wanted);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const dims = Object.entries(feeds)
        .map(([n, t]) => `${n} [${t.dims.join(', ')}]`)
        .join(', ');
      throw new Error(
        `${model.fileName}: the model failed on the generated input (${dims}): ${why.replace(/\s+/g, ' ').trim()}. ` +
          'Set the sizes of its free dimensions or fill values and run again ' +
          `(or give them in ${model.fileName}.lens.json: sequence.length, image.size, text.maxLength, sequence.hold).`,
      );
    }
    const ms = performance.now() - t0;
    return {
      inputs: Object.entries(feeds).map(([name, t]) => ({ name, elementType: t.type, dims: t.dims })),
      outputs: wanted.map((name) => {
        const t = results[name];
        return {
          name,
          elementType: t.type,
          dims: t.dims,
          preview: previewValues(t.data, previewCount),
          total: t.data.length,
        };
      }),
      skipped,
      ms,
    };
  }

  /** The view let go of the model; its session stays in the cache until room is needed. */
  async unload(modelId: string): Promise<void> {
    this.models.delete(modelId);
  }

  async disposeAll(): Promise<void> {
    this.models.clear();
    if (this.ownsSessions) await this.sessions.disposeAll();
  }

  private get(modelId: string): Entry {
    const entry = this.models.get(modelId);
    if (!entry) throw new Error(`No loaded model with id '${modelId}'.`);
    return entry;
  }
}
