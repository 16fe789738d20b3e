// Partial results as deltas: on seeded random runs (ragged rows, drafts refined in place, NaN and -0, fields that
// appear late) merging every delta rebuilds every cumulative attribution exactly, each delta carries only the rows
// new or changed, its buffers move through a real MessagePort, and a broken delta fails with a clear message.

import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { MessageChannel } from 'node:worker_threads';
import { RpcEndpoint } from '../../../src/protocol/endpoint';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import type { WorkerNotifications } from '../../../src/protocol/messages';
import { mergePartialRows, partialRowsSender, transferOf } from '../../../src/protocol/partialRows';
import { seededRandom } from '../../../src/engine/explain/random';
import { portTransport } from '../../../src/engine/runtime/portTransport';

type Random = () => number;
const int = (random: Random, n: number) => Math.floor(random() * n);
/** Mostly plain numbers, now and then the values JSON would lose. */
const num = (random: Random) => [NaN, -0, Infinity][int(random, 40)] ?? random() * 2 - 1;
const list = <T>(n: number, make: () => T) => Array.from({ length: n }, make);

/** One image-like row: its own segment count, targets, maps and curves, so every per-row field is ragged. */
function appendRow(a: Attribution, random: Random, index: number): void {
  const segments = 2 + int(random, 4);
  const k = 1 + int(random, 2);
  a.rows.push(index);
  a.feature_values.push(list(segments, () => num(random)));
  a.values.push(list(segments, () => list(k, () => num(random))));
  a.predictions.push(list(3, () => num(random)));
  a.row_base_values!.push(list(3, () => num(random)));
  a.segments!.push(segments);
  a.targets!.push(list(k, () => int(random, 3)));
  a.pixel_values!.push(list(k, () => list(6, () => num(random))));
  a.std_errors!.push(list(segments, () => list(k, () => Math.abs(num(random)))));
  a.windows!.push(Array.from({ length: segments }, (_, i): [number, number] => [i, i + 1]));
  a.tokens!.push(list(segments, () => `w${int(random, 9)}`));
  a.files!.push(`image_${index}.png`);
  const curve = { fractions: [0, 1], deletion: [1, 0], insertion: [0, 1] };
  a.faithfulness!.push(
    list(k, () => ({
      ...curve,
      deletion_area: 0.5,
      insertion_area: 0.5,
      random_deletion_area: random(),
      random_insertion_area: 0.5,
    })),
  );
  a.base_values = a.row_base_values![0].map((_, j) => a.row_base_values!.reduce((s, b) => s + b[j], 0) / a.rows.length);
}

function emptyAttribution(): Attribution {
  return {
    method: 'partition',
    output: 'logits',
    output_columns: ['a', 'b', 'c'],
    feature_names: [],
    rows: [],
    feature_values: [],
    values: [],
    base_values: [0, 0, 0],
    predictions: [],
    evaluations: 0,
    seconds: 0,
    link: 'identity',
    kind: 'image',
    image: { height: 2, width: 3 },
    row_base_values: [],
    segments: [],
    targets: [],
    pixel_values: [],
    std_errors: [],
    windows: [],
    tokens: [],
    files: [],
    faithfulness: [],
  };
}

/** A run as the jobs hand it over: finished rows appended, and often a draft of the next row refined in place. */
function* seededRun(seed: number): Generator<Attribution> {
  const random = seededRandom(seed);
  const done = emptyAttribution();
  const rows = 5 + int(random, 10);
  while (done.rows.length < rows) {
    for (let drafts = int(random, 3); drafts > 0; drafts--) {
      const draft = structuredClone(done);
      appendRow(draft, random, done.rows.length);
      yield draft;
    }
    if (random() < 0.2) yield structuredClone(done); // nothing new since the last partial
    for (let n = 1 + int(random, 3); n > 0 && done.rows.length < rows; n--) appendRow(done, random, done.rows.length);
    done.evaluations += 100;
    done.seconds += 0.2;
    // A field that appears only late in a run (a tolerance's convergence flags).
    if (done.rows.length > rows / 2) done.converged = done.rows.map((_, i) => i % 2 === 0);
    yield structuredClone(done);
  }
}

describe('partial rows', () => {
  for (let seed = 1; seed <= 30; seed++) {
    it(`seeded run ${seed}: merging every delta rebuilds every partial, each delta carrying only new rows`, () => {
      const next = partialRowsSender();
      let merged: Attribution | undefined;
      let previous: Attribution | undefined;
      for (const partial of seededRun(seed)) {
        const delta = next(partial);
        merged = mergePartialRows(merged, delta);
        assert.deepEqual(merged, partial);
        const values = delta.numbers.values;
        if (previous) {
          const had = previous.rows.length;
          const now = partial.rows.length;
          // The last row sent is sent again only when it changed (a draft refined); earlier rows never. A
          // dropped draft (fewer rows) is a delta of no rows from where the receiver must cut.
          let start = Math.min(had, now);
          if (start === had && had > 0 && !isDeepStrictEqual(previous.values[had - 1], partial.values[had - 1]))
            start = had - 1;
          if (start === now && had === now) assert.equal(values, undefined);
          else assert.deepEqual([values!.start, values!.count], [start, now - start]);
          assert.equal(delta.header, undefined, 'the header is sent once');
        }
        previous = structuredClone(partial);
      }
    });
  }

  it('moves its buffers through the RPC endpoint over a real MessagePort, and the receiver merges them', async () => {
    const { port1, port2 } = new MessageChannel();
    type Notes = Pick<WorkerNotifications, 'explain/partial'>;
    const worker = new RpcEndpoint<Record<string, never>, Record<string, never>, Record<string, never>, Notes>(
      portTransport(port1),
    );
    const host = new RpcEndpoint<Record<string, never>, Record<string, never>, Notes>(portTransport(port2));
    try {
      const partials = [...seededRun(7)];
      let merged: Attribution | undefined;
      const received = new Promise<void>((resolve) => {
        let n = 0;
        host.on('explain/partial', ({ delta }) => {
          merged = mergePartialRows(merged, delta);
          if (++n === partials.length) resolve();
        });
      });
      const next = partialRowsSender();
      for (const partial of partials) {
        const delta = next(partial);
        const buffers = transferOf(delta);
        worker.notify('explain/partial', { jobId: 'j', delta }, buffers);
        // Transferred, not copied: the sender's buffers are detached.
        assert.ok(buffers.every((b) => b.byteLength === 0));
      }
      await received;
      assert.deepEqual(merged, partials[partials.length - 1]);
    } finally {
      worker.dispose();
      host.dispose();
      port1.close();
    }
  });

  it('a delta that does not fit what the receiver has fails with a message naming the field', () => {
    const run = [...seededRun(3)];
    const next = partialRowsSender();
    next(run[0]);
    const second = next(run[run.length - 1]);
    assert.throws(() => mergePartialRows(undefined, second), /partial result arrived without the run's fields/);
    const first = partialRowsSender()(run[run.length - 1]);
    first.numbers.values!.values = first.numbers.values!.values.subarray(0, 3);
    assert.throws(() => mergePartialRows(undefined, first), /'values' has fewer numbers than its shape says/);
  });
});
