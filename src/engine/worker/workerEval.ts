/**
 * Entry of an evaluation worker in the engine's pool: its own single-threaded onnxruntime session, so
 * that building rows in JavaScript and running the model proceed on every core at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RpcEndpoint } from '../../protocol/endpoint';
import type { PoolNotifications, PoolOpenParams, PoolRequests } from '../../protocol/messages';
import { backendModel } from '../explain/backendModel';
import { newRows, type BatchModel } from '../explain/batchModel';
import { BatchEvaluator } from '../explain/evaluator';
import { RowBuffers } from '../explain/rowBuffers';
import { targetModel } from '../explain/outputTarget';
import { valueFunction, type ValueFunction } from '../explain/shapley/coalitionValues';
import type { InferenceBackend } from '../runtime/backend';
import { openModel } from '../runtime/ortOpen';
import { portTransport } from '../runtime/portTransport';
import { runtimeFromWorkerData } from '../runtime/runtimeOptions';

if (!parentPort) throw new Error('An evaluation worker must run in a worker thread.');

const endpoint = new RpcEndpoint<PoolRequests, Record<string, never>, Record<string, never>, PoolNotifications>(
  portTransport(parentPort),
);
/** Sessions by model path (a couple at most: each holds a model's weights), value functions by the caller's id. */
const sessions = new Map<string, Promise<InferenceBackend>>();
interface OpenValues {
  vf: ValueFunction;
  cancel: { isCancellationRequested: boolean };
  modelPath: string;
  model: BatchModel;
  background: Float64Array;
}
const open = new Map<string, OpenValues>();
const KEEP_SESSIONS = 2;
const runtime = runtimeFromWorkerData(workerData);
/** Blocks of rows shared by every value function here: two calls are in flight per worker at most. */
const buffers = new RowBuffers(2);

function session(modelPath: string): Promise<InferenceBackend> {
  let s = sessions.get(modelPath);
  if (s) {
    sessions.delete(modelPath);
  } else {
    s = openModel(modelPath, runtime, { threads: 1 });
    s.catch(() => sessions.delete(modelPath));
  }
  sessions.set(modelPath, s);
  for (const [path, old] of sessions) {
    if (sessions.size <= KEEP_SESSIONS) break;
    if ([...open.values()].some((o) => o.modelPath === path)) continue;
    sessions.delete(path);
    void old.then((b) => b.dispose()).catch(() => undefined);
  }
  return s;
}

/**
 * The model as one explanation sees it, kept while its session is: an image explanation opens a value function
 * per picture, and each open would otherwise probe the model again.
 */
const models = new Map<string, { session: Promise<InferenceBackend>; model: Promise<BatchModel> }>();

function explainedModel(p: PoolOpenParams): Promise<BatchModel> {
  const s = session(p.modelPath);
  const key = JSON.stringify([p.modelPath, p.input, p.output, p.inputDims, p.dimsOf, p.target]);
  const known = models.get(key);
  if (known && known.session === s) return known.model;
  const d = p.background.length / p.backgroundRows;
  const model = s
    .then((backend) =>
      backendModel(
        backend,
        { input: p.input, output: p.output, inputDims: p.inputDims, dimsOf: p.dimsOf },
        p.background.subarray(0, d),
      ),
    )
    .then((explained) => (p.target ? targetModel(explained, p.target) : explained));
  models.set(key, { session: s, model });
  model.catch(() => models.delete(key));
  for (const [k, m] of models) if (![...sessions.values()].includes(m.session)) models.delete(k);
  return model;
}

async function openValues(p: PoolOpenParams): Promise<{ columns: number }> {
  const model = await explainedModel(p);
  const cancel = { isCancellationRequested: false };
  let reported = 0;
  const evaluator = new BatchEvaluator(model, {
    cancel,
    buffers,
    onRows: (rows) => {
      endpoint.notify('pool/rows', { id: p.id, rows: rows - reported });
      reported = rows;
    },
  });
  const background = { values: p.background, rows: p.backgroundRows, weights: p.backgroundWeights };
  const vf = valueFunction(evaluator, background, { count: p.groupCount, groupOf: p.groupOf }, p.link);
  open.set(p.id, { vf, cancel, modelPath: p.modelPath, model, background: p.background });
  return { columns: model.columns };
}

endpoint.handle('pool/open', (p) => openValues(p));
endpoint.handle('pool/close', ({ id }) => void open.delete(id));
endpoint.handle('pool/timeRows', async ({ id, rows }) => {
  const o = open.get(id);
  if (!o) throw new Error('that value function is not open in this evaluation worker');
  const block = Math.min(rows, 32768);
  const buffer = newRows(o.model, block * o.model.features);
  for (let i = 0; i < buffer.length; i++) buffer[i] = o.background[i % o.background.length];
  const t0 = performance.now();
  for (let done = 0; done < rows; done += block) {
    const n = Math.min(block, rows - done);
    await o.model.evaluate(buffer.subarray(0, n * o.model.features), n);
  }
  return { ms: performance.now() - t0 };
});
endpoint.handle('pool/values', async ({ id, x, masks, count }, { token }) => {
  const c = open.get(id);
  if (!c) throw new Error('that value function is not open in this evaluation worker');
  // The request's cancel reaches the evaluator, which checks it between model calls.
  const watch = setInterval(() => (c.cancel.isCancellationRequested = token.isCancellationRequested), 20);
  try {
    c.cancel.isCancellationRequested = false;
    return await c.vf.values(x, masks, count);
  } finally {
    clearInterval(watch);
  }
});
