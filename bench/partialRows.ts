/**
 * Partial results benchmark: 200 rows of the 13-feature wine MLP (wine.csv's rows repeated) explained by KernelSHAP
 * through the worker's ExplainService, counting the bytes of every partial as the old protocol sent it (the whole
 * attribution so far) and as deltas of new rows in typed arrays: worker->host (V8's structured clone, what a
 * MessagePort copies) and host->webview (JSON, typed arrays as raw bytes). Run with `npm run bench:partial`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { runExplainJob } from '../src/engine/commands/explainJob';
import { OrtBackend } from '../src/engine/runtime/ortBackend';
import { ExplainService } from '../src/engine/worker/explainService';
import type { Attribution } from '../src/protocol/attributionTypes';
import { mergePartialRows } from '../src/protocol/partialRows';

const ROOT = path.resolve(__dirname, '..');
const ROWS = 200;

/** What a webview message costs: JSON for plain values, raw bytes for typed arrays (VS Code sends those as binary). */
function webviewBytes(value: unknown): number {
  let binary = 0;
  const json = JSON.stringify(value, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v)) {
      binary += v.byteLength;
      return null;
    }
    return v;
  });
  return json.length + binary;
}

interface Totals {
  worker: number;
  webview: number;
}

async function main(): Promise<void> {
  const lines = readFileSync(path.join(ROOT, 'test/fixtures/data/wine.csv'), 'utf8').trim().split(/\r?\n/);
  const body = Array.from({ length: ROWS }, (_, i) => lines[1 + (i % (lines.length - 1))]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'model-lens-bench-'));
  const data = path.join(dir, 'wine200.csv');
  writeFileSync(data, [lines[0], ...body].join('\n'));
  const before: Totals = { worker: 0, webview: 0 };
  const after: Totals = { worker: 0, webview: 0 };
  let partials = 0;
  let merged: Attribution | undefined;
  const service = new ExplainService((m) => OrtBackend.create(m), {
    progress: () => {},
    partial: (p) => {
      after.worker += serialize(p).length;
      after.webview += webviewBytes({ delta: p.delta });
      merged = mergePartialRows(merged, p.delta);
    },
  });
  const env = service.environment('bench', { isCancellationRequested: false });
  const send = env.onPartial;
  env.onPartial = (attribution) => {
    // The old protocol: the whole attribution so far, to the host and again to the webview.
    partials++;
    before.worker += serialize({ jobId: 'bench', attribution }).length;
    before.webview += webviewBytes({ attribution });
    send(attribution);
  };
  try {
    const model = path.join(ROOT, 'test/fixtures/models/mlp_wine.onnx');
    const outcome = await runExplainJob(env, model, {
      data,
      rows: `0-${ROWS - 1}`,
      method: 'kernel',
      backgroundSize: 50,
    });
    const same = JSON.stringify(merged?.values) === JSON.stringify(outcome.attribution.values);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`${ROWS} rows, ${partials} partials; merged deltas equal the final values: ${same}`);
    console.log(`final result: ${kb(serialize(outcome.attribution).length)}`);
    console.log(
      `worker->host:  whole ${kb(before.worker)}, deltas ${kb(after.worker)}, ratio ${(before.worker / after.worker).toFixed(1)}x`,
    );
    console.log(
      `host->webview: whole ${kb(before.webview)}, deltas ${kb(after.webview)}, ratio ${(before.webview / after.webview).toFixed(1)}x`,
    );
    if (!same) process.exitCode = 1;
  } finally {
    await service.disposeAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
