// A worker killed mid-run: the run ends in an error the panel can show (one line, saying what stopped), the
// crash is reported, and the next run works. The engine worker through the WorkerClient (dist/worker.js), an
// evaluation worker through its pool in this thread. bench:soak kills the engine worker after 200 runs too.

import assert from 'node:assert/strict';
import path from 'node:path';
import { singleFeatureGroups } from '../../../src/engine/explain/shapley/coalitionValues';
import { createEvalPool } from '../../../src/engine/worker/evalPool';
import { WorkerClient } from '../../../src/host/workerClient';

const ROOT = path.resolve(__dirname, '../../..');
const WORKER = path.join(ROOT, 'dist', 'worker.js');
const MLP = path.join(ROOT, 'test/fixtures/models/mlp_wine.onnx');
const WINE = path.join(ROOT, 'test/fixtures/data/wine.csv');
const GBR = path.join(ROOT, 'test/fixtures/models/gbr100_depth6.onnx');
const DIABETES = path.join(ROOT, 'test/fixtures/models/gbr100_depth6.csv');
const settings = { data: WINE, rows: '0-99', method: 'exact' as const, backgroundSize: 100 };
// TreeSHAP runs in JavaScript once its predictions are made: the engine is killed there, with no onnxruntime call
// in flight anywhere (terminating a thread inside a native call can abort the whole process: a known hazard of
// N-API addons, onnxruntime-node's among them, which the extension never does outside shutdown).
const treeSettings = { data: DIABETES, rows: '0-441', method: 'tree' as const, backgroundSize: 442 };

/** The private thread a test kills as a crash would (not the client's own restart, which is a deliberate stop). */
type Killable = { worker: { terminate(): Promise<number> } };

describe('a worker killed mid-run', function () {
  this.timeout(60_000);

  it('the engine worker: the run fails with a one-line message, the crash is reported, the next run works', async () => {
    const crashes: string[] = [];
    const client = new WorkerClient(WORKER, (m) => crashes.push(m));
    try {
      const rpc = client.rpc();
      let started!: () => void;
      const going = new Promise<void>((r) => (started = r));
      rpc.on('explain/progress', (p) => p.done > 0 && started());
      const run = rpc.request('explain/run', { jobId: 'long', modelPath: GBR, settings: treeSettings });
      await going;
      await (client as unknown as Killable).worker.terminate();
      await assert.rejects(
        run,
        (e: unknown) => e instanceof Error && /^The Model Lens engine exited \(code \d+\)\.$/.test(e.message),
      );
      assert.deepEqual(crashes, ['The Model Lens engine exited (code 1).']);
      assert.equal(client.isRunning, false);
      const next = await client.rpc().request('explain/run', {
        jobId: 'next',
        modelPath: MLP,
        settings: { ...settings, rows: '0-1', method: 'kernel', backgroundSize: 20 },
      });
      assert.equal(next.attribution.rows.length, 2);
      assert.equal(client.currentGeneration, 2);
    } finally {
      await client.dispose();
    }
  });

  it('an evaluation worker: the values fail with a one-line message, and the pool replaces the worker', async () => {
    const pool = createEvalPool(path.join(ROOT, 'dist'));
    try {
      const features = 13;
      const background = { values: new Float64Array(4 * features).fill(0.5), rows: 4 };
      const open = () =>
        pool.valueFunction({ modelPath: MLP, background, groups: singleFeatureGroups(features), link: 'identity' });
      const v = await open();
      const count = 20_000;
      const masks = Uint8Array.from({ length: count * features }, (_, i) => ((i * 7) % 3) & 1);
      const x = new Float64Array(features).fill(1);
      const values = v.values(x, masks, count);
      const workers = (pool as unknown as { workers: Killable[] }).workers;
      const before = workers.length;
      await workers[0].worker.terminate();
      await assert.rejects(values, (e: unknown) => e instanceof Error && e.message === 'An evaluation worker stopped.');
      assert.equal(workers.length, before - 1, 'the dead worker left the pool');
      const again = await open();
      assert.equal(workers.length, before, 'a new worker took its place');
      const out = await again.values(x, masks.subarray(0, 3 * features), 3);
      assert.equal(out.length, 3 * again.columns);
      assert.ok(out.every(Number.isFinite));
      again.dispose();
    } finally {
      await pool.dispose();
    }
  });
});
