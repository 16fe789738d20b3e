/**
 * The host's handle on the engine worker: starts it on first use (never at activation), replaces it
 * when it dies, and rejects the requests that were in flight with a clear message.
 */
import { Worker } from 'node:worker_threads';
import { RpcEndpoint } from '../protocol/endpoint';
import type { WorkerNotifications, WorkerRequests } from '../protocol/messages';
import { portTransport } from '../engine/runtime/portTransport';

type Endpoint = RpcEndpoint<Record<string, never>, WorkerRequests, WorkerNotifications>;

/**
 * The engine's young generation: V8 doubled it from 16 to 32 MB after ~60 soak runs, resident memory that never
 * came back; at 24 MB (what it had after warm-up) the soak's 240 runs took no longer (bench:soak, 12-15 s either way).
 */
const ENGINE_YOUNG_GENERATION_MB = 24;

export class WorkerClient {
  private worker: Worker | undefined;
  private endpoint: Endpoint | undefined;
  private generation = 0;
  private disposed = false;
  private readonly progressListeners = new Set<(p: WorkerNotifications['engine/progress']) => void>();

  constructor(
    private readonly workerPath: string,
    private readonly onCrash?: (message: string) => void,
    /** Read at each start: the settings the worker runs with (its onnxruntime backend and providers). */
    private readonly workerData?: () => unknown,
  ) {}

  /** A worker generation number: models loaded in an older generation are gone. */
  get currentGeneration(): number {
    return this.generation;
  }

  get isRunning(): boolean {
    return this.worker !== undefined;
  }

  rpc(): Endpoint {
    if (this.disposed) throw new Error('The Model Lens engine has been shut down.');
    if (this.endpoint) return this.endpoint;
    const worker = new Worker(this.workerPath, {
      workerData: this.workerData?.(),
      resourceLimits: { maxYoungGenerationSizeMb: ENGINE_YOUNG_GENERATION_MB },
    });
    const endpoint: Endpoint = new RpcEndpoint(portTransport(worker));
    endpoint.on('engine/progress', (p) => this.progressListeners.forEach((l) => l(p)));
    this.generation++;
    worker.on('error', (e) => this.lost(worker, `The Model Lens engine stopped: ${e.message}`));
    worker.on('exit', (code) => this.lost(worker, `The Model Lens engine exited (code ${code}).`));
    this.worker = worker;
    this.endpoint = endpoint;
    return endpoint;
  }

  onProgress(listener: (p: WorkerNotifications['engine/progress']) => void): { dispose(): void } {
    this.progressListeners.add(listener);
    return { dispose: () => this.progressListeners.delete(listener) };
  }

  /** Ends the worker (e.g. to stop a run that does not answer); the next request starts a new one. */
  async restart(reason = 'The Model Lens engine was restarted.'): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.detach(reason);
    await w.terminate();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.restart('The Model Lens engine has been shut down.');
  }

  private lost(worker: Worker, message: string): void {
    if (worker !== this.worker) return;
    this.detach(message);
    if (!this.disposed) this.onCrash?.(message);
  }

  private detach(reason: string): void {
    this.endpoint?.dispose(reason);
    this.endpoint = undefined;
    this.worker = undefined;
  }
}
