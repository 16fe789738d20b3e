// Explanations through the built engine worker (dist/worker.js, its evaluation pool, real onnxruntime):
// progress and finished rows arrive as notifications, a cancel stops the run (its latency: bench:explain).

import assert from 'node:assert/strict';
import path from 'node:path';
import { WorkerClient } from '../../../src/host/workerClient';
import type { Attribution, ExplainPartial, ExplainProgress } from '../../../src/protocol/explainTypes';
import { mergePartialRows } from '../../../src/protocol/partialRows';

const ROOT = path.resolve(__dirname, '../../..');
const WORKER = path.join(ROOT, 'dist', 'worker.js');
const MLP = path.join(ROOT, 'test/fixtures/models/mlp_wine.onnx');
const WINE = path.join(ROOT, 'test/fixtures/data/wine.csv');

describe('explanations in the engine worker', function () {
  this.timeout(60_000);
  let client: WorkerClient;

  beforeEach(() => (client = new WorkerClient(WORKER)));
  afterEach(() => client.dispose());

  it('plans, then runs with progress and rows as they finish; the plan counts the rows the run evaluates', async () => {
    const rpc = client.rpc();
    const progress: ExplainProgress[] = [];
    const partial: ExplainPartial[] = [];
    rpc.on('explain/progress', (p) => progress.push(p));
    rpc.on('explain/partial', (p) => partial.push(p));
    const settings = { data: WINE, rows: '0-9', method: 'auto' as const, backgroundSize: 50 };
    const plan = await rpc.request('explain/plan', { modelPath: MLP, settings });
    assert.equal(plan.method, 'kernel');
    assert.ok(plan.etaSeconds! > 0);
    assert.deepEqual(plan.outputColumns, ['class_0', 'class_1', 'class_2']);
    const out = await rpc.request('explain/run', { jobId: 'j1', modelPath: MLP, settings });
    assert.equal(out.attribution.evaluations, plan.evaluations);
    assert.equal(out.attribution.rows.length, 10);
    assert.ok(progress.length >= 2 && progress.every((p) => p.jobId === 'j1'));
    assert.ok(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done));
    assert.equal(progress[progress.length - 1].done, progress[progress.length - 1].total);
    assert.ok(partial.length >= 1);
    // Each partial carries only the rows after the last one's, in typed arrays; merged, they are the result's rows.
    let merged: Attribution | undefined;
    for (const p of partial) {
      const rows = p.delta.numbers.rows!;
      assert.equal(rows.start, merged?.rows.length ?? 0);
      assert.ok(rows.count > 0 && p.delta.numbers.values!.values instanceof Float64Array);
      merged = mergePartialRows(merged, p.delta);
    }
    assert.deepEqual(merged!.values, out.attribution.values);
    assert.deepEqual(merged!.rows, out.attribution.rows);
  });

  it('a cancel stops a long run, and the worker and its pool serve the next request', async () => {
    const rpc = client.rpc();
    const token = { isCancellationRequested: false, listeners: [] as (() => void)[] };
    const source = {
      get isCancellationRequested() {
        return token.isCancellationRequested;
      },
      onCancellationRequested: (l: () => void) => token.listeners.push(l),
    };
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    rpc.on('explain/progress', (p) => p.done > 0 && started());
    const settings = { data: WINE, rows: '0-99', method: 'exact' as const, backgroundSize: 100 };
    const run = rpc.request('explain/run', { jobId: 'long', modelPath: MLP, settings }, { token: source });
    await running;
    token.isCancellationRequested = true;
    token.listeners.forEach((l) => l());
    await assert.rejects(run, /Cancelled/);
    const pong = await rpc.request('engine/ping', { echo: 'after' });
    assert.equal(pong.echo, 'after');
    // The same model explains again at once (its evaluation workers were freed by the cancel).
    const again = await rpc.request('explain/run', {
      jobId: 'short',
      modelPath: MLP,
      settings: { ...settings, rows: '0' },
    });
    assert.equal(again.attribution.rows.length, 1);
  });
});

describe('two explanations at once in one engine worker', function () {
  this.timeout(60_000);

  it('each gets the numbers it gets alone (the evaluation workers keep them apart)', async () => {
    const client = new WorkerClient(WORKER);
    try {
      const rpc = client.rpc();
      const gbr = path.join(ROOT, 'test/fixtures/models/gbr100_depth6.onnx');
      const gbrData = path.join(ROOT, 'test/fixtures/models/gbr100_depth6.csv');
      const wine = { data: WINE, rows: '0-5', method: 'kernel' as const, backgroundSize: 40 };
      const trees = { data: gbrData, rows: '0-5', method: 'exact' as const, backgroundSize: 30 };
      const [a, b] = await Promise.all([
        rpc.request('explain/run', { jobId: 'a', modelPath: MLP, settings: wine }),
        rpc.request('explain/run', { jobId: 'b', modelPath: gbr, settings: trees }),
      ]);
      const aloneA = await rpc.request('explain/run', { jobId: 'a2', modelPath: MLP, settings: wine });
      const aloneB = await rpc.request('explain/run', { jobId: 'b2', modelPath: gbr, settings: trees });
      assert.deepEqual(a.attribution.values, aloneA.attribution.values);
      assert.deepEqual(b.attribution.values, aloneB.attribution.values);
      assert.equal(a.attribution.evaluations, aloneA.attribution.evaluations);
    } finally {
      await client.dispose();
    }
  });
});
