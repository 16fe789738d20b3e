// Image explanations end to end through the CLI's job (real onnxruntime, real pictures): planted ground
// truth, efficiency, faithfulness against random orders, every method, the JSON's shape, one-line errors,
// and third-party models nobody on the team made.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../../src/cli';
import { cliEnvironment } from '../../../../src/cli/jobEnv';
import { planExplainJob } from '../../../../src/engine/commands/explainJob';
import { parseTarget } from '../../../../src/engine/explain/outputTarget';
import type { Attribution } from '../../../../src/protocol/attributionTypes';
import { ppocrDirectionClassifier, ppocrTextDetector } from '../../../support/thirdPartyImages';
import { npyOf } from '../../data/image/images';

const ROOT = path.resolve(__dirname, '../../../..');
const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-images-'));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s + '\n') });
  return { code, out, err };
}

async function explain(args: string[]): Promise<Attribution> {
  const { code, out, err } = await cli(['explain', ...args, '--json']);
  assert.equal(code, 0, err);
  return JSON.parse(out) as Attribution;
}

function sidecar(name: string, body: object): string {
  const file = path.join(tmp, name);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

/** Each row's map (per target) sums to its segment values, and those to prediction - the row's base. */
function assertEfficient(a: Attribution, tolerance = 1e-6): void {
  a.values.forEach((row, r) => {
    a.targets![r].forEach((t, k) => {
      const sum = row.reduce((s, v) => s + v[k], 0);
      const gap = a.predictions[r][t] - a.row_base_values![r][t];
      assert.ok(
        Math.abs(sum - gap) <= tolerance * Math.max(1, Math.abs(gap)),
        `row ${r} target ${t}: ${sum} vs ${gap}`,
      );
      const mapSum = a.pixel_values![r][k].reduce((s, v) => s + v, 0);
      assert.ok(Math.abs(mapSum - sum) <= 1e-9 * Math.max(1, Math.abs(sum)), `map of row ${r}`);
    });
  });
}

const digitsSidecar = () =>
  sidecar('digits.lens.json', {
    image: { preset: 'unit', channels: 'L', size: [28, 28] },
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  });

/** The quadrant models' reference inputs as a preprocessed .npy in the model's layout. */
function quadrantNpy(nhwc: boolean): string {
  const ref = JSON.parse(
    readFileSync(fixture('models', nhwc ? 'quadrant_cnn_nhwc.ref.json' : 'quadrant_cnn.ref.json'), 'utf8'),
  ) as {
    input: number[][];
    shape: number[][];
  };
  const file = path.join(tmp, nhwc ? 'quadrant_nhwc.npy' : 'quadrant.npy');
  writeFileSync(file, npyOf(ref.input.flat(), [ref.input.length, ...ref.shape[0]]));
  return file;
}

/** Share of |map| inside the top-left half x half quadrant. */
function quadrantShare(a: Attribution, row: number, side: number): number {
  const map = a.pixel_values![row][0];
  let inside = 0;
  let all = 0;
  map.forEach((v, p) => {
    all += Math.abs(v);
    if (Math.floor(p / side) < side / 2 && p % side < side / 2) inside += Math.abs(v);
  });
  return inside / all;
}

describe('image explanations', function () {
  this.timeout(180_000);

  it('digits: partition maps are efficient, and deletion falls faster than for random orders', async () => {
    const a = await explain([
      path.join(ROOT, 'demo/workspace/models/digits_cnn.onnx'),
      '--data',
      fixture('images', 'digits'),
      '--sidecar',
      digitsSidecar(),
    ]);
    assert.equal(a.kind, 'image');
    assert.equal(a.method, 'partition');
    assert.deepEqual(a.image, { height: 28, width: 28 });
    assert.equal(a.files!.length, 6);
    const labels = a.files!.map((f) => Number(/digit_(\d)_/.exec(path.basename(f))![1]));
    assert.deepEqual(
      a.targets!.map((t) => t[0]),
      labels,
      'the top class of each digit is its label',
    );
    assertEfficient(a);
    for (const [r, curves] of a.faithfulness!.entries()) {
      const c = curves[0];
      assert.ok(
        c.deletion_area < c.random_deletion_area,
        `row ${r}: deletion ${c.deletion_area} vs random ${c.random_deletion_area}`,
      );
      assert.ok(c.insertion_area > c.random_insertion_area, `row ${r}: insertion`);
      assert.equal(c.deletion[0], a.predictions[r][a.targets![r][0]]);
    }
    // The budget bounds the model rows: the predictions, then per image the masked one, 500 coalitions and the curves.
    assert.ok(a.evaluations <= 6 + 6 * (1 + 500 + 8 * 20), `${a.evaluations} model rows`);
  });

  for (const nhwc of [false, true]) {
    it(`planted quadrant (${nhwc ? 'NHWC' : 'NCHW'}): at least 95% of the map's mass is in the quadrant the model reads`, async () => {
      const model = fixture('models', nhwc ? 'quadrant_cnn_nhwc.onnx' : 'quadrant_cnn.onnx');
      // A smooth picture blurs to nearly itself; hidden pixels go black so every row's map has mass.
      const side = sidecar('quadrant.lens.json', { image: { masker: 'constant', maskValue: 0 } });
      const a = await explain([model, '--data', quadrantNpy(nhwc), '--rows', '0-2', '--sidecar', side]);
      assertEfficient(a);
      for (let r = 0; r < 3; r++) assert.ok(quadrantShare(a, r, 32) >= 0.95, `row ${r}: ${quadrantShare(a, r, 32)}`);
    });
  }

  it('kernel, exact, permutation, lime and occlusion over superpixels and windows', async () => {
    const model = fixture('models', 'quadrant_cnn.onnx');
    const data = quadrantNpy(false);
    const black = sidecar('black.lens.json', { image: { masker: 'constant', maskValue: 0 } });
    const kernel = await explain([model, '--data', data, '--rows', '0', '--method', 'kernel', '--samples', '600']);
    assertEfficient(kernel);
    assert.ok(kernel.segments![0] >= 25 && kernel.segments![0] <= 100, `${kernel.segments![0]} superpixels`);
    // The same sampled estimator as tables, with its standard errors: one per segment and target, finite.
    assert.equal(kernel.std_errors![0].length, kernel.segments![0]);
    assert.ok(kernel.std_errors![0].every((e) => e.length === 1 && Number.isFinite(e[0]) && e[0] >= 0));
    const permutation = await explain([
      model,
      '--data',
      data,
      '--rows',
      '0',
      '--method',
      'permutation',
      '--samples',
      '4',
    ]);
    assertEfficient(permutation);
    assert.equal(permutation.std_errors![0].length, permutation.segments![0]);
    const lime = await explain([model, '--data', data, '--rows', '0', '--method', 'lime', '--samples', '300']);
    assert.equal(lime.values[0].length, lime.segments![0]);
    assert.equal(lime.score!.length, 1);
    const occlusion = await explain([
      model,
      '--data',
      data,
      '--rows',
      '0',
      '--method',
      'occlusion',
      '--sidecar',
      black,
    ]);
    assert.equal(occlusion.values[0].length, occlusion.segments![0]);
    // Windows that straddle the quadrant's edge share their drop with cells just outside it.
    assert.ok(quadrantShare(occlusion, 0, 32) >= 0.85, `occlusion: ${quadrantShare(occlusion, 0, 32)}`);
    const exact = await explain([
      model,
      '--data',
      data,
      '--rows',
      '0',
      '--method',
      'exact',
      '--sidecar',
      sidecar('exact.lens.json', { image: { segments: 8 } }),
    ]);
    assertEfficient(exact, 1e-5);
    assert.ok(exact.segments![0] <= 16);
  });

  it('explains the top k classes, or one class by name, each with its map and curves', async () => {
    const model = path.join(ROOT, 'demo/workspace/models/digits_cnn.onnx');
    const side = digitsSidecar();
    const one = path.join(fixture('images', 'digits'), 'digit_3_1504.png');
    const top3 = await explain([model, '--data', one, '--sidecar', side, '--classes', '3', '--samples', '100']);
    assert.equal(top3.targets![0].length, 3);
    assert.equal(top3.pixel_values![0].length, 3);
    assert.equal(top3.faithfulness![0].length, 3);
    assertEfficient(top3);
    const named = await explain([model, '--data', one, '--sidecar', side, '--class', '8', '--samples', '100']);
    assert.deepEqual(named.targets, [[8]]);
    // Several pictures named one by one, in the order given.
    const seven = path.join(fixture('images', 'digits'), 'digit_7_1501.png');
    const two = await explain([model, '--data', seven, '--data', one, '--sidecar', side, '--samples', '50']);
    assert.deepEqual(two.files, [seven, one]);
    assert.deepEqual(two.targets, [[7], [3]]);
  });

  it('bad input gets one line naming the file and what is wrong, exit 2', async () => {
    const model = path.join(ROOT, 'demo/workspace/models/digits_cnn.onnx');
    const side = digitsSidecar();
    const corrupt = path.join(tmp, 'broken.png');
    writeFileSync(corrupt, Buffer.from('\x89PNG\r\n\x1a\nnot really'));
    const empty = path.join(tmp, 'empty-folder');
    mkdirSync(empty, { recursive: true });
    writeFileSync(path.join(empty, 'notes.txt'), 'no pictures here');
    const rgbNpy = path.join(tmp, 'rgb.npy');
    writeFileSync(rgbNpy, npyOf(new Float32Array(2 * 3 * 28 * 28), [2, 3, 28, 28]));
    const cases: [string[], RegExp][] = [
      [[model, '--data', corrupt, '--sidecar', side], /broken\.png/],
      [[model, '--data', empty, '--sidecar', side], /empty-folder.*no \.png/],
      [[model, '--data', rgbNpy, '--sidecar', side], /rgb\.npy.*\(2, 3, 28, 28\).*\(N, 1, 28, 28\)/],
      [[fixture('models', 'symbolic_hw_cnn.onnx'), '--data', fixture('images', 'scene_64x64.png')], /image\.size/],
      [[model, '--data', one(), '--sidecar', side, '--class', 'eleven'], /class 'eleven'/],
    ];
    for (const [args, pattern] of cases) {
      const { code, err, out } = await cli(['explain', ...args]);
      assert.equal(code, 2, `${args.join(' ')}: exit ${code}`);
      assert.equal(out, '');
      const lines = err.trim().split('\n');
      assert.equal(lines.length, 1, err);
      assert.match(lines[0], pattern);
      assert.doesNotMatch(lines[0], /\n\s+at /);
    }
    function one() {
      const dir = path.join(tmp, 'one');
      mkdirSync(dir, { recursive: true });
      copyFileSync(path.join(fixture('images', 'digits'), 'digit_3_1504.png'), path.join(dir, 'three.png'));
      return path.join(dir, 'three.png');
    }
  });

  it('third-party: PaddleOCR text direction (3 channels, symbolic H and W, [-1, 1], BGR) says which pixels read as upright', async () => {
    const m = await ppocrDirectionClassifier();
    const side = sidecar('ppocr-cls.lens.json', { image: { ...m.image, size: [48, 192] }, classNames: ['0', '180'] });
    const a = await explain([
      m.path,
      '--data',
      fixture('images', 'textline_192x48.png'),
      '--sidecar',
      side,
      '--samples',
      '200',
    ]);
    assert.deepEqual(a.image, { height: 48, width: 192 });
    assert.equal(a.output_columns[a.targets![0][0]], '0');
    assertEfficient(a, 1e-5);
    assert.ok(a.faithfulness![0][0].deletion_area <= a.faithfulness![0][0].random_deletion_area);
  });

  it('third-party: PaddleOCR text detection (a probability map output) is explained through a region target', async () => {
    const m = await ppocrTextDetector();
    const side = sidecar('ppocr-det.lens.json', { image: { ...m.image, size: [64, 192] } });
    const a = await explain([
      m.path,
      '--data',
      fixture('images', 'textline_192x48.png'),
      '--sidecar',
      side,
      '--target',
      'region:16,0,48,96',
      '--samples',
      '60',
    ]);
    assert.equal(a.output_columns.length, 1);
    // The one column is the region in the output's own terms (box bottom and right are exclusive), not class "0".
    assert.deepEqual(a.output_target, {
      kind: 'region',
      label: `sum of output '${a.output}' over rows 16-47, columns 0-95`,
    });
    assert.equal(a.output_columns[0], a.output_target.label);
    assertEfficient(a, 1e-5);
    // The plan the panel shows before the run names the same region.
    const env = cliEnvironment({ stdout: () => undefined, stderr: () => undefined }, false);
    try {
      const plan = await planExplainJob(env, m.path, {
        data: fixture('images', 'textline_192x48.png'),
        method: 'auto',
        image: { ...m.image, size: [64, 192] },
        target: parseTarget('region:16,0,48,96'),
        samples: 60,
      });
      assert.deepEqual(plan.outputColumns, [a.output_target.label]);
    } finally {
      await env.close();
    }
    const { code, err } = await cli([
      'explain',
      m.path,
      '--data',
      fixture('images', 'textline_192x48.png'),
      '--sidecar',
      side,
    ]);
    assert.equal(code, 2);
    assert.match(err, /not one score per class; choose a target/);
  });
});
