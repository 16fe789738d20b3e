/**
 * The worker's explanation jobs: one runtime session per model file (reopened when the file
 * changes), progress and finished rows sent as notifications tagged with the job's id.
 */
import { stat } from 'node:fs/promises';
import { diskFolders } from '../data/listDir';
import { readGuarded } from '../data/readGuard';
import type { Attribution } from '../../protocol/attributionTypes';
import type { ExplainPartial, ExplainProgress } from '../../protocol/explainTypes';
import { partialRowsSender, transferOf } from '../../protocol/partialRows';
import type { CancelToken } from '../../protocol/cancel';
import type { JobEnvironment } from '../explain/jobs/jobData';
import type { InferenceBackend, RuntimeInfo } from '../runtime/backend';
import type { EvalPool } from './evalPool';
import { describeLoadError } from '../runtime/loadErrors';
import { PreparedCache } from '../explain/jobs/preparedCache';

export interface JobSink {
  progress(p: ExplainProgress): void;
  /** `transfer`: the delta's buffers, moved rather than copied to the host. */
  partial(p: ExplainPartial, transfer: ArrayBuffer[]): void;
}

interface Session {
  key: string;
  backend: Promise<InferenceBackend>;
}

export class ExplainService {
  private readonly sessions = new Map<string, Session>();
  /** A plan's prepared pictures, for the run that follows it. */
  private readonly prepared = new PreparedCache();

  constructor(
    private readonly createBackend: (modelPath: string) => Promise<InferenceBackend>,
    private readonly sink: JobSink,
    private readonly pool?: EvalPool,
    /** Sessions kept open at once (each holds a model's weights). */
    private readonly keep = 2,
  ) {}

  environment(jobId: string, cancel: CancelToken) {
    let lastSent = 0;
    // The jobs hand over every row so far; only the rows the host has not seen cross the thread.
    const nextDelta = partialRowsSender();
    return {
      readFile: (file: string) => readGuarded(file),
      folders: diskFolders,
      backend: (modelPath: string) => this.backend(modelPath),
      pool: this.pool,
      prepared: this.prepared,
      cancel,
      progress: (done: number, total: number, etaSeconds?: number) => {
        const now = performance.now();
        if (now - lastSent < 100 && done < total) return;
        lastSent = now;
        this.sink.progress({ jobId, done, total, etaSeconds });
      },
      onPartial: (attribution: Attribution) => {
        const delta = nextDelta(attribution);
        this.sink.partial({ jobId, delta }, transferOf(delta));
      },
    } satisfies JobEnvironment & { onPartial: unknown };
  }

  /** The backend and provider a model's session runs on (opening it if needed). */
  async runtimeOf(modelPath: string): Promise<RuntimeInfo | undefined> {
    return (await this.backend(modelPath)).runtime;
  }

  private async backend(modelPath: string): Promise<InferenceBackend> {
    const info = await stat(modelPath).catch(() => undefined);
    const name = modelPath.split(/[\\/]/).pop() ?? modelPath;
    if (!info) throw new Error(`${name}: the model file cannot be read (does it still exist?)`);
    const key = `${info.size}:${info.mtimeMs}`;
    const open = this.sessions.get(modelPath);
    if (open && open.key === key) {
      // Most recently used last.
      this.sessions.delete(modelPath);
      this.sessions.set(modelPath, open);
      return open.backend;
    }
    if (open) this.close(modelPath, open);
    const backend = this.createBackend(modelPath).catch((e: unknown) => {
      this.sessions.delete(modelPath);
      throw new Error(describeLoadError(name, info.size, e));
    });
    this.sessions.set(modelPath, { key, backend });
    while (this.sessions.size > this.keep) {
      const [oldest, s] = this.sessions.entries().next().value as [string, Session];
      this.close(oldest, s);
    }
    return backend;
  }

  private close(modelPath: string, s: Session): void {
    this.sessions.delete(modelPath);
    void s.backend.then((b) => b.dispose()).catch(() => undefined);
  }

  async disposeAll(): Promise<void> {
    for (const [p, s] of [...this.sessions]) this.close(p, s);
    await this.pool?.dispose();
  }
}
