// A prepared fit serves row after row with the same scratch arrays: each row's values and standard errors must
// be those of a fit prepared for it alone, whatever rows came before (and in any number of columns).

import assert from 'node:assert/strict';
import { seededRandom } from '../../../../src/engine/explain/random';
import { prepareFit, solvePrepared, triplesOf } from '../../../../src/engine/explain/shapley/pairedFit';
import { pairPlan, planDesign } from '../../../../src/engine/explain/shapley/pairPlan';

describe('paired kernel fit reused across rows', () => {
  const m = 9;
  const design = planDesign(pairPlan(m, 200, seededRandom(4)), 1);
  const random = seededRandom(8);
  const rowOf = (c: number) => ({
    d: Float64Array.from({ length: design.count * c }, () => random() * 2 - 1),
    dN: Float64Array.from({ length: c }, () => random() * 2 - 1),
    c,
  });

  for (const triples of [new Int32Array(0), triplesOf([0, 3, 4, 7])]) {
    it(`matches a fresh fit on every row (${triples.length / 3} triples; 1, 3, 6 and 2 columns in turn)`, () => {
      const shared = prepareFit(design, triples);
      for (const row of [rowOf(1), rowOf(3), rowOf(6), rowOf(2), rowOf(3)]) {
        const got = solvePrepared(shared, row.d, row.dN, row.c);
        const want = solvePrepared(prepareFit(design, triples), row.d, row.dN, row.c);
        assert.deepEqual(got.values, want.values);
        assert.deepEqual(got.stdErrors, want.stdErrors);
        assert.ok(
          want.stdErrors.some((se) => se > 0),
          'a sampled design has standard errors',
        );
      }
    });
  }

  it('gives the same values without standard errors when asked for none', () => {
    const f = prepareFit(design);
    const row = rowOf(3);
    const full = solvePrepared(f, row.d, row.dN, 3);
    const valuesOnly = solvePrepared(f, row.d, row.dN, 3, { errors: false });
    assert.deepEqual(valuesOnly.values, full.values);
    assert.ok(valuesOnly.stdErrors.every((se) => se === 0));
  });
});
