// The logit link: predictions in the link's units (base + values = prediction), the model's own output
// beside them, and outputs that are not probabilities refused rather than clamped.

import assert from 'node:assert/strict';
import { functionModel } from '../../../../src/engine/explain/batchModel';
import { explainRows } from '../../../../src/engine/explain/explainRows';

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function run(f: (row: ArrayLike<number>) => number[], rows: number[][], bg: number[][], columns = 2) {
  const m = rows[0].length;
  return explainRows({
    model: functionModel(m, columns, (row, out) => out.set(f(row))),
    method: 'exact',
    outputName: 'probabilities',
    columnNames: Array.from({ length: columns }, (_, j) => `class_${j}`),
    featureNames: Array.from({ length: m }, (_, i) => `f${i}`),
    rows: { values: Float64Array.from(rows.flat()), rows: rows.length, cols: m },
    rowIndices: rows.map((_, i) => 10 + i),
    background: { values: Float64Array.from(bg.flat()), rows: bg.length },
    link: 'logit',
  });
}

describe('logit link', () => {
  const prob = (r: ArrayLike<number>) => {
    const p = sigmoid(r[0] * r[1] + 0.5 * r[2] - r[0]);
    return [1 - p, p];
  };
  const rows = [
    [0.5, -1, 2],
    [1.5, 0.25, -1],
  ];
  const bg = [
    [0, 0, 0],
    [1, 1, 1],
    [-1, 0.5, 2],
  ];

  it('reports predictions in log-odds, so base + sum(values) = prediction, with the probabilities as raw_predictions', async () => {
    const { attribution: a } = await run(prob, rows, bg);
    assert.equal(a.link, 'logit');
    a.rows.forEach((_, r) => {
      const raw = prob(Float32Array.from(rows[r]));
      for (let j = 0; j < 2; j++) {
        assert.ok(Math.abs(a.raw_predictions![r][j] - raw[j]) < 1e-12);
        assert.ok(Math.abs(a.predictions[r][j] - logit(raw[j])) < 1e-9);
        const sum = a.values[r].reduce((s, v) => s + v[j], 0);
        assert.ok(Math.abs(a.base_values[j] + sum - a.predictions[r][j]) < 1e-9, `row ${r} column ${j}: no gap`);
      }
    });
  });

  it('leaves raw_predictions out with the identity link', async () => {
    const { attribution: a } = await explainRows({
      model: functionModel(1, 1, (row, out) => (out[0] = row[0])),
      method: 'exact',
      outputName: 'y',
      columnNames: ['y'],
      featureNames: ['a'],
      rows: { values: Float64Array.of(2), rows: 1, cols: 1 },
      rowIndices: [0],
      background: { values: Float64Array.of(0), rows: 1 },
    });
    assert.equal(a.raw_predictions, undefined);
    assert.deepEqual(a.predictions, [[2]]);
  });

  it('refuses an explained row whose output is outside (0, 1), naming the output, the row and the value', async () => {
    const score = (r: ArrayLike<number>) => [r[0], 0.5];
    await assert.rejects(
      run(score, [[0.25], [1.5]], [[0.5]]),
      /logit link needs outputs strictly between 0 and 1.*output 'probabilities' column 'class_0' at row 11 is 1\.5/,
    );
    await assert.rejects(run(score, [[0.25]], [[0.5], [0]]), /column 'class_0' at background row 1 is 0\b/);
  });

  it('refuses a coalition whose mean output leaves (0, 1) instead of clamping it', async () => {
    // Each data row's sum is inside (0, 1); mixing the row with the background is not.
    const sum = (r: ArrayLike<number>) => [r[0] + r[1], 0.5];
    await assert.rejects(run(sum, [[0.9, 0.05]], [[0.05, 0.9]]), /a coalition .* is 1\.7999/);
  });
});
