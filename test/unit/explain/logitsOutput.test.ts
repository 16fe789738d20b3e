// Logits are explained as probabilities by default (softmax over the classes, sigmoid for one column), with a
// note in the plan and "<output> raw" to explain the logits: checked against the softmax of the model's own
// logits, brute-force Shapley values on the probabilities and efficiency, on tiny DistilBERT and planted models.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planExplainJob, runExplainJob } from '../../../src/engine/commands/explainJob';
import { DataType } from '../../../src/engine/onnx/schema';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import type { ExplainSettings } from '../../../src/protocol/explainTypes';
import { diskEnvironment, tinyDistilbert } from '../../support/tinyDistilbert';
import { encodeModel, floatTensor, graph, node, valueInfo } from '../onnx/build';
import { shapleyByOrderings } from './agnostic/reference';

const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

function assertClose(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
}

/** Each row's values sum to f(x) - base, per explained class (the row's own base where it has one). */
function assertEfficient(a: Attribution, tolerance = 1e-6): void {
  a.values.forEach((row, r) =>
    (a.targets?.[r] ?? a.output_columns.map((_, c) => c)).forEach((t, k) => {
      const sum = row.reduce((s, v) => s + v[a.targets ? k : t], 0);
      const base = a.row_base_values?.[r][t] ?? a.base_values[t];
      assertClose(sum, a.predictions[r][t] - base, tolerance, `row ${r} class ${t}`);
    }),
  );
}

/** logits = x W (+ b): a linear model whose output is named `name`. */
function linearModel(file: string, name: string, weights: number[][], bias: number[]): void {
  const k = bias.length;
  const g = graph({
    nodes: [node('MatMul', ['x', 'W'], ['xw']), node('Add', ['xw', 'b'], [name])],
    inputs: [valueInfo('x', DataType.FLOAT, ['batch', weights.length])],
    outputs: [valueInfo(name, DataType.FLOAT, ['batch', k])],
    initializers: [floatTensor('W', [weights.length, k], weights.flat()), floatTensor('b', [k], bias)],
  });
  writeFileSync(file, encodeModel(g));
}

describe('logits are explained as probabilities', function () {
  this.timeout(120_000);
  const env = diskEnvironment();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-logits-'));
  const X = [
    [1, -2, 0.5],
    [0, 1, -1],
    [2, 0, 1],
    [-1, -1, 3],
  ];
  const csv = path.join(tmp, 'x.csv');
  writeFileSync(csv, 'a,b,c\n' + X.map((r) => r.join(',')).join('\n') + '\n');
  const W = [
    [0.5, -0.25, 1],
    [-1, 0.75, 0.25],
    [0.25, 0.5, -0.5],
  ];
  const B = [0.1, -0.2, 0.3];
  const logitsOf = (x: number[], w = W, b = B) => b.map((bj, j) => bj + x.reduce((s, v, i) => s + v * w[i][j], 0));
  const table = (s: Partial<ExplainSettings> = {}): ExplainSettings => ({
    data: csv,
    method: 'exact',
    rows: '0-1',
    ...s,
  });
  after(async () => {
    await env.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a planted logits model: softmax predictions, exact values by brute force on them, efficiency, a note', async () => {
    const model = path.join(tmp, 'softmax.onnx');
    linearModel(model, 'logits', W, B);
    const plan = await planExplainJob(env, model, table());
    assert.ok(
      plan.notes.some((n) => /explaining softmax\(logits\): probabilities.*'logits raw'/.test(n)),
      plan.notes.join(' | '),
    );
    const { attribution: a } = await runExplainJob(env, model, table());
    a.predictions.forEach((p, r) => {
      softmax(logitsOf(X[r])).forEach((q, c) => assertClose(p[c], q, 1e-6, `row ${r} class ${c}`));
      assertClose(
        p.reduce((s, v) => s + v, 0),
        1,
        1e-6,
        `row ${r} sums to 1`,
      );
    });
    assertEfficient(a);
    // Exact values against brute force on the probabilities, the background being every data row.
    const background = X.map((r) => Float64Array.from(r));
    X.slice(0, 2).forEach((x, r) => {
      const f = (z: Float64Array) => softmax(logitsOf(Array.from(z)));
      const phi = shapleyByOrderings(f, Float64Array.from(x), background);
      phi.forEach((v, i) => v.forEach((want, c) => assertClose(a.values[r][i][c], want, 1e-5, `row ${r} x${i} c${c}`)));
    });
    // "logits raw" explains the logits themselves, without the note.
    const raw = await runExplainJob(env, model, table({ output: 'logits raw' }));
    raw.attribution.predictions.forEach((p, r) =>
      logitsOf(X[r]).forEach((z, c) => assertClose(p[c], z, 1e-5, `raw row ${r} class ${c}`)),
    );
    assert.ok(!raw.plan.notes.some((n) => n.includes('softmax')), raw.plan.notes.join(' | '));
  });

  it('one column of logits: a sigmoid, and the column is named by its output (not "0")', async () => {
    const model = path.join(tmp, 'sigmoid.onnx');
    const w = [[0.5], [-1], [0.25]];
    linearModel(model, 'logit', w, [0.1]);
    const { attribution: a, plan } = await runExplainJob(env, model, table());
    assert.deepEqual(a.output_columns, ['logit']);
    assert.ok(
      plan.notes.some((n) => n.startsWith('explaining sigmoid(logit)')),
      plan.notes.join(' | '),
    );
    a.predictions.forEach((p, r) => assertClose(p[0], sigmoid(logitsOf(X[r], w, [0.1])[0]), 1e-6, `row ${r}`));
    assertEfficient(a);
    // A regression's one output is named too, and explained as it is.
    const regression = path.join(tmp, 'price.onnx');
    linearModel(regression, 'price', w, [0.1]);
    const r = await runExplainJob(env, regression, table());
    assert.deepEqual(r.attribution.output_columns, ['price']);
    r.attribution.predictions.forEach((p, i) => assertClose(p[0], logitsOf(X[i], w, [0.1])[0], 1e-5, `price ${i}`));
  });

  it('tiny DistilBERT: probabilities by default, summing to 1, and efficient on them', async () => {
    const settings: ExplainSettings = {
      data: '',
      method: 'permutation',
      samples: 8,
      text: { sentence: 'The movie was good, not unbelievable.' },
    };
    const { attribution: a, plan } = await runExplainJob(env, tinyDistilbert('model.onnx'), settings);
    assert.ok(
      plan.notes.some((n) => n.startsWith('explaining softmax(logits)')),
      plan.notes.join(' | '),
    );
    const raw = await runExplainJob(env, tinyDistilbert('model.onnx'), { ...settings, output: 'logits raw' });
    a.predictions.forEach((p, r) => {
      const q = softmax(raw.attribution.predictions[r]);
      p.forEach((v, c) => assertClose(v, q[c], 1e-6, `row ${r} class ${c}`));
    });
    assertEfficient(a, 1e-6);
    assertEfficient(raw.attribution, 1e-5);
  });
});
