/**
 * Evaluation benchmark: 100,000 rows of the 13-feature wine MLP (rows resampled from wine.csv with a seed,
 * labels kept), through the same job as `model-lens evaluate`: model time (batched onnxruntime) and metric time
 * (every metric, 200 bootstrap resamples, the error tree) printed apart; their sum must stay under 2 s.
 * Then the surrogate rules (depth 3) on the same rows. Run with `npm run bench:evaluate`; exits 1 when a requirement fails.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../src/engine/data/background';
import { runEvaluateJob, runRulesJob, type EvaluationTiming } from '../src/engine/evaluate/evaluateJob';
import type { JobEnvironment } from '../src/engine/explain/jobs/jobData';
import { OrtBackend } from '../src/engine/runtime/ortBackend';

const ROOT = path.resolve(__dirname, '..');
const ROWS = 100_000;

async function main(): Promise<void> {
  const lines = readFileSync(path.join(ROOT, 'test/fixtures/data/wine.csv'), 'utf8').trim().split(/\r?\n/);
  const random = seededRandom(0);
  const body = Array.from({ length: ROWS }, () => lines[1 + Math.floor(random() * (lines.length - 1))]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'model-lens-bench-'));
  const data = path.join(dir, 'wine100k.csv');
  writeFileSync(data, [lines[0], ...body].join('\n'));
  const model = path.join(ROOT, 'test/fixtures/models/mlp_wine.onnx');
  const backend = await OrtBackend.create(model);
  const env: JobEnvironment = { readFile: (f) => readFile(f), backend: () => Promise.resolve(backend) };
  try {
    // One warm-up run (onnxruntime's first calls allocate), then the measured one.
    await runEvaluateJob(env, model, { data, label: 'cultivar', resamples: 10 });
    const timing: EvaluationTiming = { modelMs: 0, metricMs: 0 };
    const t0 = performance.now();
    const e = await runEvaluateJob(env, model, { data, label: 'cultivar' }, timing);
    const total = performance.now() - t0;
    const sum = timing.modelMs + timing.metricMs;
    console.log(`rows: ${e.rows}, task ${e.task}, ${e.task === 'classification' ? `accuracy ${e.accuracy}` : ''}`);
    console.log(
      `model time:  ${timing.modelMs.toFixed(0)} ms (${((1000 * e.rows) / timing.modelMs).toFixed(0)} rows/s)`,
    );
    console.log(
      `metric time: ${timing.metricMs.toFixed(0)} ms (every metric, ${e.resamples} bootstrap resamples, error tree)`,
    );
    console.log(`job total:   ${total.toFixed(0)} ms (also reading and matching the 100,000-row CSV)`);
    const t1 = performance.now();
    const r = await runRulesJob(env, model, { data, label: 'cultivar', depth: 3 });
    console.log(
      `rules depth 3: fidelity ${r.fidelity.toFixed(4)} in ${(performance.now() - t1).toFixed(0)} ms (job total)`,
    );
    const ok = sum < 2000;
    console.log(`${ok ? 'PASS' : 'FAIL'} model + metric time ${sum.toFixed(0)} ms < 2000 ms`);
    if (!ok) process.exitCode = 1;
  } finally {
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
