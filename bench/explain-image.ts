/**
 * Image explanations, ratios measured in one run: the explanation (partition maps with their curves, the
 * engine's evaluation pool building the masked pictures) against bare onnxruntime evaluating as many
 * pictures, on the demo's digits CNN; and on a ResNet-18-sized 224x224 model, how soon the plan and its
 * ETA are shown and how close the ETA comes to the run. Exits 1 when a requirement fails.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diskFolders } from '../src/engine/data/listDir';
import { planExplainJob, runExplainJob } from '../src/engine/explain/jobs/explainJob';
import type { JobEnvironment } from '../src/engine/explain/jobs/jobData';
import type { InferenceBackend } from '../src/engine/runtime/backend';
import { createEvalPool } from '../src/engine/runtime/evalPool';
import { OrtBackend } from '../src/engine/runtime/ortBackend';
import type { ExplainSettings } from '../src/protocol/explainTypes';
import { makeResnetLike } from '../test/support/makeResnetLike';

const ROOT = path.resolve(__dirname, '..');
let failed = false;

function check(label: string, ok: boolean, detail: string): void {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${label}: ${detail}`);
  if (!ok) failed = true;
}

function environment(): JobEnvironment & { close(): Promise<void> } {
  const pool = createEvalPool(path.join(ROOT, 'dist'));
  const open = new Map<string, Promise<InferenceBackend>>();
  return {
    pool,
    readFile: (f) => readFile(f),
    folders: diskFolders,
    backend: (p) => {
      if (!open.has(p)) open.set(p, OrtBackend.create(p));
      return open.get(p)!;
    },
    async close() {
      for (const b of open.values()) await (await b).dispose();
      await pool.dispose();
    },
  };
}

/** Bare onnxruntime on `rows` pictures of the model's input: the faster of one session on all cores and one per core. */
async function bareMs(modelPath: string, dims: number[], rows: number, block: number): Promise<number> {
  const width = dims.reduce((a, b) => a * b, 1);
  const buffer = Float32Array.from({ length: block * width }, (_, i) => (i % 97) / 97);
  const time = async (sessions: InferenceBackend[]) => {
    const share = Math.ceil(rows / sessions.length);
    const t0 = performance.now();
    await Promise.all(
      sessions.map(async (s) => {
        for (let done = 0; done < share; done += block) {
          const n = Math.min(block, share - done);
          await s.run(
            { [s.inputs[0].name]: { type: 'float32', dims: [n, ...dims], data: buffer.subarray(0, n * width) } },
            [s.outputs[0].name],
          );
        }
      }),
    );
    return performance.now() - t0;
  };
  const one = await OrtBackend.create(modelPath);
  await time([one]);
  const oneMs = await time([one]);
  await one.dispose();
  return oneMs;
}

async function main(): Promise<void> {
  const env = environment();
  const digits = path.join(ROOT, 'demo/workspace/models/digits_cnn.onnx');
  const settings: ExplainSettings = {
    data: path.join(ROOT, 'demo/workspace/images/digits'),
    method: 'partition',
    rows: '0-11',
    image: { preset: 'unit', channels: 'L', size: [28, 28] },
  };
  await runExplainJob(env, digits, { ...settings, rows: '0-1' }); // warm the pool's sessions
  const t0 = performance.now();
  const { attribution } = await runExplainJob(env, digits, settings);
  const explainMs = performance.now() - t0;
  const bare = await bareMs(digits, [1, 28, 28], attribution.evaluations, 256);
  const ratio = explainMs / bare;
  check(
    'digits partition overhead',
    ratio <= 1.3,
    `${attribution.files!.length} pictures, ${attribution.evaluations} model rows: ${explainMs.toFixed(0)} ms explained vs ` +
      `${bare.toFixed(0)} ms bare onnxruntime on as many pictures: ${ratio.toFixed(2)}x (limit 1.3x)`,
  );

  // A 224x224 ResNet-18-sized model: the plan (with its timed ETA) comes before anything long starts.
  const resnet = makeResnetLike(0);
  const scene = path.join(ROOT, 'test/fixtures/images/scene_200x150.jpg');
  const big: ExplainSettings = {
    data: scene,
    method: 'partition',
    samples: 100,
    image: { preset: 'imagenet', resize: 'shorter-side-then-center-crop' },
  };
  const p0 = performance.now();
  const plan = await planExplainJob(env, resnet.path, big);
  const planMs = performance.now() - p0;
  check(
    'ResNet-sized plan',
    plan.etaSeconds !== undefined && planMs < 10_000,
    `${plan.evaluations} model rows planned, ETA ${plan.etaSeconds?.toFixed(1)} s, shown ${(planMs / 1000).toFixed(1)} s after asking`,
  );
  const r0 = performance.now();
  const run = await runExplainJob(env, resnet.path, big);
  const runS = (performance.now() - r0) / 1000;
  const bareRun = (await bareMs(resnet.path, [3, 224, 224], run.attribution.evaluations, 8)) / 1000;
  console.log(
    `ResNet-sized run: ${run.attribution.evaluations} model rows in ${runS.toFixed(1)} s (ETA said ${plan.etaSeconds?.toFixed(1)} s); ` +
      `bare onnxruntime on as many pictures ${bareRun.toFixed(1)} s: ${(runS / bareRun).toFixed(2)}x`,
  );
  await env.close();
  process.exit(failed ? 1 : 0);
}

void main();
