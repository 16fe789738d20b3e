// Deletion and insertion curves: closed forms for additive value functions, end points v(full) and
// v(empty), one batch for every curve, and the true order beating random ones.

import assert from 'node:assert/strict';
import { faithfulnessCurves, trapezoid } from '../../../../src/engine/explain/faithfulness';
import { seededRandom } from '../../../../src/engine/explain/random';
import { lookupProblem, modelProblem } from './problems';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

describe('faithfulness curves', () => {
  it('trapezoid rule: exact for piecewise linear curves', () => {
    assert.equal(trapezoid([0, 1], [2, 4]), 3);
    assert.equal(trapezoid([0, 0.25, 1], [1, 1, 0]), 0.25 + 0.375);
  });

  it('equal groups, one step each: deletion and insertion are the closed forms of the sorted terms', async () => {
    // v(S) = c + sum of a_g over S, a_g = g + 1 listed shuffled; column 1 is a decoy.
    const g = 6;
    const a = [3, 6, 1, 5, 2, 4];
    const c0 = 0.5;
    const { p, calls } = lookupProblem(g, 2, (mask) => [mask.reduce((s, m, i) => s + a[i] * m, c0), 7]);
    const curves = await faithfulnessCurves(p, Float64Array.from(a), 0, new Int32Array(g).fill(10), {
      random: seededRandom(3),
    });
    assert.equal(calls.count, 1);
    // 4 orders (the map's and 3 random), 2 curves, 5 inner points each.
    assert.equal(calls.coalitions, 4 * 2 * 5);
    // Removing the k largest of 1..6 leaves (6 - k)(7 - k) / 2; adding them gives 21 minus that.
    for (let k = 0; k <= g; k++) {
      close(curves.fractions[k], k / g, `fraction ${k}`);
      close(curves.deletion[k], c0 + ((g - k) * (g - k + 1)) / 2, `deletion ${k}`);
      close(curves.insertion[k], c0 + 21 - ((g - k) * (g - k + 1)) / 2, `insertion ${k}`);
    }
    // Areas: (1/6) [sum over k of the values, minus half of both ends].
    let deletionArea = 0;
    for (let k = 0; k <= g; k++) deletionArea += (c0 + ((g - k) * (g - k + 1)) / 2) * (k === 0 || k === g ? 0.5 : 1);
    close(curves.deletion_area, deletionArea / g, 'deletion area');
    close(curves.insertion_area, c0 + 21 + c0 - deletionArea / g, 'insertion area');
    // Any order is no better than the true one.
    assert.ok(curves.deletion_area <= curves.random_deletion_area);
    assert.ok(curves.insertion_area >= curves.random_insertion_area);
    assert.ok(curves.random_deletion_area > curves.deletion_area + 1, 'the yardstick differs from the sorted order');
  });

  it('groups of unequal size on the pixel axis, fewer steps than groups, through the engine value function', async () => {
    // 12 elements in 4 groups of 1, 2, 3 and 6 pixels; the model sums w_e x_e, masked elements become 0.
    const groupOf = Int32Array.of(0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3);
    const weight = [5, 1, 1, -1, -1, -1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    const x = new Float64Array(12).fill(2);
    const p = await modelProblem(x, new Float64Array(12), { count: 4, groupOf }, 1, (row, out) => {
      out[0] = Array.from(row).reduce((s, v, e) => s + weight[e] * v, 0);
    });
    const terms = [10, 4, -6, 6]; // each group's sum of w_e x_e
    const pixels = Int32Array.of(1, 2, 3, 6);
    const curves = await faithfulnessCurves(p, Float64Array.from(terms), 0, pixels, {
      steps: 2,
      random: seededRandom(1),
    });
    // Order 0, 3, 1, 2 (ties keep index order); 2 steps: after 2 groups (0 and 3, 7 of 12 pixels), then all.
    assert.deepEqual(curves.fractions, [0, 7 / 12, 1]);
    close(curves.deletion[0], 14, 'v(full)');
    close(curves.deletion[1], -2, 'without groups 0 and 3');
    close(curves.deletion[2], 0, 'v(empty)');
    close(curves.insertion[0], 0, 'v(empty)');
    close(curves.insertion[1], 16, 'groups 0 and 3');
    close(curves.insertion[2], 14, 'v(full)');
    close(curves.deletion_area, (7 / 12) * 6 + (5 / 12) * -1, 'deletion area');
    close(curves.insertion_area, (7 / 12) * 8 + (5 / 12) * 15, 'insertion area');
  });

  it('end points are v(full) and v(empty) for every target column; seeded yardstick repeats', async () => {
    const g = 30;
    const rng = seededRandom(12);
    const a = Array.from({ length: g }, () => rng() - 0.3);
    const { p } = lookupProblem(g, 3, (mask) => {
      const s = mask.reduce((t, m, i) => t + a[i] * m, 0);
      return [s, Math.tanh(s), 2 - s * s];
    });
    const pixels = Int32Array.from({ length: g }, (_, i) => 1 + (i % 4));
    for (let column = 0; column < 3; column++) {
      const options = { random: seededRandom(column) };
      const curves = await faithfulnessCurves(p, Float64Array.from(a), column, pixels, options);
      assert.equal(curves.fractions.length, 21);
      assert.equal(curves.deletion[0], p.full[column]);
      assert.equal(curves.deletion[20], p.empty[column]);
      assert.equal(curves.insertion[0], p.empty[column]);
      assert.equal(curves.insertion[20], p.full[column]);
      assert.equal(curves.fractions[20], 1);
      for (let k = 1; k <= 20; k++) assert.ok(curves.fractions[k] >= curves.fractions[k - 1]);
      assert.deepEqual(
        curves,
        await faithfulnessCurves(p, Float64Array.from(a), column, pixels, { random: seededRandom(column) }),
      );
    }
    // The true order of an additive column deletes the positive terms first: below every random order.
    const curves = await faithfulnessCurves(p, Float64Array.from(a), 0, new Int32Array(g).fill(1), {
      random: seededRandom(5),
      randomOrders: 10,
    });
    assert.ok(curves.deletion_area < curves.random_deletion_area);
    assert.ok(curves.insertion_area > curves.random_insertion_area);
  });
});
