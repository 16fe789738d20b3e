/**
 * Entry of an evaluation worker in the engine's pool: its own single-threaded onnxruntime session, so
 * that building rows in JavaScript and running the model proceed on every core at once.
 */
import { parentPort } from 'node:worker_threads';
import { RpcEndpoint } from '../../protocol/endpoint';
import type { PoolNotifications, PoolOpenParams, PoolRequests } from '../../protocol/messages';
import { backendModel } from '../explain/backendModel';
import { BatchEvaluator } from '../explain/evaluator';
import { valueFunction, type ValueFunction } from '../explain/shapley/coalitionValues';
import type { InferenceBackend } from './backend';
import { OrtBackend } from './ortBackend';
import { portTransport } from './portTransport';

if (!parentPort) throw new Error('An evaluation worker must run in a worker thread.');

const endpoint = new RpcEndpoint<PoolRequests, Record<string, never>, Record<string, never>, PoolNotifications>(
  portTransport(parentPort),
);
let session: { path: string; backend: Promise<InferenceBackend> } | undefined;
let current: { vf: ValueFunction; cancel: { isCancellationRequested: boolean } } | undefined;

async function open(p: PoolOpenParams): Promise<{ columns: number }> {
  if (!session || session.path !== p.modelPath) {
    void session?.backend.then((b) => b.dispose()).catch(() => undefined);
    session = { path: p.modelPath, backend: OrtBackend.create(p.modelPath, { intraOpNumThreads: 1 }) };
  }
  const backend = await session.backend;
  const d = p.background.length / p.backgroundRows;
  const model = await backendModel(backend, { input: p.input, output: p.output }, p.background.subarray(0, d));
  const cancel = { isCancellationRequested: false };
  let reported = 0;
  const evaluator = new BatchEvaluator(model, {
    cancel,
    onRows: (rows) => {
      endpoint.notify('pool/rows', { rows: rows - reported });
      reported = rows;
    },
  });
  const background = { values: p.background, rows: p.backgroundRows, weights: p.backgroundWeights };
  current = { vf: valueFunction(evaluator, background, { count: p.groupCount, groupOf: p.groupOf }, p.link), cancel };
  return { columns: model.columns };
}

endpoint.handle('pool/open', (p) => open(p));
endpoint.handle('pool/values', async ({ x, masks, count }, { token }) => {
  if (!current) throw new Error('no model is open in this evaluation worker');
  const c = current;
  // The request's cancel reaches the evaluator, which checks it between model calls.
  const watch = setInterval(() => (c.cancel.isCancellationRequested = token.isCancellationRequested), 20);
  try {
    c.cancel.isCancellationRequested = false;
    return await c.vf.values(x, masks, count);
  } finally {
    clearInterval(watch);
  }
});
