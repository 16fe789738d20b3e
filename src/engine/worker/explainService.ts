/**
 * The worker's explanation jobs: sessions from the worker's one session cache, progress and finished
 * rows sent as notifications tagged with the job's id.
 */
import { diskFolders } from '../data/listDir';
import { readGuarded } from '../data/readGuard';
import type { Attribution } from '../../protocol/attributionTypes';
import type { ExplainPartial, ExplainProgress } from '../../protocol/explainTypes';
import { partialRowsSender, transferOf } from '../../protocol/partialRows';
import type { CancelToken } from '../../protocol/cancel';
import type { JobEnvironment } from '../explain/jobs/jobData';
import type { InferenceBackend, RuntimeInfo } from '../runtime/backend';
import type { EvalPool } from './evalPool';
import { SessionCache } from '../runtime/sessionCache';
import { PreparedCache } from '../explain/jobs/preparedCache';

export interface JobSink {
  progress(p: ExplainProgress): void;
  /** `transfer`: the delta's buffers, moved rather than copied to the host. */
  partial(p: ExplainPartial, transfer: ArrayBuffer[]): void;
}

export class ExplainService {
  private readonly sessions: SessionCache;
  /** The cache was made here (from an opener), so it closes with the service. */
  private readonly ownsSessions: boolean;
  /** A plan's prepared pictures, for the run that follows it. */
  private readonly prepared = new PreparedCache();

  constructor(
    /** The worker's session cache, shared with the model view's Run once; or an opener for a cache of its own. */
    sessions: SessionCache | ((modelPath: string) => Promise<InferenceBackend>),
    private readonly sink: JobSink,
    private readonly pool?: EvalPool,
  ) {
    this.ownsSessions = !(sessions instanceof SessionCache);
    this.sessions = sessions instanceof SessionCache ? sessions : new SessionCache(sessions);
  }

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

  private backend(modelPath: string): Promise<InferenceBackend> {
    return this.sessions.backend(modelPath);
  }

  async disposeAll(): Promise<void> {
    if (this.ownsSessions) await this.sessions.disposeAll();
    await this.pool?.dispose();
  }
}
