import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';

const ROOT = path.resolve(__dirname, '../../..');
const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', 'models', name);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s + '\n') });
  return { code, out, err };
}

function assertEfficient(a: Attribution, tolerance: number): void {
  a.values.forEach((row, r) => {
    for (let c = 0; c < a.base_values.length; c++) {
      const sum = row.reduce((acc, f) => acc + f[c], 0);
      const target = a.predictions[r][c] - a.base_values[c];
      assert.ok(
        Math.abs(sum - target) <= tolerance * Math.max(1, Math.abs(target)),
        `row ${r} column ${c}: ${sum} vs ${target}`,
      );
    }
  });
}

describe('model-lens explain (tree ensembles)', function () {
  this.timeout(60_000);

  it('regressor: efficiency holds and predictions equal what onnxruntime computes for the same rows', async () => {
    const { code, out, err } = await cli([
      'explain',
      fixture('gbr100_depth6.onnx'),
      '--data',
      fixture('gbr100_depth6.csv'),
      '--rows',
      '0-4,100',
      '--json',
    ]);
    assert.equal(code, 0, err);
    const a = JSON.parse(out) as Attribution;
    assert.equal(a.method, 'tree');
    assert.deepEqual(a.rows, [0, 1, 2, 3, 4, 100]);
    assert.equal(a.feature_names.length, 10);
    assert.equal(a.values[0].length, 10);
    assertEfficient(a, 1e-9);
    const backend = await OrtBackend.create(fixture('gbr100_depth6.onnx'));
    const x = Float32Array.from(a.feature_values.flat());
    const y = (await backend.run({ input: { type: 'float32', dims: [a.rows.length, 10], data: x } }, [a.output]))[
      a.output
    ];
    await backend.dispose();
    a.predictions.forEach((p, r) =>
      assert.ok(Math.abs(p[0] - Number(y.data[r])) < 1e-3, `row ${r}: ${p[0]} vs ${y.data[r]}`),
    );
  });

  it('classifier behind LOGISTIC: --method tree says it explains the margin, exactly; auto explains the probabilities', async () => {
    const data = path.join(ROOT, 'test', 'fixtures', 'data', 'breast_cancer.csv');
    const auto = await cli([
      'explain',
      fixture('gb_breast_cancer.onnx'),
      '--data',
      data,
      '--rows',
      '0',
      '--background-size',
      '20',
    ]);
    assert.equal(auto.code, 0, auto.err);
    assert.match(auto.err, /auto explains the output itself/);
    const k = JSON.parse(auto.out) as Attribution;
    assert.equal(k.method, 'kernel');
    assert.equal(k.output, 'probabilities');
    assertEfficient(k, 1e-9);
    const { code, out, err } = await cli([
      'explain',
      fixture('gb_breast_cancer.onnx'),
      '--data',
      data,
      '--rows',
      '0-2',
      '--method',
      'tree',
    ]);
    assert.equal(code, 0, err);
    assert.match(err, /explains the raw score \(margin\)/);
    const a = JSON.parse(out) as Attribution;
    assert.match(a.output, /margin before LOGISTIC/);
    assertEfficient(a, 1e-9);
  });

  it('bad data names the file, row and column; a model without trees is refused clearly', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lens-cli-'));
    const csv = readFileSync(fixture('gbr100_depth6.csv'), 'utf8').split('\n');
    const cells = csv[3].split(',');
    cells[2] = 'abc';
    csv[3] = cells.join(',');
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, csv.join('\n'));
    const r = await cli(['explain', fixture('gbr100_depth6.onnx'), '--data', bad]);
    assert.equal(r.code, 2);
    assert.match(r.err, /bad\.csv: row 4, column "bmi" \(3\): "abc" is not a number/);
    const m = await cli([
      'explain',
      fixture('mlp_diabetes.onnx'),
      '--data',
      fixture('gbr100_depth6.csv'),
      '--method',
      'tree',
    ]);
    assert.equal(m.code, 2);
    assert.match(m.err, /mlp_diabetes\.onnx holds no ONNX-ML tree ensemble/);
    const width = await cli(['explain', fixture('mlp_wine.onnx'), '--data', fixture('gbr100_depth6.csv')]);
    assert.equal(width.code, 2);
    assert.match(width.err, /gbr100_depth6\.csv/);
    const method = await cli([
      'explain',
      fixture('mlp_wine.onnx'),
      '--data',
      fixture('gbr100_depth6.csv'),
      '--method',
      'shapley',
    ]);
    assert.match(method.err, /--method must be one of auto, exact, kernel, permutation, tree, lime/);
    const rows = await cli([
      'explain',
      fixture('gbr100_depth6.onnx'),
      '--data',
      fixture('gbr100_depth6.csv'),
      '--rows',
      '5-2',
    ]);
    assert.match(rows.err, /runs backwards/);
  });

  it('--html writes a self-contained report holding the same numbers (built CLI)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lens-cli-'));
    const html = path.join(dir, 'report.html');
    const json = path.join(dir, 'a.json');
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'dist', 'cli.js'),
        'explain',
        fixture('gbr100_depth6.onnx'),
        '--data',
        fixture('gbr100_depth6.csv'),
        '--rows',
        '0-3',
        '--html',
        html,
        '--out',
        json,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(html, 'utf8');
    assert.doesNotMatch(text, /\s(src|href)=["']?(https?:)?\/\//i, 'no external URL');
    const embedded = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(text);
    assert.ok(embedded, 'report data embedded');
    const written = JSON.parse(readFileSync(json, 'utf8')) as Attribution;
    assert.ok(embedded[1].includes(String(written.values[0][0][0]).slice(0, 8)));
  });
});

describe('model-lens importance and pdp', function () {
  this.timeout(60_000);
  const wine = path.join(ROOT, 'test', 'fixtures', 'data', 'wine.csv');

  it('print the JSON of their jobs, and name what is missing or wrong', async () => {
    const imp = await cli([
      'importance',
      fixture('mlp_wine.onnx'),
      '--data',
      wine,
      '--label',
      'cultivar',
      '--repeats',
      '2',
    ]);
    assert.equal(imp.code, 0, imp.err);
    const r = JSON.parse(imp.out) as { metric: string; baseline: number; mean: number[]; repeats: number };
    assert.deepEqual([r.metric, r.baseline, r.mean.length, r.repeats], ['accuracy', 1, 13, 2]);
    const pdp = await cli(['pdp', fixture('mlp_wine.onnx'), '--data', wine, '--feature', 'hue', '--points', '5']);
    assert.equal(pdp.code, 0, pdp.err);
    const d = JSON.parse(pdp.out) as { feature: string; grid: number[]; average: number[][] };
    assert.deepEqual([d.feature, d.grid.length, d.average.length], ['hue', 5, 3]);
    const noLabel = await cli(['importance', fixture('mlp_wine.onnx'), '--data', wine]);
    assert.equal(noLabel.code, 2);
    assert.match(noLabel.err, /usage: model-lens importance/);
    const badLabel = await cli(['importance', fixture('mlp_wine.onnx'), '--data', wine, '--label', 'colour']);
    assert.match(badLabel.err, /wine\.csv: has no label column "colour"/);
    const badMetric = await cli([
      'importance',
      fixture('mlp_wine.onnx'),
      '--data',
      wine,
      '--label',
      'cultivar',
      '--metric',
      'f1',
    ]);
    assert.match(badMetric.err, /--metric must be one of accuracy, log_loss, rmse/);
  });
});
