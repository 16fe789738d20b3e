// Standard errors of the sampled methods: over many seeds the exact value lies within two standard errors about
// 95% of the time (too rarely means the errors are too small, too often that they are too large); a tolerance
// stops sampling once every error is below it, and says whether it got there.

import assert from 'node:assert/strict';
import { functionModel } from '../../../../src/engine/explain/batchModel';
import { BatchEvaluator } from '../../../../src/engine/explain/evaluator';
import { explainRows } from '../../../../src/engine/explain/explainRows';
import { seededRandom } from '../../../../src/engine/explain/random';
import { singleFeatureGroups, valueFunction } from '../../../../src/engine/explain/shapley/coalitionValues';
import { exactShapley } from '../../../../src/engine/explain/shapley/exact';
import { kernelExplainerWithErrors } from '../../../../src/engine/explain/shapley/kernel';
import { permutationExplainerWithErrors } from '../../../../src/engine/explain/shapley/permutation';
import { batchMeans } from '../../../../src/engine/explain/shapley/standardError';
import type { RowProblem } from '../../../../src/engine/explain/shapley/types';
import { parseSidecar } from '../../../../src/engine/settings/sidecar';
import { choicesProblem } from '../../../../src/protocol/validate';

const M = 10;
// Every feature in an interaction of order three or more (antithetic pairs and paired fits are exact for
// additive and pairwise effects, whose errors would be 0 to rounding).
const f = (r: ArrayLike<number>) => [
  1 / (1 + Math.exp(-(r[0] * r[1] * r[2] - r[3] + 0.5 * r[3] * r[4] * r[5]))) +
    Math.sin(r[6] * r[7] * r[8] + r[9] * r[0]),
];
const rng = seededRandom(11);
const rows = (n: number) => Float64Array.from({ length: n * M }, () => Math.fround(rng() * 4 - 2));
const model = functionModel(M, 1, (row, out) => out.set(f(row)));

async function problems(count: number) {
  const bg = { values: rows(8), rows: 8 };
  const ev = new BatchEvaluator(model);
  const vf = valueFunction(ev, bg, singleFeatureGroups(M), 'identity');
  const emptyOut = await ev.evaluateRows(bg.values, 8);
  const empty = Float64Array.of(emptyOut.reduce((s, v) => s + v, 0) / 8);
  const xs = rows(count);
  return Promise.all(
    Array.from({ length: count }, async (_, r) => {
      const x = xs.slice(r * M, (r + 1) * M);
      const full = await ev.evaluateRows(x, 1);
      const p: RowProblem = { vf, x, full, empty, random: seededRandom(0) };
      return { p, exact: await exactShapley(p) };
    }),
  );
}

async function coverage(
  estimator: (seed: number) => (p: RowProblem) => Promise<{ values: Float64Array; stdErrors: Float64Array }>,
  seeds: number,
) {
  const cases = await problems(2);
  let inside = 0;
  let total = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const explain = estimator(seed);
    for (const { p, exact } of cases) {
      const { values, stdErrors } = await explain(p);
      values.forEach((v, i) => {
        assert.ok(stdErrors[i] > 0, 'a sampled value has a positive standard error');
        total++;
        if (Math.abs(v - exact[i]) <= 2 * stdErrors[i] + 1e-12) inside++;
      });
    }
  }
  return inside / total;
}

describe('standard errors of sampled Shapley values', function () {
  this.timeout(120_000);

  it('kernel: the exact value is within 2 SE about 95% of the time over 200 seeds', async () => {
    const share = await coverage((seed) => kernelExplainerWithErrors(M, seededRandom(seed), { budget: 300 }), 200);
    assert.ok(share >= 0.9 && share <= 0.99, `coverage ${share}`);
  });

  it('permutation: the exact value is within 2 SE about 95% of the time over 200 seeds', async () => {
    const share = await coverage((seed) => permutationExplainerWithErrors(M, seededRandom(seed), 20), 200);
    assert.ok(share >= 0.9 && share <= 0.99, `coverage ${share}`);
  });
});

describe('std_errors, converged and tolerance in the attribution', function () {
  this.timeout(60_000);
  const base = {
    model,
    outputName: 'y',
    columnNames: ['y'],
    featureNames: Array.from({ length: M }, (_, i) => `f${i}`),
    rows: { values: rows(2), rows: 2, cols: M },
    rowIndices: [0, 1],
    background: { values: rows(6), rows: 6 },
    seed: 3,
  };

  it('kernel and permutation give a positive error per value; exact gives none; an exhaustive kernel gives zeros', async () => {
    for (const method of ['kernel', 'permutation'] as const) {
      const { attribution: a } = await explainRows({ ...base, method, samples: method === 'kernel' ? 300 : 20 });
      assert.equal(a.std_errors!.length, 2);
      a.std_errors!.forEach((row) => row.forEach((v) => assert.ok(v[0] > 0, method)));
      assert.equal(a.converged, undefined);
    }
    assert.equal((await explainRows({ ...base, method: 'exact' })).attribution.std_errors, undefined);
    const full = (await explainRows({ ...base, method: 'kernel', samples: 2 ** M })).attribution;
    full.std_errors!.forEach((row) => row.forEach((v) => assert.equal(v[0], 0)));
  });

  for (const method of ['kernel', 'permutation'] as const) {
    it(`${method}: a loose tolerance stops early and says so; a tight one spends the budget and says it fell short`, async () => {
      const samples = method === 'kernel' ? 800 : 40;
      const all = (await explainRows({ ...base, method, samples })).attribution;
      const loose = (await explainRows({ ...base, method, samples, tolerance: 1 })).attribution;
      assert.deepEqual(loose.converged, [true, true]);
      assert.equal(loose.tolerance, 1);
      assert.ok(loose.evaluations < all.evaluations, `${loose.evaluations} of ${all.evaluations}`);
      loose.std_errors!.flat(2).forEach((se) => assert.ok(se < 1));
      const tight = await explainRows({ ...base, method, samples, tolerance: 1e-9 });
      assert.deepEqual(tight.attribution.converged, [false, false]);
      assert.equal(tight.attribution.evaluations, all.evaluations);
      // Rounds take prefixes of the same plan: spending it all gives the untoleranced run's numbers.
      assert.deepEqual(tight.attribution.values, all.values);
      assert.equal(tight.plan.upperBound, true);
      assert.match(tight.plan.reason, /upper bound/);
    });
  }

  it('batch means: the spread of independent estimates over the root of their count', () => {
    const { values, stdErrors } = batchMeans([Float64Array.of(1, 5), Float64Array.of(3, 5), Float64Array.of(2, 5)]);
    assert.deepEqual(Array.from(values), [2, 5]);
    assert.ok(Math.abs(stdErrors[0] - Math.sqrt(1 / 3)) < 1e-15);
    assert.equal(stdErrors[1], 0);
  });
});

describe('the tolerance choice', () => {
  it("is a number above 0 in the panel's choices and the sidecar", () => {
    assert.equal(choicesProblem({ method: 'kernel', tolerance: 0.01 }), undefined);
    for (const bad of [0, -1, '0.1', Infinity])
      assert.equal(choicesProblem({ method: 'kernel', tolerance: bad }), 'tolerance must be a number above 0');
    const side = parseSidecar('{"method": "kernel", "tolerance": 0.002}', 'm.onnx.lens.json');
    assert.deepEqual(side.problems, []);
    assert.equal(side.choices.tolerance, 0.002);
    assert.match(parseSidecar('{"tolerance": -1}', 'm.onnx.lens.json').problems[0], /field "tolerance"/);
  });
});
