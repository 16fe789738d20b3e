import assert from 'node:assert/strict';
import path from 'node:path';
import { WorkerClient } from '../../../src/host/workerClient';

const ROOT = path.resolve(__dirname, '../../..');
const WORKER = path.join(ROOT, 'dist', 'worker.js');
const model = (name: string) => path.join(ROOT, 'test', 'fixtures', 'models', name);

describe('engine worker (built dist/worker.js, real onnxruntime)', function () {
  this.timeout(30_000);
  let client: WorkerClient;
  let crashes: string[];

  beforeEach(() => {
    crashes = [];
    client = new WorkerClient(WORKER, (m) => crashes.push(m));
  });
  afterEach(() => client.dispose());

  it('does not start a thread until the first request', async () => {
    assert.equal(client.isRunning, false);
    const pong = await client.rpc().request('engine/ping', { echo: 'x' });
    assert.equal(client.isRunning, true);
    assert.notEqual(pong.threadId, 0);
  });

  it('loads a model and runs it: class probabilities of every generated row sum to 1', async () => {
    const loaded = await client.rpc().request('model/load', { path: model('lr_wine.onnx') });
    assert.equal(loaded.inputs[0].elementType, 'float32');
    const run = await client
      .rpc()
      .request('model/runOnce', { modelId: loaded.modelId, sample: { defaultDimSize: 5 }, previewValues: 100 });
    const probs = run.outputs.find((o) => o.dims.length === 2 && o.elementType === 'float32');
    assert.ok(probs, 'a probability output');
    assert.deepEqual(probs.dims, [5, 3]);
    for (let r = 0; r < 5; r++) {
      const row = probs.preview.slice(r * 3, r * 3 + 3) as number[];
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5, 'softmax rows sum to 1');
    }
  });

  it('says which file is bad and keeps serving', async () => {
    await assert.rejects(
      client.rpc().request('model/load', { path: model('does-not-exist.onnx') }),
      /does-not-exist\.onnx: the file cannot be read/,
    );
    await assert.rejects(
      client.rpc().request('model/runOnce', { modelId: 'nope', sample: { defaultDimSize: 1 }, previewValues: 1 }),
      /No loaded model/,
    );
    assert.equal((await client.rpc().request('engine/ping', { echo: 'still here' })).echo, 'still here');
  });

  it('rejects in-flight requests when the worker is replaced, then starts a fresh one', async () => {
    const rpc = client.rpc();
    const pending = assert.rejects(rpc.request('model/load', { path: model('cnn_digits28.onnx') }), /replaced by test/);
    await client.restart('replaced by test');
    await pending;
    const pong = await client.rpc().request('engine/ping', { echo: 'new' });
    assert.equal(pong.echo, 'new');
    assert.equal(client.currentGeneration, 2);
  });
});

describe('engine worker runtime settings (workerData)', function () {
  this.timeout(30_000);

  it('loads on the backend the host asks for and says so; the wasm run gives the native probabilities', async () => {
    const results: Record<string, number[]> = {};
    for (const backend of ['native', 'wasm'] as const) {
      const client = new WorkerClient(WORKER, undefined, () => ({
        runtime: { backend, executionProviders: ['coreml', 'cpu'] },
      }));
      try {
        const loaded = await client.rpc().request('model/load', { path: model('lr_wine.onnx') });
        assert.equal(loaded.runtime?.backend, backend);
        assert.equal(loaded.runtime?.reason, 'chosen by the backend setting');
        // Off macOS coreml is named in a note either way (other builds lack it; WebAssembly has none).
        if (backend === 'wasm' || process.platform !== 'darwin') {
          assert.equal(loaded.runtime?.provider, backend === 'wasm' ? 'wasm' : 'cpu');
          assert.match(loaded.runtime!.notes.join('\n'), /^coreml: /);
        }
        const run = await client
          .rpc()
          .request('model/runOnce', { modelId: loaded.modelId, sample: { defaultDimSize: 4 }, previewValues: 100 });
        results[backend] = run.outputs.find((o) => o.dims.length === 2)!.preview as number[];
      } finally {
        await client.dispose();
      }
    }
    assert.equal(results.wasm.length, 12);
    results.wasm.forEach((v, i) => assert.ok(Math.abs(v - results.native[i]) < 1e-6, `value ${i}`));
  });

  it("the plan's notes and runtime say where the estimate's model runs", async () => {
    const client = new WorkerClient(WORKER, undefined, () => ({
      runtime: { backend: 'wasm', executionProviders: ['dml', 'cpu'] },
    }));
    try {
      const plan = await client.rpc().request('explain/plan', {
        modelPath: model('mlp_wine.onnx'),
        settings: { data: path.join(ROOT, 'test/fixtures/data/wine.csv'), rows: '0-1', method: 'kernel' },
      });
      assert.deepEqual(plan.runtime, {
        backend: 'wasm',
        provider: 'wasm',
        reason: 'chosen by the backend setting',
        notes: ['dml: the WebAssembly backend runs on the CPU only'],
      });
      assert.ok(
        plan.notes.includes(
          'The model runs on onnxruntime WebAssembly, wasm provider (chosen by the backend setting); dml: the WebAssembly backend runs on the CPU only.',
        ),
      );
    } finally {
      await client.dispose();
    }
  });
});
