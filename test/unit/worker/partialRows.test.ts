// Partial results through the worker's ExplainService and the real jobs (onnxruntime in this process): each
// delta carries only new rows in typed arrays, merging them rebuilds every partial the job handed over, and
// the merged rows equal the final result, for a table, an image, a text and a sequence.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runExplainJob } from '../../../src/engine/commands/explainJob';
import { seededRandom } from '../../../src/engine/explain/random';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import { ExplainService } from '../../../src/engine/worker/explainService';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import type { ExplainSettings } from '../../../src/protocol/explainTypes';
import { mergePartialRows, type PartialRows } from '../../../src/protocol/partialRows';
import { npyOf } from '../data/image/images';

const ROOT = path.resolve(__dirname, '../../..');
const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-partial-'));

/** The fields that describe rows and the run, not how long it took (the final result counts all its evaluations). */
function withoutTiming(a: Attribution): Omit<Attribution, 'seconds' | 'evaluations'> {
  const { seconds: _s, evaluations: _e, ...rest } = a;
  return rest;
}

interface Run {
  final: Attribution;
  deltas: PartialRows[];
  transfers: ArrayBuffer[][];
}

/** Runs a job through the service, checking after every delta that the merge equals what the job handed over. */
async function runThroughService(modelPath: string, settings: ExplainSettings): Promise<Run> {
  const deltas: PartialRows[] = [];
  const transfers: ArrayBuffer[][] = [];
  const handed: Attribution[] = [];
  let merged: Attribution | undefined;
  const service = new ExplainService((m) => OrtBackend.create(m), {
    progress: () => {},
    partial: (p, transfer) => {
      assert.equal(p.jobId, 'job');
      deltas.push(p.delta);
      transfers.push(transfer);
      merged = mergePartialRows(merged, p.delta);
      assert.deepEqual(merged, handed[handed.length - 1], `after delta ${deltas.length}`);
    },
  });
  const env = service.environment('job', { isCancellationRequested: false });
  const send = env.onPartial;
  env.onPartial = (a) => {
    handed.push(structuredClone(a));
    send(a);
  };
  try {
    const outcome = await runExplainJob(env, modelPath, settings);
    assert.ok(merged, 'at least one partial');
    assert.deepEqual(withoutTiming(merged), withoutTiming(outcome.attribution));
    return { final: outcome.attribution, deltas, transfers };
  } finally {
    await service.disposeAll();
  }
}

/** Each delta's values start where the receiver's stopped, or one row back when a draft row was refined. */
function assertOnlyNewRows(run: Run): void {
  let have = 0;
  for (const [i, d] of run.deltas.entries()) {
    assert.equal(i === 0, d.header !== undefined, 'the header comes first, once');
    // A delta where nothing changed carries no rows at all.
    const values = d.numbers.values;
    if (!values) continue;
    if (i === 0) assert.equal(values.start, 0);
    else
      assert.ok(values.start === have || values.start === have - 1, `delta ${i} starts at ${values.start} of ${have}`);
    assert.ok(values.values instanceof Float64Array && values.lengths instanceof Int32Array);
    have = values.start + values.count;
  }
  assert.equal(have, run.final.rows.length);
  // Every typed array travels as its own buffer, moved not copied.
  for (const [i, d] of run.deltas.entries()) {
    const buffers = [d.base_values, ...Object.values(d.numbers).flatMap((p) => [p.lengths, p.values])].map(
      (t) => t.buffer,
    );
    assert.deepEqual(new Set(run.transfers[i]), new Set(buffers));
    assert.equal(new Set(buffers).size, buffers.length);
  }
}

describe('partial results through the ExplainService', function () {
  this.timeout(180_000);

  it('a table (wine MLP, kernel): deltas of new rows merge into the final rows', async () => {
    const run = await runThroughService(fixture('models', 'mlp_wine.onnx'), {
      data: fixture('data', 'wine.csv'),
      rows: '0-39',
      method: 'kernel',
      backgroundSize: 50,
    });
    assert.equal(run.final.rows.length, 40);
    assert.ok(run.deltas.length >= 2, 'rows arrive over several partials');
    assertOnlyNewRows(run);
    // 40 rows in several partials: the deltas together carry each row about once, not once per partial.
    const carried = run.deltas.reduce((s, d) => s + d.numbers.values!.count, 0);
    assert.ok(carried <= 40 + run.deltas.length, `${carried} rows carried in ${run.deltas.length} deltas`);
  });

  it('an image (digits CNN, partition with coarse drafts): the merged maps equal the final ones', async () => {
    const run = await runThroughService(path.join(ROOT, 'demo/workspace/models/digits_cnn.onnx'), {
      data: fixture('images', 'digits'),
      method: 'partition',
      samples: 200,
      image: { preset: 'unit', channels: 'L', size: [28, 28] },
    });
    assert.equal(run.final.kind, 'image');
    assert.ok(run.final.pixel_values!.length === run.final.rows.length && run.final.rows.length > 1);
    assertOnlyNewRows(run);
  });

  it('a text (additive model, kernel over words): the merged tokens and values equal the final ones', async () => {
    const run = await runThroughService(fixture('text', 'additive.onnx'), {
      data: fixture('text', 'sentences.txt'),
      method: 'kernel',
      text: { tokenizer: fixture('text', 'tokenizer.json') },
    });
    assert.equal(run.final.kind, 'text');
    assert.ok(run.final.tokens!.length === run.final.rows.length && run.final.rows.length > 1);
    assertOnlyNewRows(run);
  });

  it('a sequence (planted window, kernel): the merged windows and step values equal the final ones', async () => {
    const T = 128;
    const random = seededRandom(3);
    const data = path.join(tmp, 'signals.npy');
    writeFileSync(
      data,
      npyOf(
        Array.from({ length: 6 * T }, () => random() - 0.5),
        [6, T],
      ),
    );
    const run = await runThroughService(fixture('models', 'planted_window_nt.onnx'), {
      data,
      method: 'kernel',
      samples: 200,
      sequence: { window: 16 },
    });
    assert.equal(run.final.kind, 'sequence');
    assert.ok(run.final.windows!.length === run.final.rows.length && run.final.rows.length > 1);
    assertOnlyNewRows(run);
  });
});
