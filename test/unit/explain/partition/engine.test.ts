// The partition explainer through the engine's own value function (masked rows built and evaluated in
// batches over a background set): brute-force Owen values on a small model, and a planted image model
// whose output depends on one quadrant only.

import assert from 'node:assert/strict';
import { functionModel, type BatchModel } from '../../../../src/engine/explain/batchModel';
import { BatchEvaluator } from '../../../../src/engine/explain/evaluator';
import { gridHierarchy, sequenceHierarchy, type Hierarchy } from '../../../../src/engine/explain/features/hierarchy';
import { partitionEvaluations, partitionExplainer } from '../../../../src/engine/explain/partition/partition';
import { seededRandom } from '../../../../src/engine/explain/random';
import {
  backgroundMean,
  singleFeatureGroups,
  valueFunction,
  type BackgroundSet,
  type FeatureGroups,
} from '../../../../src/engine/explain/shapley/coalitionValues';
import type { RowProblem } from '../../../../src/engine/explain/shapley/types';
import { coalitionValue, type RowFunction } from '../agnostic/reference';
import { columnSums, owenByOrderings } from './owenReference';

const rng = seededRandom(11);
/** Values are float32-rounded on their way into the model, as with onnxruntime: compare on rounded rows. */
const f32Row = (n: number, scale = 4) =>
  Float64Array.from(Float32Array.from({ length: n }, () => rng() * scale - scale / 2));

/** A model that counts its calls. */
function counted(model: BatchModel): BatchModel & { calls: number } {
  const out = {
    ...model,
    calls: 0,
    evaluate: (rows: Float32Array, n: number) => {
      out.calls++;
      return model.evaluate(rows, n);
    },
  };
  return out;
}

async function problem(
  model: BatchModel,
  x: Float64Array,
  bg: Float64Array[],
  groups: FeatureGroups,
  weights?: number[],
): Promise<{ p: RowProblem; evaluator: BatchEvaluator }> {
  const evaluator = new BatchEvaluator(model);
  const background: BackgroundSet = {
    values: Float64Array.from(bg.flatMap((r) => [...r])),
    rows: bg.length,
    weights: weights ? Float64Array.from(weights) : undefined,
  };
  const full = await evaluator.evaluateRows(x, 1);
  const empty = backgroundMean(await evaluator.evaluateRows(background.values, bg.length), background, model.columns);
  const vf = valueFunction(evaluator, background, groups, 'identity');
  return { p: { vf, x, full, empty, random: rng }, evaluator };
}

