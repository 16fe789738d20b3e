// The permutation estimator's default budget against shap's PermutationExplainer default (max_evals = 500).

import assert from 'node:assert/strict';
import { planExplanation } from '../../../../src/engine/explain/plan';
import { seededRandom } from '../../../../src/engine/explain/random';
import { singleFeatureGroups } from '../../../../src/engine/explain/shapley/coalitionValues';
import { defaultPermutations, permutationExplainer } from '../../../../src/engine/explain/shapley/permutation';

describe('permutation estimator: default budget', () => {
  it('evaluates at least 500 coalitions per row for every M from 2 to 60, as the plan says', async () => {
    for (let m = 2; m <= 60; m++) {
      let evaluated = 0;
      const vf = {
        groups: singleFeatureGroups(m),
        columns: 1,
        values: async (_x: Float64Array, _masks: Uint8Array, count: number) => {
          evaluated += count;
          return new Float64Array(count);
        },
      };
      const explain = permutationExplainer(m, seededRandom(1));
      await explain({
        vf,
        x: new Float64Array(m),
        full: new Float64Array(1),
        empty: new Float64Array(1),
        random: seededRandom(2),
      });
      assert.ok(evaluated >= 500, `M = ${m}: ${evaluated} coalitions`);
      const plan = planExplanation({ method: 'permutation', groups: m, backgroundRows: 1, explainedRows: 1 });
      assert.equal(plan.perRow, evaluated, `M = ${m}: the plan counts what is evaluated`);
      // Never below shap's own count of antithetic permutations, floor(500 / (2M)) and at least 1.
      assert.ok(defaultPermutations(m) / 2 >= Math.max(1, Math.floor(500 / (2 * m))));
    }
  });

  it('keeps 10 M permutations where that is already more than 500 evaluations', () => {
    assert.equal(defaultPermutations(40), 400);
    assert.equal(defaultPermutations(6), 2 * Math.ceil(500 / 10));
  });
});
