/**
 * Profile and compare benchmark, in one run: what a profile costs beyond its own session creation and
 * runs (limit 1.2x), on the wine MLP, the digits CNN and a ResNet-18-sized network; and how many rows
 * compare on data runs through each model per row of data (limit: once, plus one warm-up row).
 * Run with `npm run bench:profile`; exits 1 when a requirement fails.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCompareJob } from '../src/engine/compare/compareJob';
import type { JobEnvironment } from '../src/engine/explain/jobs/jobData';
import { runProfileJob, type ProfileSettings } from '../src/engine/profile/profileJob';
import type { InferenceBackend } from '../src/engine/runtime/backend';
import { OrtBackend } from '../src/engine/runtime/ortBackend';
import { makeResnetLike } from '../test/support/makeResnetLike';

const ROOT = path.resolve(__dirname, '..');
const fixture = (p: string) => path.join(ROOT, 'test/fixtures', p);
let failed = false;

function check(label: string, ok: boolean, detail: string): void {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${label}: ${detail}`);
  if (!ok) failed = true;
}

const env = {
  readFile: (f: string) => readFile(f),
  open: (m: string | Uint8Array, o: { threads: number; profileFilePrefix?: string }) =>
    OrtBackend.create(m, { intraOpNumThreads: o.threads, profileFilePrefix: o.profileFilePrefix }),
};

async function profileCost(label: string, model: string, settings: ProfileSettings, repeats: number): Promise<void> {
  const ratios: number[] = [];
  const extras: number[] = [];
  let detail = '';
  for (let k = 0; k < repeats; k++) {
    const r = await runProfileJob(env, model, settings);
    const own = r.cost.sessions_ms + r.cost.runs_ms;
    ratios.push(r.total_ms / own);
    extras.push(r.total_ms - own);
    if (k === 0)
      detail =
        `first ${r.total_ms.toFixed(0)} ms for ${r.cost.sessions_ms.toFixed(0)} ms of sessions + ` +
        `${r.cost.runs_ms.toFixed(0)} ms of runs; p50 at batch ${r.batches[0].batch}: ${r.batches[0].p50_ms.toFixed(3)} ms`;
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  check(
    `profile cost, ${label}`,
    median <= 1.2,
    `${median.toFixed(3)}x its sessions and runs (median of ${repeats}; each: ${ratios.map((x) => x.toFixed(3)).join(', ')}; ` +
      `ms beyond them: ${extras.map((x) => x.toFixed(1)).join(', ')}); ${detail}`,
  );
}

/** Counts the rows each model is run on. */
function countingEnvironment(): { env: JobEnvironment; rows: Map<string, number>; close(): Promise<void> } {
  const rows = new Map<string, number>();
  const open = new Map<string, Promise<InferenceBackend>>();
  return {
    rows,
    env: {
      readFile: (f) => readFile(f),
      backend: (modelPath) => {
        let b = open.get(modelPath);
        if (!b) {
          b = OrtBackend.create(modelPath).then((inner) => ({
            inputs: inner.inputs,
            outputs: inner.outputs,
            dispose: () => inner.dispose(),
            run: (feeds, outputs) => {
              rows.set(modelPath, (rows.get(modelPath) ?? 0) + Object.values(feeds)[0].dims[0]);
              return inner.run(feeds, outputs);
            },
          }));
          open.set(modelPath, b);
        }
        return b;
      },
    },
    close: async () => {
      for (const b of open.values()) await (await b).dispose();
    },
  };
}

async function main(): Promise<void> {
  await profileCost(
    'wine MLP, batches 1,8,64, default runs (a quarter second a batch)',
    fixture('models/mlp_wine.onnx'),
    { batches: [1, 8, 64], threads: [1] },
    5,
  );
  await profileCost(
    'digits CNN, batches 1,8,64, default runs (a quarter second a batch)',
    fixture('models/cnn_digits28.onnx'),
    { batches: [1, 8, 64], threads: [1] },
    5,
  );
  const resnet = makeResnetLike(0);
  await profileCost(
    'ResNet-18-sized, batch 1, 5 runs',
    resnet.path,
    { batches: [1], threads: [1], runs: 5, warmup: 3 },
    1,
  );

  const a = fixture('models/mlp_wine.onnx');
  const b = fixture('models/mlp_wine_int8.onnx');
  const counting = countingEnvironment();
  const started = performance.now();
  const r = await runCompareJob(counting.env, a, b, { data: fixture('data/wine.csv'), importanceRows: 0, batch: 64 });
  const seconds = (performance.now() - started) / 1000;
  await counting.close();
  const rows = r.data!.rows;
  const perRow = [a, b].map((m) => (counting.rows.get(m) ?? 0) - 1);
  check(
    'compare runs each model once per data row',
    perRow.every((n) => n === rows),
    `${rows} rows of wine.csv: ${perRow.join(' and ')} rows run (plus one warm-up row each) in calls of ${r.data!.batch}, ${seconds.toFixed(2)} s`,
  );
  process.exitCode = failed ? 1 : 0;
}

void main();