describe('partition explainer through the engine value function', () => {
  it('equals brute-force Owen values of the interventional game, in batched model calls', async () => {
    const m = 8;
    const f: RowFunction = (r) => {
      const a = r[0] * r[1] + Math.sin(r[2]) * r[7] + 0.5 * r[3] * r[4] * r[5] + Math.max(r[6], r[2]);
      return [a, Math.tanh(a) + r[0] - r[6] ** 2];
    };
    const model = counted(functionModel(m, 2, (row, out) => out.set(f(Float64Array.from(row)))));
    const x = f32Row(m);
    const bg = Array.from({ length: 6 }, () => f32Row(m));
    const weights = [1, 2, 1, 3, 1, 1];
    // Unbalanced, and the leaves are not numbered in tree order.
    const h: Hierarchy = {
      leaves: 8,
      left: Int32Array.from([2, 0, 5, 3, 11, 9, 13]),
      right: Int32Array.from([7, 8, 6, 10, 4, 1, 12]),
      root: 14,
    };
    const { p, evaluator } = await problem(model, x, bg, singleFeatureGroups(m), weights);
    const callsBefore = model.calls;
    const rowsBefore = evaluator.evaluations;
    const rounds: number[] = [];
    const values = await partitionExplainer(h, { budget: 1000, onRefine: (_, e) => rounds.push(e) })(p);
    const owen = owenByOrderings(h, 2, (on) => {
      const s = new Set([...on.keys()].filter((i) => on[i] === 1));
      return coalitionValue(f, x, bg, weights, s);
    });
    const diff = Math.max(...owen.flatMap((row, i) => row.map((o, j) => Math.abs(values[i * 2 + j] - o))));
    assert.ok(diff < 1e-9, `off by ${diff}`);
    const coalitions = partitionEvaluations(h, 1000);
    assert.equal(evaluator.evaluations - rowsBefore, coalitions * bg.length);
    // Rounds double in size (while the hierarchy has nodes left to expand): one model call per round here.
    assert.equal(model.calls - callsBefore, rounds.length);
    assert.ok(rounds.length <= 8, `${rounds.length} rounds for ${coalitions} coalitions: ${rounds}`);
  });

  it('a model that looks at the top-left quadrant only gets >= 95% of its map there (28 x 28, budget 500)', async () => {
    const side = 28;
    const { hierarchy: h, segmentOfPixel } = gridHierarchy(side, side, 16);
    const inQuadrant = (at: number) => Math.floor(at / side) < 14 && at % side < 14;
    const w = Float64Array.from({ length: side * side }, (_, at) => (inQuadrant(at) ? rng() - 0.3 : 0));
    const model = functionModel(side * side, 3, (row, out) => {
      let s = 0;
      let peak = 0;
      for (let at = 0; at < row.length; at++) {
        s += w[at] * row[at];
        if (inQuadrant(at)) peak = Math.max(peak, row[at]);
      }
      out[0] = Math.tanh(s / 10);
      out[1] = s * s * 0.01 + peak;
      out[2] = Math.exp(-Math.abs(s) / 20);
    });
    const image = Float64Array.from(Float32Array.from({ length: side * side }, (_, at) => (at % 5) / 5 + rng() * 0.4));
    const bg = [new Float64Array(side * side), Float64Array.from({ length: side * side }, () => 0.5)];
    const groups: FeatureGroups = { count: h.leaves, groupOf: segmentOfPixel };
    const { p, evaluator } = await problem(model, image, bg, groups);
    const before = evaluator.evaluations;
    const maps: Float64Array[] = [];
    const values = await partitionExplainer(h, { budget: 500, onRefine: (v) => maps.push(v) })(p);
    assert.equal((evaluator.evaluations - before) / bg.length, 500);
    const sums = columnSums(values, 3);
    for (let j = 0; j < 3; j++) assert.ok(Math.abs(sums[j] - (p.full[j] - p.empty[j])) < 1e-9);
    const leafInQuadrant = new Uint8Array(h.leaves);
    segmentOfPixel.forEach((leaf, at) => (leafInQuadrant[leaf] = inQuadrant(at) ? 1 : 0));
    for (const map of [values, maps[2]]) {
      for (let j = 0; j < 3; j++) {
        let inside = 0;
        let total = 0;
        for (let leaf = 0; leaf < h.leaves; leaf++) {
          const a = Math.abs(map[leaf * 3 + j]);
          total += a;
          if (leafInQuadrant[leaf]) inside += a;
        }
        assert.ok(total > 0 && inside / total >= 0.95, `column ${j}: ${((100 * inside) / total).toFixed(1)}% inside`);
      }
    }
    // And the map inside the quadrant is not flat: the budget went into refining it.
    const inside = [...Array(h.leaves).keys()].filter((leaf) => leafInQuadrant[leaf]).map((leaf) => values[leaf * 3]);
    assert.ok(new Set(inside.map((v) => v.toFixed(12))).size >= 8);
  });

  it('a sequence of tokens groups several elements each', async () => {
    // 12 elements in 6 groups of two (a token's embedding, a time window); the model sums pairs' products.
    const groups: FeatureGroups = { count: 6, groupOf: Int32Array.from({ length: 12 }, (_, e) => e >> 1) };
    const f: RowFunction = (r) => [r[0] * r[1] + r[2] * r[5] + r[10] * r[11] * r[4]];
    const model = functionModel(12, 1, (row, out) => out.set(f(Float64Array.from(row))));
    const x = f32Row(12);
    const bg = Array.from({ length: 3 }, () => f32Row(12));
    const { p } = await problem(model, x, bg, groups);
    const h = sequenceHierarchy(6);
    const values = await partitionExplainer(h)(p);
    const owen = owenByOrderings(h, 1, (on) => {
      const s = new Set([...Array(12).keys()].filter((e) => on[e >> 1] === 1));
      return coalitionValue(f, x, bg, [1, 1, 1], s);
    });
    owen.forEach(([o], i) => assert.ok(Math.abs(values[i] - o) < 1e-9, `group ${i}`));
  });
});
