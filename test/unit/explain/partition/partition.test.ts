// The partition explainer on games given as plain functions of the coalition: brute-force Owen values,
// additive closed forms, efficiency and the evaluation count at every budget, and refinement rounds.

import assert from 'node:assert/strict';
import {
  gridHierarchy,
  leafSpans,
  sequenceHierarchy,
  type Hierarchy,
} from '../../../../src/engine/explain/features/hierarchy';
import {
  fullPartitionEvaluations,
  partitionEvaluations,
  partitionExplainer,
} from '../../../../src/engine/explain/partition/partition';
import { seededRandom } from '../../../../src/engine/explain/random';
import { columnSums, gameProblem, owenByOrderings, type Game } from './owenReference';

/** A game with products, a max and pairwise interactions over the groups, three output columns. */
function interactingGame(m: number, seed: number): Game {
  const rng = seededRandom(seed);
  const a = Array.from({ length: m }, () => rng() - 0.3);
  const b = Array.from({ length: m }, () => 2 * rng() - 1);
  const c = Array.from({ length: m }, () => Array.from({ length: m }, () => 2 * rng() - 1));
  return (on) => {
    let product = 1;
    let max = -1;
    let pairs = 0;
    let sum = 0;
    for (let i = 0; i < m; i++) {
      if (!on[i]) continue;
      product *= 1 + a[i];
      max = Math.max(max, b[i]);
      sum += a[i];
      for (let j = 0; j < i; j++) if (on[j]) pairs += c[i][j];
    }
    return [product, max, pairs + Math.sin(3 * sum)];
  };
}

/** A hierarchy from [left, right] pairs, internal node ids m, m+1, ... */
function hierarchyOf(m: number, pairs: [number, number][]): Hierarchy {
  return {
    leaves: m,
    left: Int32Array.from(pairs, ([l]) => l),
    right: Int32Array.from(pairs, ([, r]) => r),
    root: m + pairs.length - 1,
  };
}

const hierarchies: [string, Hierarchy][] = [
  ['4 leaves, balanced', sequenceHierarchy(4)],
  ['5 leaves, balanced', sequenceHierarchy(5)],
  ['8 leaves, balanced', sequenceHierarchy(8)],
  [
    '5 leaves, a chain',
    hierarchyOf(5, [
      [0, 1],
      [5, 2],
      [6, 3],
      [7, 4],
    ]),
  ],
  [
    '4 leaves numbered out of tree order',
    hierarchyOf(4, [
      [3, 1],
      [0, 2],
      [5, 4],
    ]),
  ],
  ['a 3 x 3 grid in 5 uneven cells', gridHierarchy(3, 3, 2).hierarchy],
  [
    '7 leaves, lopsided',
    hierarchyOf(7, [
      [5, 6],
      [0, 7],
      [8, 1],
      [2, 3],
      [10, 4],
      [9, 11],
    ]),
  ],
];

const maxDiff = (values: Float64Array, expected: number[][], c: number) =>
  Math.max(...expected.flatMap((row, i) => row.map((e, j) => Math.abs(values[i * c + j] - e))));

