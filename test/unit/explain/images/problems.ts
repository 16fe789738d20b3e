// Row problems for the image building blocks: plain lookups, or the real value function over a one-row
// background with a function model, so masking is what the engine does.

import { functionModel, type RowBuffer } from '../../../../src/engine/explain/batchModel';
import { BatchEvaluator } from '../../../../src/engine/explain/evaluator';
import { valueFunction, type FeatureGroups } from '../../../../src/engine/explain/shapley/coalitionValues';
import type { RowProblem } from '../../../../src/engine/explain/shapley/types';
import { seededRandom } from '../../../../src/engine/explain/random';

/** v(S) from a plain function of the coalition's bytes; counts the vf.values calls. */
export function lookupProblem(groups: number, columns: number, v: (mask: Uint8Array) => number[]) {
  const calls = { count: 0, coalitions: 0 };
  const mask = (bit: number) => new Uint8Array(groups).fill(bit);
  const p: RowProblem = {
    vf: {
      groups: { count: groups, groupOf: Int32Array.from({ length: groups }, (_, i) => i) },
      columns,
      async values(_x, masks, count) {
        calls.count++;
        calls.coalitions += count;
        const out = new Float64Array(count * columns);
        for (let k = 0; k < count; k++) out.set(v(masks.subarray(k * groups, (k + 1) * groups)), k * columns);
        return out;
      },
    },
    x: new Float64Array(groups),
    full: Float64Array.from(v(mask(1))),
    empty: Float64Array.from(v(mask(0))),
    random: seededRandom(1),
  };
  return { p, calls };
}

/** The engine's value function: elements grouped by `groupOf`, masked elements take the background row's values. */
export async function modelProblem(
  x: Float64Array,
  background: Float64Array,
  groups: FeatureGroups,
  columns: number,
  f: (row: RowBuffer, out: Float64Array) => void,
): Promise<RowProblem> {
  const evaluator = new BatchEvaluator(functionModel(x.length, columns, f));
  const vf = valueFunction(evaluator, { values: background, rows: 1 }, groups, 'identity');
  const full = await evaluator.evaluateRows(x, 1);
  const empty = await evaluator.evaluateRows(background, 1);
  return { vf, x, full, empty, random: seededRandom(1) };
}
