// Sequence explanations end to end through the CLI's job (real onnxruntime): planted-window ground truth in
// every layout and data format, efficiency, exact against brute force, every method, one-line errors, and
// Silero VAD (a third-party speech model with a recurrent state and a sample-rate input) on a spoken WAV.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { WaveFile } from 'wavefile';
import { main } from '../../../../src/cli';
import type { Attribution } from '../../../../src/protocol/attributionTypes';
import { seededRandom } from '../../../../src/engine/explain/random';
import { thirdPartyModel } from '../../../support/thirdPartyModels';
import { npyOf } from '../../data/image/images';

const ROOT = path.resolve(__dirname, '../../../..');
const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);
const model = (layout: 'nt' | 'ntf' | 'nct') => fixture('models', `planted_window_${layout}.onnx`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-sequence-'));
const T = 128;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s + '\n') });
  return { code, out, err };
}

async function explain(args: string[]): Promise<Attribution & { err: string }> {
  const { code, out, err } = await cli(['explain', ...args, '--json']);
  assert.equal(code, 0, err);
  return { ...(JSON.parse(out) as Attribution), err };
}

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, bytes);
  return file;
}

/** Seeded standard-normal values (Box-Muller). */
function normals(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

const rows20 = (features: number) => normals(20 * T * features, 7);

/** Each row's window values (per target) sum to prediction - the row's base, and the step values to them. */
function assertEfficient(a: Attribution, tolerance = 1e-6): void {
  a.values.forEach((row, r) => {
    a.targets![r].forEach((t, k) => {
      const sum = row.reduce((s, v) => s + v[k], 0);
      const gap = a.predictions[r][t] - a.row_base_values![r][t];
      assert.ok(
        Math.abs(sum - gap) <= tolerance * Math.max(1, Math.abs(gap)),
        `row ${r} target ${t}: ${sum} vs ${gap}`,
      );
      const steps = a.step_values![r][k];
      assert.equal(steps.length, a.sequence!.length);
      const stepSum = steps.reduce((s, v) => s + v, 0);
      assert.ok(Math.abs(stepSum - sum) <= 1e-9 * Math.max(1, Math.abs(sum)), `steps of row ${r}`);
    });
  });
}

/** Share of |window values| of target k in windows inside steps [from, to) (the planted [40, 48) by default). */
function plantedShare(a: Attribution, r: number, k = 0, from = 40, to = 48): number {
  let inside = 0;
  let all = 0;
  a.windows![r].forEach(([s, e], w) => {
    const v = Math.abs(a.values[r][w][k]);
    all += v;
    if (s >= from && e <= to) inside += v;
  });
  return inside / all;
}

describe('sequence explanations', function () {
  this.timeout(300_000);

  for (const [layout, dims] of [
    ['nt', [20, T]],
    ['ntf', [20, T, 3]],
    ['nct', [20, 3, T]],
  ] as const) {
    it(`planted window (${layout.toUpperCase()}, .npy): partition puts at least 95% of the mass in steps 40-47`, async () => {
      const features = dims.length === 2 ? 1 : 3;
      const data = write(`${layout}.npy`, npyOf(rows20(features), [...dims]));
      // A rank-2 input is a table unless something says sequence: here --window.
      const a = await explain([
        model(layout),
        '--data',
        data,
        '--rows',
        '0-3',
        ...(layout === 'nt' ? ['--window', '4'] : []),
      ]);
      assert.equal(a.kind, 'sequence');
      assert.equal(a.method, 'partition');
      assert.deepEqual(a.sequence, { length: T, features, layout: layout.toUpperCase() });
      assert.equal(a.windows![0].length, 32, 'T/32 steps a window by default: 32 windows');
      assert.deepEqual(a.windows![0][10], [40, 44]);
      assert.match(a.err, /mean of 20 rows/);
      assertEfficient(a);
      for (let r = 0; r < 4; r++) assert.ok(plantedShare(a, r) >= 0.95, `row ${r}: ${plantedShare(a, r)}`);
      // The signal the panel draws is each row's data per feature, in time order, whatever the layout.
      const values = rows20(features);
      const at = (r: number, f: number, t: number) =>
        values[r * T * features + (layout === 'nct' ? f * T + t : t * features + f)];
      assert.equal(a.signal!.length, 4);
      a.signal!.forEach((row, r) => {
        assert.equal(row.length, features);
        row.forEach((series, f) =>
          assert.deepEqual(
            series,
            Array.from({ length: T }, (_, t) => at(r, f, t)),
          ),
        );
      });
    });
  }

  it('planted window: kernel puts at least 95% there too (WAV data, 3 channels, for NTF and NCT)', async () => {
    // Four rows of 128 three-channel samples in a float WAV: the model's T cuts it into rows.
    const channels = [0, 1, 2].map((c) => normals(4 * T, 11 + c).map((v) => v / 4));
    const w = new WaveFile();
    w.fromScratch(3, 8000, '32f', channels);
    const wav = write('three.wav', w.toBuffer());
    for (const layout of ['ntf', 'nct'] as const) {
      const a = await explain([model(layout), '--data', wav, '--method', 'kernel']);
      assert.equal(a.values.length, 4);
      assert.deepEqual(a.files, ['three.wav[0:128]', 'three.wav[128:256]', 'three.wav[256:384]', 'three.wav[384:512]']);
      assertEfficient(a);
      for (let r = 0; r < 4; r++) assert.ok(plantedShare(a, r) >= 0.95, `${layout} row ${r}: ${plantedShare(a, r)}`);
    }
  });

  it('CSV files (one per sequence, a header optional) in a folder, zero masker', async () => {
    const dir = path.join(tmp, 'csv');
    mkdirSync(dir);
    for (let i = 0; i < 3; i++) {
      const v = normals(T * 3, 20 + i);
      const lines = Array.from({ length: T }, (_, t) => v.slice(t * 3, t * 3 + 3).join(','));
      writeFileSync(path.join(dir, `s${i}.csv`), (i === 0 ? 'ax,ay,az\n' : '') + lines.join('\n') + '\n');
    }
    const side = write('zero.lens.json', JSON.stringify({ sequence: { masker: 'zero', window: 8 } }));
    const a = await explain([model('ntf'), '--data', dir, '--sidecar', side]);
    assert.deepEqual(a.files, ['s0.csv', 's1.csv', 's2.csv']);
    assert.equal(a.windows![0].length, 16);
    assert.match(a.err, /hidden windows are zeros/);
    assertEfficient(a);
    for (let r = 0; r < 3; r++) assert.ok(plantedShare(a, r) >= 0.95, `row ${r}`);
  });

  it('exact equals brute-force Shapley values over 15 windows, and windows the model never reads get 0', async () => {
    const values = rows20(1);
    const data = write('exact.npy', npyOf(values, [20, T]));
    const a = await explain([model('nt'), '--data', data, '--rows', '0-1', '--method', 'exact', '--window', '9']);
    const spans = a.windows![0];
    const m = spans.length;
    assert.equal(m, 15);
    const mean = Array.from({ length: T }, (_, t) =>
      values.reduce((s, _v, i) => (i % T === t ? s + values[i] / 20 : s), 0),
    );
    const session = await ort.InferenceSession.create(model('nt'));
    for (let r = 0; r < 2; r++) {
      const x = values.slice(r * T, (r + 1) * T);
      const batch = new Float32Array((1 << m) * T);
      for (let mask = 0; mask < 1 << m; mask++) {
        spans.forEach(([s, e], w) => {
          for (let t = s; t < e; t++) batch[mask * T + t] = mask & (1 << w) ? x[t] : mean[t];
        });
      }
      const out = await session.run({ series: new ort.Tensor('float32', batch, [1 << m, T]) });
      const v = out.score.data as Float32Array;
      // Shapley: phi_i = sum over S without i of |S|!(m-|S|-1)!/m! (v(S + i) - v(S)).
      const fact = [1];
      for (let k = 1; k <= m; k++) fact[k] = fact[k - 1] * k;
      for (let i = 0; i < m; i++) {
        let phi = 0;
        for (let mask = 0; mask < 1 << m; mask++) {
          if (mask & (1 << i)) continue;
          let size = 0;
          for (let b = mask; b; b &= b - 1) size++;
          phi += ((fact[size] * fact[m - size - 1]) / fact[m]) * (v[mask | (1 << i)] - v[mask]);
        }
        assert.ok(Math.abs(a.values[r][i][0] - phi) < 1e-5, `row ${r} window ${i}: ${a.values[r][i][0]} vs ${phi}`);
        if (spans[i][1] <= 40 || spans[i][0] >= 48) assert.equal(a.values[r][i][0], 0);
      }
    }
    await session.release();
  });

  it('permutation, lime and occlusion run over the windows', async () => {
    const data = write('methods.npy', npyOf(rows20(3), [20, T, 3]));
    const permutation = await explain([
      model('ntf'),
      '--data',
      data,
      '--rows',
      '0',
      '--method',
      'permutation',
      '--samples',
      '6',
    ]);
    assertEfficient(permutation);
    assert.ok(plantedShare(permutation, 0) >= 0.95);
    const lime = await explain([model('ntf'), '--data', data, '--rows', '0', '--method', 'lime', '--samples', '400']);
    assert.equal(lime.values[0].length, 32);
    assert.equal(lime.intercept!.length, 1);
    const occlusion = await explain([model('ntf'), '--data', data, '--rows', '0', '--method', 'occlusion']);
    assert.equal(occlusion.method, 'occlusion');
    // A patch of two windows that covers a planted step credits both its windows: one window either side shares.
    assert.ok(plantedShare(occlusion, 0, 0, 36, 52) >= 0.95, `${plantedShare(occlusion, 0, 0, 36, 52)}`);
  });

  it('bad files and settings give one-line errors (exit 2) naming the file', async () => {
    const expectError = async (args: string[], pattern: RegExp) => {
      const { code, out, err } = await cli(['explain', ...args]);
      assert.equal(code, 2, `${args.join(' ')}: exit ${code}`);
      assert.equal(out, '');
      const lines = err.trim().split('\n');
      assert.equal(lines.length, 1, err);
      assert.match(lines[0], pattern);
    };
    const notWav = write('broken.wav', 'RIFF but not really');
    await expectError([model('ntf'), '--data', notWav], /broken\.wav: is not a WAV file/);
    const stereo = new WaveFile();
    stereo.fromScratch(2, 16000, '16', [new Array(300).fill(0), new Array(300).fill(0)]);
    await expectError(
      [model('nt'), '--data', write('stereo.wav', stereo.toBuffer())],
      /stereo\.wav: has 2 channels; the model's input takes 1/,
    );
    await expectError(
      [model('ntf'), '--data', write('two.csv', 'a,b\n1,2\n')],
      /two\.csv: has 2 columns \(features\); the model's input takes 3/,
    );
    const rowsCsv = Array.from({ length: T }, (_, t) => (t === 5 ? '1,x,3' : '1,2,3')).join('\n');
    await expectError(
      [model('ntf'), '--data', write('cell.csv', rowsCsv)],
      /cell\.csv: row 6, column 2: "x" is not a number/,
    );
    await expectError(
      [model('ntf'), '--data', write('short.npy', npyOf(rows20(1), [20, T]))],
      /short\.npy: has shape \(20, 128\)/,
    );
    const bad = write('bad.lens.json', JSON.stringify({ sequence: { window: 0 } }));
    await expectError(
      [model('ntf'), '--data', notWav, '--sidecar', bad],
      /bad\.lens\.json: field "sequence\.window" must be a whole number/,
    );
  });

  it('Silero VAD v5: speech probability explained on a spoken WAV, state at zeros and sr from the WAV', async () => {
    const vad = await thirdPartyModel('silero_vad_v5');
    const wav = fixture('audio', 'hello_16k.wav');
    // The model takes 512-sample chunks at 16 kHz: sequence.length cuts the WAV into rows of 512.
    const side = write('vad.lens.json', JSON.stringify({ sequence: { length: 512 } }));
    const a = await explain([vad, '--data', wav, '--sidecar', side, '--rows', '2,11,17']);
    assert.equal(a.kind, 'sequence');
    // The WAV's rate travels with the result, so the view can put its steps in seconds.
    assert.deepEqual(a.sequence, { length: 512, features: 1, layout: 'NT', sample_rate: 16000 });
    // Its speech probability is one number of output 'output': named so, not as class "0".
    assert.deepEqual(a.output_columns, [a.output]);
    assert.deepEqual(a.files, ['hello_16k.wav[1024:1536]', 'hello_16k.wav[5632:6144]', 'hello_16k.wav[8704:9216]']);
    assert.match(a.err, /input 'state' holds zeros \(a state tensor\)/);
    assert.match(a.err, /input 'sr' holds 16000 \(the WAV's sample rate\)/);
    // Each chunk is explained alone: the plan says its recurrent state starts from zeros every time.
    assert.match(a.err, /recurrent state is reset to zeros for each chunk; the model's streaming output may differ/);
    assertEfficient(a, 1e-5);
    // Silence (row 0, the padding) reads as no speech; the spoken chunks as speech, above their masked base.
    assert.ok(a.predictions[0][0] < 0.1, `silence: ${a.predictions[0][0]}`);
    for (const r of [1, 2]) {
      assert.ok(a.predictions[r][0] > 0.8, `speech row ${r}: ${a.predictions[r][0]}`);
      assert.ok(a.predictions[r][0] > a.row_base_values![r][0], `row ${r} above its masked base`);
    }
    // Without a WAV there is no sample rate to hold: the error says how to give one.
    const npy = write('vad.npy', npyOf(new Array(2 * 512).fill(0), [2, 512]));
    const { code, err } = await cli(['explain', vad, '--data', npy, '--sidecar', side]);
    assert.equal(code, 2);
    assert.match(err, /silero_vad_v5\.onnx: input 'sr' is a scalar .*"hold": \{ "sr": 16000 \}/);
    const held = write('vad-held.lens.json', JSON.stringify({ sequence: { length: 512, hold: { sr: 16000 } } }));
    const b = await explain([vad, '--data', npy, '--sidecar', held, '--method', 'occlusion']);
    assert.match(b.err, /input 'sr' holds 16000 \(sequence\.hold\)/);
    // An .npy has no sample rate: its steps stay steps.
    assert.equal(b.sequence?.sample_rate, undefined);
  });
});
