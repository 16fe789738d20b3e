// The order coalitions' rows are built in (Gray rank), and the value function that builds them that way: every
// coalition's value against its plain definition, the mean over the background of f(x_S, b_notS).

import assert from 'node:assert/strict';
import { functionModel } from '../../../../src/engine/explain/batchModel';
import { BatchEvaluator } from '../../../../src/engine/explain/evaluator';
import { seededRandom } from '../../../../src/engine/explain/random';
import { coalitionOrder, grayRank, reorderCoalitions } from '../../../../src/engine/explain/shapley/coalitionOrder';
import { valueFunction, type FeatureGroups } from '../../../../src/engine/explain/shapley/coalitionValues';
import { pairedKernelExplainer } from '../../../../src/engine/explain/shapley/pairedKernel';
import { defaultKernelBudget } from '../../../../src/engine/explain/shapley/kernelPlan';

const bitsOf = (masks: Uint8Array, k: number, g: number) => {
  let bits = 0;
  for (let i = 0; i < g; i++) bits = bits * 2 + masks[k * g + i];
  return bits;
};
const distance = (masks: Uint8Array, a: number, b: number, g: number) => {
  let n = 0;
  for (let i = 0; i < g; i++) n += masks[a * g + i] === masks[b * g + i] ? 0 : 1;
  return n;
};
const randomMasks = (count: number, g: number, random: () => number) =>
  Uint8Array.from({ length: count * g }, () => (random() < 0.5 ? 1 : 0));

describe('coalition build order', () => {
  it('ranks every 16-bit Gray codeword at its place in the sequence', () => {
    for (let i = 0; i < 1 << 16; i++) assert.equal(grayRank(i ^ (i >>> 1)), i);
  });

  it('walks all 2^m coalitions one feature at a time', () => {
    const g = 10;
    const masks = new Uint8Array((1 << g) * g);
    for (let k = 0; k < 1 << g; k++) for (let i = 0; i < g; i++) masks[k * g + i] = (k >> i) & 1;
    const order = coalitionOrder(masks, 1 << g, g)!;
    for (let t = 1; t < order.length; t++) assert.equal(distance(masks, order[t - 1], order[t], g), 1);
  });

  it('is a permutation, in increasing Gray rank, ties in their given order', () => {
    const random = seededRandom(3);
    const g = 7;
    const count = 500;
    const masks = randomMasks(count, g, random);
    const order = coalitionOrder(masks, count, g)!;
    assert.deepEqual(
      Array.from(order).sort((a, b) => a - b),
      Array.from({ length: count }, (_, k) => k),
    );
    for (let t = 1; t < count; t++) {
      const [a, b] = [grayRank(bitsOf(masks, order[t - 1], g)), grayRank(bitsOf(masks, order[t], g))];
      assert.ok(a < b || (a === b && order[t - 1] < order[t]));
    }
    const { masks: moved, placeOf } = reorderCoalitions(masks, count, g);
    for (let k = 0; k < count; k++)
      assert.deepEqual(moved.subarray(placeOf[k] * g, (placeOf[k] + 1) * g), masks.subarray(k * g, (k + 1) * g));
  });

  it('leaves coalitions already in order, and too many groups, as they are', () => {
    const g = 5;
    const masks = new Uint8Array(32 * g);
    for (let k = 0; k < 32; k++) for (let i = 0; i < g; i++) masks[k * g + i] = ((k ^ (k >> 1)) >> (g - 1 - i)) & 1;
    assert.equal(coalitionOrder(masks, 32, g), undefined);
    assert.equal(coalitionOrder(randomMasks(10, 30, seededRandom(1)), 10, 30), undefined);
  });

  it("hands KernelSHAP's coalitions to the value function in Gray order, each differing little from the last", async () => {
    const m = 13;
    const seen: Uint8Array[] = [];
    const vf = {
      groups: { count: m, groupOf: Int32Array.from({ length: m }, (_, i) => i) },
      columns: 1,
      async values(_x: Float64Array, masks: Uint8Array, count: number) {
        seen.push(masks.slice(0, count * m));
        return new Float64Array(count);
      },
    };
    const explain = pairedKernelExplainer(m, seededRandom(0), { budget: defaultKernelBudget(m) });
    await explain({
      vf,
      x: new Float64Array(m),
      full: new Float64Array(1),
      empty: new Float64Array(1),
      random: seededRandom(0),
    });
    const masks = seen[0];
    const count = masks.length / m;
    let steps = 0;
    for (let k = 1; k < count; k++) {
      assert.ok(grayRank(bitsOf(masks, k - 1, m)) <= grayRank(bitsOf(masks, k, m)), `coalition ${k} out of order`);
      steps += distance(masks, k - 1, k, m);
    }
    // Pairs in plan order alternate S and its complement: 13 features apart. In Gray order, about two.
    assert.ok(steps / (count - 1) < 3, `${(steps / (count - 1)).toFixed(2)} features between neighbours`);
  });
});

describe('value function built in Gray order', () => {
  // Groups of one, two and three elements, one element held at x, and a background with its own weights.
  const groups: FeatureGroups = { count: 4, groupOf: Int32Array.from([0, 1, 1, -1, 2, 3, 3, 3]) };
  const d = groups.groupOf.length;
  const n = 7;
  const random = seededRandom(11);
  const bg = Float64Array.from({ length: n * d }, () => random() * 4 - 2);
  const weights = Float64Array.from({ length: n }, () => 0.5 + random());
  const x = Float64Array.from({ length: d }, () => random() * 4 - 2);
  const f = (row: ArrayLike<number>, out: Float64Array) => {
    let s = 0;
    for (let e = 0; e < d; e++) s += (e + 1) * row[e] + row[e] * row[(e + 3) % d];
    out[0] = Math.tanh(s / 10);
    out[1] = s * row[0];
    out[2] = row[3] - row[6];
  };
  const f32 = (v: number) => Math.fround(v);

  /** v(S) by its definition, on float32-rounded rows as the model sees them. */
  function plainValue(mask: ArrayLike<number>): Float64Array {
    const v = new Float64Array(3);
    const out = new Float64Array(3);
    let total = 0;
    for (let b = 0; b < n; b++) {
      const row = Array.from({ length: d }, (_, e) => {
        const group = groups.groupOf[e];
        return f32(group < 0 || mask[group] === 1 ? x[e] : bg[b * d + e]);
      });
      f(row, out);
      for (let j = 0; j < 3; j++) v[j] += weights[b] * out[j];
      total += weights[b];
    }
    return v.map((s) => s / total);
  }

  for (const { label, maxBlockRows } of [
    { label: 'one block', maxBlockRows: undefined },
    { label: 'blocks of three coalitions', maxBlockRows: 3 * n },
  ]) {
    it(`gives every coalition its own value, in the order asked (${label})`, async () => {
      const evaluator = new BatchEvaluator(functionModel(d, 3, f), { maxBlockRows });
      const vf = valueFunction(evaluator, { values: bg, rows: n, weights }, groups, 'identity');
      const count = 60;
      const masks = randomMasks(count, groups.count, seededRandom(5));
      assert.ok(coalitionOrder(masks, count, groups.count), 'the masks are out of Gray order');
      const v = await vf.values(x, masks, count);
      for (let k = 0; k < count; k++) {
        const want = plainValue(masks.subarray(k * groups.count, (k + 1) * groups.count));
        for (let j = 0; j < 3; j++)
          assert.ok(Math.abs(v[k * 3 + j] - want[j]) <= 1e-12 * (1 + Math.abs(want[j])), `coalition ${k} column ${j}`);
      }
    });
  }
});
