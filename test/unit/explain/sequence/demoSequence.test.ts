// The demo's sequence model (demo/make_demo_sequence.py) explained as its sidecar says, as the e2e test does in the
// panel: the predictions are onnxruntime's on readings.npy, the windows sum to f(x) - f(every window hidden), and on
// the two recordings with a knock the windows over it carry the explanation.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { main } from '../../../../src/cli';
import { parseNpyHeader } from '../../../../src/engine/data/npy';
import type { Attribution } from '../../../../src/protocol/attributionTypes';

const DEMO = path.resolve(__dirname, '../../../../demo/workspace/sequence');
const MODEL = path.join(DEMO, 'knock_detector.onnx');
/** Where make_demo_sequence.py put a knock (6 steps) in each recording, if any. */
const KNOCKS: (number | undefined)[] = [30, undefined, 90, undefined];

describe("the demo's knock detector (sequence)", function () {
  this.timeout(60_000);
  let a!: Attribution;

  before(async () => {
    let out = '';
    let err = '';
    const code = await main(['explain', MODEL, '--json'], {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s + '\n'),
    });
    assert.equal(code, 0, err);
    a = JSON.parse(out) as Attribution;
  });

  it('explains every recording by 16 windows of 8 steps, predicting what onnxruntime does on readings.npy', async () => {
    assert.equal(a.kind, 'sequence');
    assert.deepEqual(a.rows, [0, 1, 2, 3]);
    for (const w of a.windows!)
      assert.deepEqual(
        w,
        Array.from({ length: 16 }, (_, i) => [8 * i, 8 * i + 8]),
      );
    const bytes = readFileSync(path.join(DEMO, 'readings.npy'));
    const header = parseNpyHeader(bytes, 'readings.npy');
    assert.deepEqual(header.shape, [4, 128, 3]);
    const data = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset + header.dataOffset, bytes.byteOffset + bytes.length),
    );
    const session = await ort.InferenceSession.create(MODEL);
    const out = await session.run({ vibration: new ort.Tensor('float32', data, [4, 128, 3]) });
    const logits = out.logits.data as Float32Array;
    for (let r = 0; r < 4; r++) {
      // Logits are explained as probabilities by default: softmax over the two classes.
      const [l0, l1] = [logits[2 * r], logits[2 * r + 1]];
      const m = Math.max(l0, l1);
      const z = Math.exp(l0 - m) + Math.exp(l1 - m);
      const probabilities = [Math.exp(l0 - m) / z, Math.exp(l1 - m) / z];
      for (let c = 0; c < 2; c++) assert.ok(Math.abs(a.predictions[r][c] - probabilities[c]) < 1e-6);
      // The class explained is the predicted one: knock exactly where a knock was planted.
      assert.equal(a.output_columns[a.targets![r][0]], KNOCKS[r] === undefined ? 'normal' : 'knock');
    }
  });

  it('the windows sum to f(x) - f(every window hidden); a knock’s windows outweigh all the others together', () => {
    a.values.forEach((row, r) => {
      const t = a.targets![r][0];
      const values = row.map((v) => v[0]);
      const sum = values.reduce((s, v) => s + v, 0);
      assert.ok(Math.abs(sum - (a.predictions[r][t] - a.row_base_values![r][t])) < 1e-6, `row ${r}`);
      const knock = KNOCKS[r];
      if (knock === undefined) return;
      const over = (w: number) => a.windows![r][w][0] < knock + 6 && a.windows![r][w][1] > knock;
      const inside = values.filter((_, w) => over(w)).reduce((s, v) => s + v, 0);
      const outside = values.filter((_, w) => !over(w)).reduce((s, v) => s + Math.abs(v), 0);
      assert.ok(inside > outside, `row ${r}: ${inside} over the knock, ${outside} elsewhere`);
    });
  });

  it("says it explains softmax(logits), and 'logits raw' explains the logits themselves, summing to them", async () => {
    let out = '';
    let err = '';
    const code = await main(['explain', MODEL, '--output', 'logits raw', '--rows', '0', '--json'], {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s + '\n'),
    });
    assert.equal(code, 0, err);
    assert.doesNotMatch(err, /softmax/);
    const raw = JSON.parse(out) as Attribution;
    const session = await ort.InferenceSession.create(MODEL);
    const bytes = readFileSync(path.join(DEMO, 'readings.npy'));
    const header = parseNpyHeader(bytes, 'readings.npy');
    const first = new Float32Array(bytes.buffer.slice(bytes.byteOffset + header.dataOffset)).slice(0, 128 * 3);
    const logits = (await session.run({ vibration: new ort.Tensor('float32', first, [1, 128, 3]) })).logits
      .data as Float32Array;
    for (let c = 0; c < 2; c++) assert.ok(Math.abs(raw.predictions[0][c] - logits[c]) < 1e-5);
    const t = raw.targets![0][0];
    const sum = raw.values[0].reduce((acc, v) => acc + v[0], 0);
    assert.ok(Math.abs(raw.row_base_values![0][t] + sum - raw.predictions[0][t]) < 1e-6);
  });
});
