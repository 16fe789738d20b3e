/**
 * The engine's pool of evaluation workers (one per core, each with a single-threaded onnxruntime
 * session): a value function whose coalitions are split between them. Measured on a small MLP, two
 * single-threaded sessions building their own rows beat one two-threaded session (bench:explain).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { RpcEndpoint, type CancelToken } from '../../protocol/endpoint';
import type { PoolNotifications, PoolRequests } from '../../protocol/messages';
import type { BackgroundSet, FeatureGroups, ValueFunction } from '../explain/shapley/coalitionValues';
import type { Link } from '../explain/shapley/link';
import { portTransport } from './portTransport';

type PoolEndpoint = RpcEndpoint<Record<string, never>, PoolRequests, PoolNotifications>;

export interface PoolValueOptions {
  modelPath: string;
  input?: string;
  output?: string;
  background: BackgroundSet;
  groups: FeatureGroups;
  link: Link;
  cancel?: CancelToken;
  /** Model rows evaluated by the pool, as they are. */
  onRows?: (rows: number) => void;
}

export class EvalPool {
  private readonly workers: { worker: Worker; endpoint: PoolEndpoint }[] = [];
  private nextId = 1;

  /** `script`: the worker's file, or (with `evaluate`) JavaScript source that loads it. */
  constructor(
    private readonly script: string,
    readonly size = Math.max(1, Math.min(4, availableParallelism())),
    private readonly evaluate = false,
  ) {}

  private start(): { worker: Worker; endpoint: PoolEndpoint }[] {
    while (this.workers.length < this.size) {
      const worker = new Worker(this.script, { eval: this.evaluate });
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
  async valueFunction(o: PoolValueOptions): Promise<ValueFunction> {
    const workers = this.start();
    const id = `v${this.nextId++}`;
    const params = {
      id,
      modelPath: o.modelPath,
      input: o.input,
      output: o.output,
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
    return {
      groups: o.groups,
      columns,
      async values(x, masks, count) {
        const token = pollingToken(o.cancel);
        try {
          const share = Math.ceil(count / workers.length);
          // One worker's failure cancels the others' share: nothing keeps running for a failed row.
          const parts = await Promise.all(
            workers.map((w, i) => {
              const from = Math.min(count, i * share);
              const to = Math.min(count, from + share);
              if (to <= from) return Promise.resolve(new Float64Array(0));
              return w.endpoint
                .request('pool/values', { id, x, masks: masks.slice(from * g, to * g), count: to - from }, { token })
                .catch((e: unknown) => {
                  token.cancel();
                  throw e;
                });
            }),
          );
          const v = new Float64Array(count * columns);
          let at = 0;
          for (const part of parts) {
            v.set(part, at);
            at += part.length;
          }
          return v;
        } finally {
          token.dispose();
        }
      },
      dispose: () => {
        listeners.forEach((l) => l.dispose());
        for (const w of workers) w.endpoint.request('pool/close', { id }).catch(() => undefined);
      },
    } as ValueFunction & { dispose(): void };
  }

  async dispose(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((w) => w.worker.terminate()));
  }
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
export function createEvalPool(bundleDir: string): EvalPool {
  const built = path.join(bundleDir, 'workerEval.js');
  if (existsSync(built)) return new EvalPool(built);
  const source = JSON.stringify(path.join(__dirname, 'workerEval.ts'));
  return new EvalPool(`require('tsx/cjs'); require(${source});`, undefined, true);
}
