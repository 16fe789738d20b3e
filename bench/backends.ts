/**
 * The WebAssembly fallback against the native onnxruntime: bare batched evaluation (one thread each, as the
 * evaluation workers run them) on an MLP, the digits CNN and a 100-tree ensemble, and a KernelSHAP run through
 * the worker pool on each backend. Prints the wasm/native time ratios. Part of `npm run bench:explain`.
 */
import path from 'node:path';
import { seededRandom, summariseBackground } from '../src/engine/data/background';
import { singleFeatureGroups } from '../src/engine/explain/shapley/coalitionValues';
import type { InferenceBackend } from '../src/engine/runtime/backend';
import { createEvalPool } from '../src/engine/worker/evalPool';
import { openModel } from '../src/engine/runtime/ortOpen';
import { runtimeOptions, type BackendChoice } from '../src/engine/runtime/runtimeOptions';

const ROOT = path.resolve(__dirname, '..');
const model = (name: string) => path.join(ROOT, 'test/fixtures/models', name);

/** Seconds for `repeats` runs of one batch of `rows` rows (the model's own input shape), after one warm-up. */
async function timeBatches(b: InferenceBackend, rows: number, repeats: number): Promise<number> {
  const shape = b.inputs[0].shape.map((d) => (typeof d === 'number' ? d : 1));
  const width = shape.slice(1).reduce((a, d) => a * d, 1);
  const data = new Float32Array(rows * width);
  const random = seededRandom(1);
  for (let i = 0; i < data.length; i++) data[i] = random();
  const feed = { [b.inputs[0].name]: { type: 'float32' as const, dims: [rows, ...shape.slice(1)], data } };
  const outs = b.outputs.filter((o) => o.isTensor).map((o) => o.name);
  await b.run(feed, outs);
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) await b.run(feed, outs);
  return (performance.now() - t0) / 1000;
}

async function bare(file: string, rows: number, repeats: number): Promise<void> {
  const seconds: Record<string, number> = {};
  for (const backend of ['native', 'wasm'] as const) {
    const b = await openModel(model(file), runtimeOptions(backend, ['cpu']), { threads: 1 });
    seconds[backend] = await timeBatches(b, rows, repeats);
    await b.dispose();
  }
  const rate = (s: number) => `${((rows * repeats) / s / 1000).toFixed(1)}k rows/s`;
  console.log(
    `${file}: native ${rate(seconds.native)}, wasm ${rate(seconds.wasm)}: ` +
      `wasm/native time ratio ${(seconds.wasm / seconds.native).toFixed(2)}`,
  );
}

/** KernelSHAP's model rows through the evaluation-worker pool, as the panel runs them. */
async function pooled(backend: BackendChoice): Promise<number> {
  const pool = createEvalPool(path.join(ROOT, 'dist'), runtimeOptions(backend, ['cpu']));
  const random = seededRandom(3);
  const values = new Float64Array(50 * 13);
  for (let i = 0; i < values.length; i++) values[i] = random() * 4 - 2;
  const background = summariseBackground(
    { values, rows: 50, cols: 13 },
    {
      backgroundSize: 50,
      method: 'sample',
      random,
    },
  );
  const vf = await pool.valueFunction({
    modelPath: model('mlp_wine.onnx'),
    background,
    groups: singleFeatureGroups(13),
    link: 'identity',
  });
  const count = 2000;
  const masks = new Uint8Array(count * 13).map(() => (random() < 0.5 ? 1 : 0));
  const x = values.subarray(0, 13);
  await vf.values(x, masks.subarray(0, 13 * 100), 100);
  const t0 = performance.now();
  await vf.values(x, masks, count);
  const s = (performance.now() - t0) / 1000;
  vf.dispose();
  await pool.dispose();
  return s;
}

async function main(): Promise<void> {
  await bare('mlp_wine.onnx', 16_384, 20);
  await bare('cnn_digits28.onnx', 256, 10);
  await bare('gbr100_depth6.onnx', 16_384, 5);
  const native = await pooled('native');
  const wasm = await pooled('wasm');
  console.log(
    `KernelSHAP coalitions through the worker pool (mlp_wine, 2000 coalitions x 50 background rows): ` +
      `native ${native.toFixed(2)} s, wasm ${wasm.toFixed(2)} s: wasm/native time ratio ${(wasm / native).toFixed(2)}`,
  );
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
