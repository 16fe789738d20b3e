/**
 * The engine's pool of evaluation workers (one per core, each with a single-threaded onnxruntime
 * session): a value function whose coalitions are split between them. Measured on a small MLP, two
 * single-threaded sessions building their own rows beat one two-threaded session (bench:explain).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { RpcEndpoint } from '../../protocol/endpoint';
import type { PoolNotifications, PoolRequests } from '../../protocol/messages';
import type { CancelToken } from '../../protocol/cancel';
import type { EvaluationPool, PooledValues, PoolValueOptions } from '../explain/evaluationPool';
import { portTransport } from '../runtime/portTransport';
import { DEFAULT_RUNTIME, type RuntimeOptions } from '../runtime/runtimeOptions';

type PoolEndpoint = RpcEndpoint<Record<string, never>, PoolRequests, PoolNotifications>;

/**
 * A worker's young generation: its JavaScript objects are few and small (rows live in typed arrays), and V8 grew
 * an unbounded one by 8 MB per worker after ~150 soak runs without it running faster (bench:soak, 200 runs:
 * 15-19 s either way).
 */
const YOUNG_GENERATION_MB = 6;

/** Rows per chunk of coalitions sent to one worker. */
const CHUNK_ROWS = 32768;
/** Input elements per chunk (about 16 MB of float32 rows), for wide inputs such as images. */
const CHUNK_ELEMENTS = 1 << 22;

/**
 * Hands tasks to the workers as they free up, two in flight per worker so a worker never idles
 * waiting for its next message.
 */
class WorkQueue {
  private readonly waiting: { task: (e: PoolEndpoint) => Promise<unknown>; done: (p: Promise<unknown>) => void }[] = [];
  private readonly busy = new Map<PoolEndpoint, number>();

  constructor(private readonly endpoints: () => PoolEndpoint[]) {}

  run<T>(task: (e: PoolEndpoint) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        task,
        done: (p) => (p as Promise<T>).then(resolve, reject),
      });
      this.pump();
    });
  }

  private pump(): void {
    // Each free worker gets one task before any gets a second, so two small chunks run on two workers.
    for (let depth = 1; depth <= 2; depth++) {
      for (const e of this.endpoints()) {
        if (!this.waiting.length || (this.busy.get(e) ?? 0) >= depth) continue;
        const next = this.waiting.shift()!;
        this.busy.set(e, (this.busy.get(e) ?? 0) + 1);
        const p = next.task(e);
        next.done(p);
        void p
          .catch(() => undefined)
          .finally(() => {
            this.busy.set(e, (this.busy.get(e) ?? 1) - 1);
            this.pump();
          });
      }
    }
  }
}

export class EvalPool implements EvaluationPool {
  private readonly workers: { worker: Worker; endpoint: PoolEndpoint }[] = [];
  private nextId = 1;
  private readonly queue = new WorkQueue(() => this.workers.map((w) => w.endpoint));

  /** `script`: the worker's file, or (with `evaluate`) JavaScript source that loads it. */
  constructor(
    private readonly script: string,
    readonly size = Math.max(1, Math.min(4, availableParallelism())),
    private readonly evaluate = false,
    /** The backend and providers each worker's sessions use. */
    private readonly runtime: RuntimeOptions = DEFAULT_RUNTIME,
  ) {}

