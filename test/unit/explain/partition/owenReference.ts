// Independent references for the partition explainer: Owen values as the mean of marginal contributions
// over every ordering of the leaves that keeps each subtree contiguous, and a value function read from a
// plain function of the coalition that records every batch it is asked for.

import type { Hierarchy } from '../../../../src/engine/explain/features/hierarchy';
import { singleFeatureGroups, type ValueFunction } from '../../../../src/engine/explain/shapley/coalitionValues';
import type { RowProblem } from '../../../../src/engine/explain/shapley/types';

/** v of a coalition given as a 0/1 byte per group. */
export type Game = (on: Uint8Array) => number[];

export interface RecordingValueFunction extends ValueFunction {
  /** Every coalition evaluated, as a string of 0/1, in order. */
  readonly asked: string[];
  /** Coalitions per call. */
  readonly calls: number[];
}

export function gameValueFunction(m: number, columns: number, game: Game): RecordingValueFunction {
  const asked: string[] = [];
  const calls: number[] = [];
  return {
    groups: singleFeatureGroups(m),
    columns,
    asked,
    calls,
    async values(_x, masks, count) {
      calls.push(count);
      const out = new Float64Array(count * columns);
      for (let k = 0; k < count; k++) {
        const on = masks.slice(k * m, (k + 1) * m);
        asked.push(on.join(''));
        out.set(game(on), k * columns);
      }
      return out;
    },
  };
}

export function gameProblem(m: number, columns: number, game: Game): { p: RowProblem; vf: RecordingValueFunction } {
  const vf = gameValueFunction(m, columns, game);
  const p: RowProblem = {
    vf,
    x: new Float64Array(m),
    full: Float64Array.from(game(new Uint8Array(m).fill(1))),
    empty: Float64Array.from(game(new Uint8Array(m))),
    random: () => 0.5,
  };
  return { p, vf };
}

/** Every ordering of the leaves under `node` in which each subtree's leaves come one after another. */
export function hierarchyOrderings(h: Hierarchy, node = h.root): number[][] {
  if (node < h.leaves) return [[node]];
  const left = hierarchyOrderings(h, h.left[node - h.leaves]);
  const right = hierarchyOrderings(h, h.right[node - h.leaves]);
  const out: number[][] = [];
  for (const a of left) for (const b of right) out.push([...a, ...b], [...b, ...a]);
  return out;
}

/** Owen values [leaf][column] by brute force over the hierarchy's orderings. */
export function owenByOrderings(h: Hierarchy, columns: number, game: Game): number[][] {
  const m = h.leaves;
  const phi = Array.from({ length: m }, () => new Array<number>(columns).fill(0));
  const orderings = hierarchyOrderings(h);
  for (const order of orderings) {
    const on = new Uint8Array(m);
    let before = game(on);
    for (const i of order) {
      on[i] = 1;
      const after = game(on);
      for (let j = 0; j < columns; j++) phi[i][j] += (after[j] - before[j]) / orderings.length;
      before = after;
    }
  }
  return phi;
}

/** Sums of group-major values per column. */
export function columnSums(values: Float64Array, columns: number): number[] {
  const s = new Array<number>(columns).fill(0);
  for (let i = 0; i < values.length; i++) s[i % columns] += values[i];
  return s;
}