describe('partition explainer', () => {
  for (const [name, h] of hierarchies) {
    it(`equals brute-force Owen values when the budget expands everything: ${name}`, async () => {
      const game = interactingGame(h.leaves, h.leaves * 31 + h.left[0]);
      const { p, vf } = gameProblem(h.leaves, 3, game);
      const full = fullPartitionEvaluations(h);
      const values = await partitionExplainer(h, { budget: full })(p);
      const expected = owenByOrderings(h, 3, game);
      assert.ok(maxDiff(values, expected, 3) < 1e-9, `off by ${maxDiff(values, expected, 3)}`);
      assert.equal(vf.asked.length, full);
      // Every coalition once, never the empty or the full one (those are given).
      assert.equal(new Set(vf.asked).size, full);
      assert.ok(!vf.asked.includes('0'.repeat(h.leaves)) && !vf.asked.includes('1'.repeat(h.leaves)));

      // Two evaluations short of everything, one (node, context) is spread evenly instead: no longer exact.
      const short = await partitionExplainer(h, { budget: full - 2 })(gameProblem(h.leaves, 3, game).p);
      assert.ok(maxDiff(short, expected, 3) > 1e-6, 'a truncated run should differ from the Owen values');
    });
  }

  it('the full cost is 2 coalitions per internal node per context: 2(1 + 2*2 + 4*4) for 8 leaves', () => {
    assert.equal(fullPartitionEvaluations(sequenceHierarchy(8)), 42);
    assert.equal(fullPartitionEvaluations(sequenceHierarchy(1)), 0);
    assert.equal(partitionEvaluations(sequenceHierarchy(8), 500), 42);
    assert.equal(partitionEvaluations(sequenceHierarchy(64), 500), 500);
    assert.equal(partitionEvaluations(sequenceHierarchy(64), 51), 50);
    assert.equal(partitionEvaluations(sequenceHierarchy(64)), 500);
  });

  it('an additive game gets each group its own term, and a coarse budget the mean of its half', async () => {
    const m = 8;
    const t = [
      [3, -1],
      [0.5, 2],
      [-2, 0],
      [1, 1],
      [4, -3],
      [0, 0.5],
      [-1, 2],
      [2.5, 1],
    ];
    const game: Game = (on) => [0, 1].map((j) => 10 * j + t.reduce((s, ti, i) => s + on[i] * ti[j], 0));
    const h = sequenceHierarchy(m);
    const exact = await partitionExplainer(h, { budget: 500 })(gameProblem(m, 2, game).p);
    assert.ok(maxDiff(exact, t, 2) < 1e-12);
    // Budget 2 expands the root alone: each half's total, spread evenly over its four leaves.
    const coarse = await partitionExplainer(h, { budget: 2 })(gameProblem(m, 2, game).p);
    const halfMean = (from: number, j: number) => t.slice(from, from + 4).reduce((s, ti) => s + ti[j], 0) / 4;
    const expected = t.map((_, i) => [0, 1].map((j) => halfMean(i < 4 ? 0 : 4, j)));
    assert.ok(maxDiff(coarse, expected, 2) < 1e-12);
    for (const budget of [4, 6, 10, 20]) {
      const v = await partitionExplainer(h, { budget })(gameProblem(m, 2, game).p);
      const sums = columnSums(v, 2);
      [0, 1].forEach((j) => assert.ok(Math.abs(sums[j] - t.reduce((s, ti) => s + ti[j], 0)) < 1e-12));
    }
  });

  it('efficiency holds exactly and the evaluations never pass the budget, at every budget', async () => {
    for (const h of [sequenceHierarchy(13), gridHierarchy(10, 7, 3).hierarchy]) {
      const game = interactingGame(h.leaves, 5);
      for (const budget of [0, 1, 2, 3, 10, 50, 51, 500]) {
        const { p, vf } = gameProblem(h.leaves, 3, game);
        const values = await partitionExplainer(h, { budget })(p);
        const sums = columnSums(values, 3);
        for (let j = 0; j < 3; j++) {
          assert.ok(Math.abs(sums[j] - (p.full[j] - p.empty[j])) < 1e-12, `budget ${budget} column ${j}`);
        }
        assert.equal(vf.asked.length, partitionEvaluations(h, budget));
        assert.ok(vf.asked.length <= budget);
        assert.equal(new Set(vf.asked).size, vf.asked.length, 'a coalition was evaluated twice');
        // Few calls, each a batch: rounds double, so about log2 of the expansions.
        assert.ok(vf.calls.length <= Math.ceil(Math.log2(budget / 2 + 1)) + 1, `${vf.calls.length} calls`);
      }
    }
  });

  it('onRefine sees efficient values after each round, coarse first, ending with the result', async () => {
    const h = sequenceHierarchy(16);
    const game = interactingGame(16, 9);
    const { p, vf } = gameProblem(16, 3, game);
    const seen: { values: Float64Array; evaluations: number }[] = [];
    const result = await partitionExplainer(h, {
      budget: 100,
      onRefine: (values, evaluations) => seen.push({ values, evaluations }),
    })(p);
    assert.equal(seen.length, vf.calls.length);
    assert.deepEqual(
      seen.map((s) => s.evaluations),
      vf.calls.map((_, k) => vf.calls.slice(0, k + 1).reduce((a, b) => a + b, 0)),
    );
    assert.equal(seen[seen.length - 1].evaluations, 100);
    assert.deepEqual([...seen[seen.length - 1].values], [...result]);
    for (const { values } of seen) {
      const sums = columnSums(values, 3);
      for (let j = 0; j < 3; j++) assert.ok(Math.abs(sums[j] - (p.full[j] - p.empty[j])) < 1e-12);
    }
    // The first round expands the root only: each half of the sequence is still one flat value.
    const first = seen[0].values;
    assert.equal(seen[0].evaluations, 2);
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 3; j++) assert.equal(first[i * 3 + j], first[(i < 8 ? 0 : 8) * 3 + j]);
    }
  });

  it('priority columns steer the budget to the groups that move them', async () => {
    // Column 0 depends on groups 0..7 only, column 1 on 8..15 only.
    const m = 16;
    const game: Game = (on) => {
      let a = 1;
      let b = 1;
      for (let i = 0; i < 8; i++) a *= on[i] ? 1.5 : 1;
      for (let i = 8; i < 16; i++) b *= on[i] ? 1.5 : 1;
      return [a, b];
    };
    const h = sequenceHierarchy(m);
    for (const column of [0, 1]) {
      const { p, vf } = gameProblem(m, 2, game);
      await partitionExplainer(h, { budget: 30, priorityColumns: [column] })(p);
      // Nodes in the other half carry nothing for the chosen column, so none is expanded: that half is
      // always wholly on or wholly off (15 expansions fit inside the chosen half's 2 + 8 + 32).
      const other = column === 0 ? [8, 16] : [0, 8];
      for (const mask of vf.asked) {
        const part = mask.slice(other[0], other[1]);
        assert.ok(part === '0'.repeat(8) || part === '1'.repeat(8), `column ${column}: ${mask}`);
      }
      assert.equal(vf.asked.length, 30);
    }
  });

  it('rejects a hierarchy that does not match the value function, or a malformed one', async () => {
    await assert.rejects(partitionExplainer(sequenceHierarchy(4))(gameProblem(5, 1, () => [0]).p), /4 leaves/);
    assert.throws(
      () =>
        partitionExplainer(
          hierarchyOf(3, [
            [0, 1],
            [0, 2],
          ]),
        ),
      /two parents/,
    );
    assert.equal(leafSpans(sequenceHierarchy(1)).order.length, 1);
    const single = await partitionExplainer(sequenceHierarchy(1))(gameProblem(1, 2, (on) => [on[0] * 3, 1]).p);
    assert.deepEqual([...single], [3, 0]);
  });
});