  private start(): { worker: Worker; endpoint: PoolEndpoint }[] {
    while (this.workers.length < this.size) {
      const worker = new Worker(this.script, {
        eval: this.evaluate,
        workerData: { runtime: this.runtime },
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      worker.unref();
      const endpoint: PoolEndpoint = new RpcEndpoint(portTransport(worker));
      const entry = { worker, endpoint };
      const lost = () => {
        endpoint.dispose('An evaluation worker stopped.');
        const at = this.workers.indexOf(entry);
        if (at >= 0) this.workers.splice(at, 1);
      };
      worker.on('error', lost);
      worker.on('exit', lost);
      this.workers.push(entry);
    }
    return this.workers;
  }

  /** A value function over the pool for one explanation (the model and background sent once). */
  async valueFunction(o: PoolValueOptions): Promise<PooledValues> {
    const workers = this.start();
    const id = `v${this.nextId++}`;
    const params = {
      id,
      modelPath: o.modelPath,
      input: o.input,
      output: o.output,
      target: o.target,
      inputDims: o.inputDims,
      dimsOf: o.dimsOf,
      background: o.background.values,
      backgroundRows: o.background.rows,
      backgroundWeights: o.background.weights,
      groupCount: o.groups.count,
      groupOf: o.groups.groupOf,
      link: o.link,
    };
    const opened = await Promise.all(workers.map((w) => w.endpoint.request('pool/open', params)));
    const columns = opened[0].columns;
    const listeners = workers.map((w) => w.endpoint.on('pool/rows', (r) => r.id === id && o.onRows?.(r.rows)));
    const g = o.groups.count;
    const queue = this.queue;
    return {
      groups: o.groups,
      columns,
      async values(x, masks, count) {
        const token = pollingToken(o.cancel);
        try {
          // Chunks of about a block's rows go to whichever worker is free, so none waits on another.
          // Wide rows (images) make smaller chunks, and a small request is still shared by every worker.
          const width = o.background.values.length / o.background.rows;
          const rowsPerChunk = Math.min(CHUNK_ROWS, Math.floor(CHUNK_ELEMENTS / width));
          const starts = chunkStarts(count, workers.length, Math.floor(rowsPerChunk / o.background.rows));
          const parts: Promise<Float64Array>[] = [];
          for (let q = 0; q + 1 < starts.length; q++) {
            const from = starts[q];
            const to = starts[q + 1];
            const chunk = { id, x, masks: masks.slice(from * g, to * g), count: to - from };
            parts.push(
              queue
                .run((endpoint) => endpoint.request('pool/values', chunk, { token }))
                .catch((e: unknown) => {
                  // One chunk's failure cancels the rest: nothing keeps running for a failed row.
                  token.cancel();
                  throw e;
                }),
            );
          }
          const v = new Float64Array(count * columns);
          let at = 0;
          for (const part of await Promise.all(parts)) {
            v.set(part, at);
            at += part.length;
          }
          return v;
        } finally {
          token.dispose();
        }
      },
      /** Bare model rows per second over the whole pool (each worker times its share at once). */
      async rowsPerSecond(rows: number) {
        const share = Math.ceil(rows / workers.length);
        const times = await Promise.all(workers.map((w) => w.endpoint.request('pool/timeRows', { id, rows: share })));
        return (share * workers.length) / (Math.max(...times.map((t) => t.ms)) / 1000);
      },
      dispose: () => {
        listeners.forEach((l) => l.dispose());
        for (const w of workers) w.endpoint.request('pool/close', { id }).catch(() => undefined);
      },
    } as PooledValues;
  }

  async dispose(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((w) => w.worker.terminate()));
  }
}

/**
 * Where each chunk of `count` coalitions starts (and `count` last): as few chunks as `most` per chunk allows, at
 * least one per worker, their sizes within one of each other, so no worker idles on a short last chunk while another
 * runs a full one (a 13-feature kernel row, 2074 coalitions on two workers, went as 655, 655, 655, 109).
 */
export function chunkStarts(count: number, workers: number, most: number): number[] {
  if (count <= 0) return [0];
  const cap = Math.max(1, Math.min(most, Math.ceil(count / Math.max(1, workers))));
  const chunks = Math.ceil(count / cap);
  return Array.from({ length: chunks + 1 }, (_, q) => Math.floor((q * count) / chunks));
}

/** A token the RPC layer can subscribe to, fed by polling a plain { isCancellationRequested } flag. */
function pollingToken(source: CancelToken | undefined) {
  const listeners: (() => void)[] = [];
  let cancelled = false;
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    listeners.forEach((l) => l());
  };
  const timer = setInterval(() => {
    if (source?.isCancellationRequested) cancel();
  }, 20);
  return {
    cancel,
    get isCancellationRequested() {
      return cancelled || source?.isCancellationRequested === true;
    },
    onCancellationRequested(l: () => void) {
      listeners.push(l);
    },
    dispose: () => clearInterval(timer),
  };
}

/**
 * The pool's worker script: the built bundle next to the running bundle (dist/), else the TypeScript
 * source run through tsx (tests and benchmarks run from the sources).
 */
export function createEvalPool(bundleDir: string, runtime: RuntimeOptions = DEFAULT_RUNTIME): EvalPool {
  const built = path.join(bundleDir, 'workerEval.js');
  if (existsSync(built)) return new EvalPool(built, undefined, false, runtime);
  const source = JSON.stringify(path.join(__dirname, 'workerEval.ts'));
  return new EvalPool(`require('tsx/cjs'); require(${source});`, undefined, true, runtime);
}
