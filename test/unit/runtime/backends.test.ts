import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { InferenceBackend, TensorData } from '../../../src/engine/runtime/backend';
import { openModel } from '../../../src/engine/runtime/ortOpen';
import { runtimeOptions } from '../../../src/engine/runtime/runtimeOptions';

const MODELS = path.resolve(__dirname, '../../fixtures/models');
const model = (name: string) => path.join(MODELS, name);
const native = runtimeOptions('native', ['cpu']);
const wasm = runtimeOptions('wasm', ['cpu']);

/** Deterministic inputs in [lo, hi): a linear congruential generator (Numerical Recipes' constants). */
function rows(count: number, width: number, lo: number, hi: number, seed = 7): Float32Array {
  const out = new Float32Array(count * width);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

async function outputs(b: InferenceBackend, feed: Record<string, TensorData>): Promise<Record<string, TensorData>> {
  const names = b.outputs.filter((o) => o.isTensor).map((o) => o.name);
  return b.run(feed, names);
}

/** Largest |a - b| over every tensor output, after checking both backends return the same names, types and dims. */
function maxDiff(a: Record<string, TensorData>, b: Record<string, TensorData>): number {
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
  let worst = 0;
  for (const name of Object.keys(a)) {
    assert.equal(a[name].type, b[name].type, name);
    assert.deepEqual(a[name].dims, b[name].dims, name);
    const x = a[name].data as ArrayLike<number | bigint>;
    const y = b[name].data as ArrayLike<number | bigint>;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(Number(x[i]) - Number(y[i])));
  }
  return worst;
}

async function both(file: string): Promise<[InferenceBackend, InferenceBackend]> {
  return [await openModel(model(file), native), await openModel(model(file), wasm)];
}

describe('native and WebAssembly backends run the same models alike', function () {
  this.timeout(60_000);
  const open: InferenceBackend[] = [];
  after(() => Promise.all(open.map((b) => b.dispose())));

  it('says which backend and provider each session runs on', async () => {
    const [n, w] = await both('lr_wine.onnx');
    open.push(n, w);
    assert.deepEqual(n.runtime, {
      backend: 'native',
      provider: 'cpu',
      reason: 'chosen by the backend setting',
      notes: [],
    });
    assert.equal(w.runtime?.backend, 'wasm');
    assert.equal(w.runtime?.provider, 'wasm');
    assert.deepEqual(w.inputs, n.inputs);
    assert.deepEqual(w.outputs, n.outputs);
  });

  it('mlp_wine: 64 rows of class probabilities agree within 1e-5', async () => {
    const [n, w] = await both('mlp_wine.onnx');
    open.push(n, w);
    const feed = { features: { type: 'float32' as const, dims: [64, 13], data: rows(64, 13, -2, 2) } };
    const a = await outputs(n, feed);
    assert.ok(maxDiff(a, await outputs(w, feed)) < 1e-5);
    // The probabilities are real ones: each row sums to 1 on both.
    const p = a.probabilities.data as Float32Array;
    for (let r = 0; r < 64; r++) assert.ok(Math.abs(p[3 * r] + p[3 * r + 1] + p[3 * r + 2] - 1) < 1e-5);
  });

  it('the digits CNN: logits of its reference images agree within 1e-4 and match the recorded ones', async () => {
    const [n, w] = await both('cnn_digits28.onnx');
    open.push(n, w);
    const ref = JSON.parse(readFileSync(model('cnn_digits28.ref.json'), 'utf8')) as {
      input: number[][];
      shape: number[];
      output: number[][];
    };
    const feed = {
      [n.inputs[0].name]: { type: 'float32' as const, dims: ref.shape, data: Float32Array.from(ref.input.flat()) },
    };
    const a = await outputs(n, feed);
    const b = await outputs(w, feed);
    assert.ok(maxDiff(a, b) < 1e-4);
    const logits = b[w.outputs[0].name].data as Float32Array;
    ref.output.flat().forEach((v, i) => assert.ok(Math.abs(logits[i] - v) < 1e-3, `logit ${i}`));
  });

  it('tree ensembles (gradient boosting, random forest): the same labels and scores', async () => {
    for (const [file, width] of [
      ['gb_breast_cancer.onnx', 30],
      ['rf_iris.onnx', 4],
    ] as const) {
      const [n, w] = await both(file);
      open.push(n, w);
      const feed = {
        [n.inputs[0].name]: { type: 'float32' as const, dims: [50, width], data: rows(50, width, 0, 30) },
      };
      assert.ok(maxDiff(await outputs(n, feed), await outputs(w, feed)) < 1e-5, file);
    }
  });

  it("'auto' falls back to WebAssembly, saying why, when the native library cannot load", async () => {
    const missing = () => Promise.reject(new Error('onnxruntime-node has no native binary for darwin-x64'));
    const b = await openModel(model('lr_wine.onnx'), runtimeOptions('auto', ['coreml', 'cpu']), {
      loadNative: missing,
    });
    open.push(b);
    assert.equal(b.runtime?.backend, 'wasm');
    assert.match(b.runtime!.reason, /fallback: onnxruntime-node has no native binary for darwin-x64/);
    assert.deepEqual(b.runtime?.notes, ['coreml: the WebAssembly backend runs on the CPU only']);
    await assert.rejects(
      openModel(model('lr_wine.onnx'), native, { loadNative: missing }),
      /the native backend was asked for, but onnxruntime-node has no native binary for darwin-x64/,
    );
  });

  it('a provider this build lacks is skipped with a note naming it; the session runs on cpu', async () => {
    const b = await openModel(model('lr_wine.onnx'), runtimeOptions('auto', ['CoreML', 'dml', 'cpu']));
    open.push(b);
    assert.equal(b.runtime?.backend, 'native');
    assert.equal(b.runtime?.provider, 'cpu');
    if (process.platform === 'linux') {
      assert.equal(b.runtime?.notes.length, 2);
      assert.match(b.runtime!.notes[0], /^coreml: not in onnxruntime-node's build for linux-/);
      assert.match(b.runtime!.notes[1], /^dml: not in onnxruntime-node's build for linux-/);
    }
  });
});
