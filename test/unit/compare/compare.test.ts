import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli';
import { metricPairs } from '../../../src/protocol/compareHeadline';
import type { CompareResult } from '../../../src/protocol/compareTypes';
import type { ClassificationEvaluation, Evaluation, RegressionEvaluation } from '../../../src/protocol/evaluationTypes';
import { assertClassification, close, refs, type ClassRef, type RegRef } from '../evaluate/refs';

const ROOT = path.resolve(__dirname, '../../..');
const model = (name: string) => path.join(ROOT, 'test', 'fixtures', 'models', name);
const WINE = path.join(ROOT, 'test', 'fixtures', 'data', 'wine.csv');

async function json<T>(command: string, args: string[]): Promise<T> {
  let out = '';
  let err = '';
  const code = await main([command, ...args, '--json'], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s + '\n'),
  });
  assert.equal(code, 0, err);
  return JSON.parse(out) as T;
}

const compare = (args: string[]) => json<CompareResult>('compare', args);
const modelRef = (name: string) => refs().models.find((m) => m.name === name)!;

describe('model-lens compare', function () {
  this.timeout(120_000);

  it('a model against itself: agreement 1, every difference 0, the same structure and importance ranking', async () => {
    const r = await compare([model('mlp_wine.onnx'), model('mlp_wine.onnx'), '--data', WINE, '--label', 'cultivar']);
    assert.equal(r.agreement, 1);
    assert.equal(r.agreement_basis, 'top-1');
    assert.deepEqual(r.max_abs_diff, { probabilities: 0 });
    assert.deepEqual(r.mean_abs_diff, { probabilities: 0 });
    assert.deepEqual(r.differing_rows, []);
    // Both sides are the evaluation `model-lens evaluate` gives for the same rows, which is scikit-learn's.
    const evaluation = await json<Evaluation>('evaluate', [
      model('mlp_wine.onnx'),
      '--data',
      WINE,
      '--label',
      'cultivar',
    ]);
    assert.deepEqual(r.metrics_a, evaluation);
    assert.deepEqual(r.metrics_b, evaluation);
    assertClassification(r.metrics_a as ClassificationEvaluation, modelRef('mlp_wine') as ClassRef);
    assert.ok(metricPairs(r).every((m) => m.verdict === 'same' && !m.beyondIntervals));
    assert.ok(r.structure.op_histogram.every((o) => o.change === 'same' && o.a === o.b));
    assert.deepEqual(r.structure.added_ops, []);
    assert.equal(r.structure.size_bytes.a, r.structure.size_bytes.b);
    assert.deepEqual(r.importance!.a, r.importance!.b);
    assert.equal(r.importance_rank_correlation, 1);
    assert.ok(r.latency_ms_a! > 0 && r.latency_ms_b! > 0);
    assert.deepEqual(r.data, { file: 'wine.csv', rows: 178, batch: 64 });
  });

  it('fp32 against its int8 copy: the quantised operators, int8 weight bytes, and a small non-zero difference', async () => {
    const [a0, b0] = [model('mlp_wine.onnx'), model('mlp_wine_int8.onnx')];
    const r = await compare([a0, b0, '--data', WINE, '--label', 'cultivar']);
    const s = r.structure;
    // Three Gemms of 13x32, 32x32 and 32x3 weights: 1,536 int8 values, each one byte; the same 1,536 MACs.
    assert.equal(s.bytes_by_dtype.int8.a, 0);
    assert.equal(s.bytes_by_dtype.int8.b, 13 * 32 + 32 * 32 + 32 * 3);
    assert.deepEqual(s.flops, { a: 2 * 1536, b: 2 * 1536 });
    assert.deepEqual(s.quantized_ops, { DynamicQuantizeLinear: { a: 0, b: 3 }, MatMulInteger: { a: 0, b: 3 } });
    assert.deepEqual(s.quantized_op_count, { a: 0, b: 6 });
    assert.ok(s.added_ops.includes('MatMulInteger') && s.removed_ops.includes('Gemm'));
    assert.deepEqual(
      s.op_histogram.find((o) => o.op === 'Relu'),
      { op: 'Relu', a: 2, b: 2, change: 'same' },
    );
    assert.ok(r.compatibility.inputs && r.compatibility.outputs);
    const max = r.max_abs_diff!.probabilities;
    const mean = r.mean_abs_diff!.probabilities;
    assert.ok(max > 0 && max < 1e-2, `max |diff| ${max}`);
    assert.ok(mean > 0 && mean <= max);
    // The most different row is the one holding the largest difference, and its values show it.
    const top = r.differing_rows![0];
    assert.equal(top.diff, max);
    assert.equal(Math.max(...top.a.map((v, j) => Math.abs(v - top.b[j]))), max);
    assert.ok(r.agreement! >= 0.99);
    // Each side is its own model's evaluation. DynamicQuantizeLinear scales by each call's range, so the int8
    // model's outputs depend on the rows called together: evaluate's one call of every row is matched by one here.
    const [evalB, oneCall] = [
      await json<Evaluation>('evaluate', [model('mlp_wine_int8.onnx'), '--data', WINE, '--label', 'cultivar']),
      await compare([a0, b0, '--data', WINE, '--label', 'cultivar', '--batch', '178', '--importance-rows', '0']),
    ];
    assert.deepEqual(oneCall.metrics_b, evalB);
    assert.notDeepEqual(r.metrics_b, evalB);
    assert.equal(r.metrics_b!.rows, 178);
    const a = r.metrics_a as ClassificationEvaluation;
    const b = r.metrics_b as ClassificationEvaluation;
    assert.notEqual(a.log_loss, b.log_loss);
    const logLoss = metricPairs(r).find((m) => m.key === 'log_loss')!;
    assert.equal(logLoss.verdict, b.log_loss < a.log_loss ? 'better' : 'worse');
    assert.equal(logLoss.a, a.log_loss);
    assert.deepEqual(logLoss.ci_b, b.ci.log_loss);
    assert.ok(r.importance_rank_correlation! > 0.8, `rank correlation ${r.importance_rank_correlation}`);
  });

  it('a regression against itself: the same mae, rmse and r2 as evaluate and scikit-learn', async () => {
    const gbr = model('gbr100_depth6.onnx');
    const data = model('gbr100_depth6.csv');
    const r = await compare([gbr, gbr, '--data', data, '--label', 'target', '--importance-rows', '0']);
    const evaluation = await json<Evaluation>('evaluate', [gbr, '--data', data, '--label', 'target']);
    assert.deepEqual(r.metrics_a, evaluation);
    assert.deepEqual(r.metrics_b, evaluation);
    const m = r.metrics_a as RegressionEvaluation;
    const ref = modelRef('gbr100_depth6') as RegRef;
    assert.equal(m.task, 'regression');
    for (const k of ['mae', 'rmse', 'r2'] as const) close(m[k], ref[k], k, 1e-6);
    assert.equal(r.agreement, null);
    assert.deepEqual(
      metricPairs(r).map((p) => [p.key, p.verdict]),
      [
        ['mae', 'same'],
        ['rmse', 'same'],
        ['r2', 'same'],
      ],
    );
  });

  it('incompatible inputs: says why and rules out what needs the same rows', async () => {
    const r = await compare([model('mlp_wine.onnx'), model('mlp_diabetes.onnx'), '--data', WINE]);
    assert.equal(r.compatibility.inputs, false);
    assert.match(r.compatibility.messages.join(' '), /\[batch, 13\].*\[batch, 10\]|13.*10/);
    for (const k of ['predictions', 'agreement', 'differences', 'importance'])
      assert.ok(r.compatibility.ruled_out.includes(k), k);
    assert.equal(r.agreement, undefined);
    assert.match(r.notes.join(' '), /nothing was run/);
  });

  it('writes a self-contained HTML report holding the same JSON', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'compare-'));
    const html = path.join(dir, 'report.html');
    const r = await compare([
      model('mlp_wine.onnx'),
      model('mlp_wine_int8.onnx'),
      '--html',
      html,
      '--data',
      WINE,
      '--label',
      'cultivar',
      '--importance-rows',
      '0',
    ]);
    const text = readFileSync(html, 'utf8');
    assert.match(text, /Content-Security-Policy/);
    assert.doesNotMatch(text, /https?:\/\//);
    assert.match(text, /<tr class="added"><td>MatMulInteger<\/td><td>0<\/td><td>3<\/td>/);
    // The metrics table: both values with their intervals, B's change marked better or worse.
    const logLoss = metricPairs(r).find((m) => m.key === 'log_loss')!;
    assert.match(text, new RegExp(`<tr class="changed ${logLoss.verdict}"><td>Log loss</td><td>[^<]+ <small>\\[`));
    const embedded = /<script type="application\/json" id="compare-data">(.*)<\/script>/s.exec(text)![1];
    assert.deepEqual(JSON.parse(embedded), r);
  });
});
