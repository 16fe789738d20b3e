/**
 * Soak: 200 explanations in a row in one engine worker (dist/worker.js with its evaluation pool and onnxruntime),
 * alternating mlp_wine (tabular, kernel) and the digits CNN (images, partition). Prints resident memory after
 * warm-up and at the end and exits 1 when it grew by 50 MB or more. Then kills the engine worker mid-run and
 * checks the run fails with a message, the crash is reported, and the next run works. Run `node esbuild.mjs` first
 * (`npm run bench:soak` does).
 */
import path from 'node:path';
import { WorkerClient } from '../src/host/workerClient';
import type { ExplainSettings } from '../src/protocol/explainTypes';

const ROOT = path.resolve(__dirname, '..');
const WORKER = path.join(ROOT, 'dist', 'worker.js');
const RUNS = Number(process.env.SOAK_RUNS ?? 200);
const WARM_UP = 20;
const LIMIT_MB = 50;

const MLP = path.join(ROOT, 'test/fixtures/models/mlp_wine.onnx');
const DIGITS = path.join(ROOT, 'demo/workspace/models/digits_cnn.onnx');
const wine: ExplainSettings = {
  data: path.join(ROOT, 'test/fixtures/data/wine.csv'),
  rows: '0-4',
  method: 'kernel',
  backgroundSize: 30,
  samples: 256,
};
const digits: ExplainSettings = {
  data: path.join(ROOT, 'test/fixtures/images/digits'),
  rows: '0-1',
  method: 'partition',
  samples: 200,
  image: { preset: 'unit', channels: 'L', size: [28, 28] },
};

const mb = (bytes: number) => bytes / 2 ** 20;
/** Resident memory after a collection, so garbage not yet collected does not count as growth. */
function rss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

async function main(): Promise<number> {
  let failed = false;
  const crashes: string[] = [];
  const client = new WorkerClient(WORKER, (m) => crashes.push(m));
  try {
    const rpc = () => client.rpc();
    let afterWarmUp = 0;
    const t0 = performance.now();
    for (let i = 0; i < RUNS; i++) {
      const tabular = i % 2 === 0;
      const out = await rpc().request('explain/run', {
        jobId: `soak${i}`,
        modelPath: tabular ? MLP : DIGITS,
        settings: tabular ? wine : digits,
      });
      if (out.attribution.rows.length !== (tabular ? 5 : 2))
        throw new Error(`run ${i}: ${out.attribution.rows.length} rows`);
      if (i + 1 === WARM_UP) afterWarmUp = rss();
      if ((i + 1) % 50 === 0) console.log(`  ${i + 1} runs, rss ${mb(rss()).toFixed(1)} MB`);
    }
    const end = rss();
    const growth = mb(end - afterWarmUp);
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `soak: ${RUNS} explanations in one engine in ${seconds.toFixed(1)} s; rss after ${WARM_UP} runs ${mb(afterWarmUp).toFixed(1)} MB, ` +
        `at the end ${mb(end).toFixed(1)} MB: grew ${growth.toFixed(1)} MB (limit ${LIMIT_MB} MB)`,
    );
    if (!(growth < LIMIT_MB)) failed = true;

    // The engine worker dies mid-run: the run fails with a message the panel shows, the crash is reported, the next run works.
    const killed = await midRun(client, 'engine', () =>
      (client as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate(),
    );
    console.log(`engine worker killed mid-run: "${killed}"; crash reported: "${crashes.join('; ')}"`);
    if (!/engine exited/.test(killed) || crashes.length !== 1) failed = true;
    const next = await client.rpc().request('explain/run', { jobId: 'after', modelPath: MLP, settings: wine });
    console.log(`the next run after the kill: ${next.attribution.rows.length} rows explained`);
    if (next.attribution.rows.length !== 5) failed = true;
  } finally {
    await client.dispose();
  }
  console.log(failed ? 'soak: FAILED' : 'soak: ok');
  return failed ? 1 : 0;
}

/** Starts a long run, kills something once it is under way, and returns the run's error message. */
async function midRun(client: WorkerClient, label: string, kill: () => Promise<unknown>): Promise<string> {
  const rpc = client.rpc();
  let started!: () => void;
  const going = new Promise<void>((r) => (started = r));
  const sub = rpc.on('explain/progress', (p) => p.done > 0 && started());
  const run = rpc.request('explain/run', {
    jobId: `long-${label}`,
    modelPath: MLP,
    settings: { ...wine, rows: '0-99', method: 'exact', backgroundSize: 100 },
  });
  await going;
  sub.dispose();
  await kill();
  try {
    await run;
    return 'the run finished (not killed)';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
