// Background summarisation: small sets kept whole, k-means recovers well separated centres with
// cluster sizes as weights, sampling is seeded and without replacement.

import assert from 'node:assert/strict';
import { kMeans, sampleRows, seededRandom, summariseBackground } from '../../../src/engine/data/background';

const CENTRES = [
  [0, 0, 0],
  [50, 0, -20],
  [0, 80, 10],
  [-60, -40, 30],
];
const SIZES = [40, 25, 60, 75];

/** Gaussian-ish blobs (sum of uniforms) of spread 1 around each centre, rows interleaved. */
function blobs(seed: number): { values: Float64Array; rows: number; cols: number; label: number[] } {
  const rng = seededRandom(seed);
  const rows: number[][] = [];
  const label: number[] = [];
  SIZES.forEach((n, c) => {
    for (let i = 0; i < n; i++) {
      rows.push(CENTRES[c].map((v) => v + (rng() + rng() + rng() - 1.5)));
      label.push(c);
    }
  });
  const order = Array.from(sampleRows(rows.length, rows.length, rng));
  return {
    values: Float64Array.from(order.flatMap((i) => rows[i])),
    rows: rows.length,
    cols: 3,
    label: order.map((i) => label[i]),
  };
}

describe('background summarisation', () => {
  it('k-means finds the blob centres, and the weights are the cluster sizes', () => {
    for (const seed of [1, 2, 3]) {
      const data = blobs(seed);
      const km = kMeans(data, 4, seededRandom(seed + 10));
      const found = Array.from({ length: 4 }, (_, c) => Array.from(km.centres.subarray(c * 3, c * 3 + 3)));
      for (let c = 0; c < 4; c++) {
        // the cluster holding blob c's first row holds exactly blob c's rows
        const first = data.label.indexOf(c);
        const k = km.assignment[first];
        for (let i = 0; i < data.rows; i++) assert.equal(km.assignment[i] === k, data.label[i] === c);
        assert.equal(km.sizes[k], SIZES[c]);
        for (let j = 0; j < 3; j++) assert.ok(Math.abs(found[k][j] - CENTRES[c][j]) < 0.5, `seed ${seed} centre ${c}`);
      }
    }
  });

  it('summariseBackground uses up to backgroundSize rows whole, else k-means with weights summing to the rows', () => {
    const data = blobs(4);
    const whole = summariseBackground(data, { backgroundSize: 200, random: seededRandom(1) });
    assert.equal(whole.method, 'all');
    assert.deepEqual(Array.from(whole.values), Array.from(data.values));
    assert.ok(whole.weights.every((w) => w === 1));
    const km = summariseBackground(data, { backgroundSize: 10, random: seededRandom(1) });
    assert.equal(km.method, 'kmeans');
    assert.equal(km.rows, 10);
    assert.equal(
      km.weights.reduce((a, b) => a + b, 0),
      data.rows,
    );
  });

  it('sampling is seeded and without replacement', () => {
    const a = sampleRows(1000, 100, seededRandom(7));
    const b = sampleRows(1000, 100, seededRandom(7));
    const c = sampleRows(1000, 100, seededRandom(8));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.equal(new Set(a).size, 100);
    assert.ok(a.every((i) => i >= 0 && i < 1000));
    assert.equal(new Set(sampleRows(50, 50, seededRandom(1))).size, 50);
    const data = blobs(5);
    const s = summariseBackground(data, { backgroundSize: 20, method: 'sample', random: seededRandom(3) });
    assert.equal(s.rows, 20);
    assert.ok(s.sourceRows);
    s.sourceRows.forEach((src, i) =>
      assert.deepEqual(s.values.subarray(i * 3, i * 3 + 3), data.values.subarray(src * 3, src * 3 + 3)),
    );
  });
});
