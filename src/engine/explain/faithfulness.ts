/**
 * Deletion and insertion curves (Petsiuk et al. 2018, "RISE: randomized input sampling for explanation of
 * black-box models"): mask the segments from the most important down and watch the target fall (deletion),
 * or reveal them in that order from the fully masked input and watch it rise (insertion); each against the
 * fraction of pixels changed, with the area under it, and the same for random orders as a yardstick.
 * The masker is the value function's, so the curves measure the map with the masking that produced it.
 */
import type { FaithfulnessCurves } from '../../protocol/attributionTypes';
import { randomPermutation } from './random';
import type { RowProblem } from './shapley/types';

export interface FaithfulnessOptions {
  /** Points after the start of each curve (default min(groups, 20)). */
  steps?: number;
  /** Random orders averaged for the yardstick areas (default 3). */
  randomOrders?: number;
  random: () => number;
}

export async function faithfulnessCurves(
  p: RowProblem,
  segmentValues: Float64Array,
  column: number,
  pixelsPerGroup: Int32Array,
  options: FaithfulnessOptions,
): Promise<FaithfulnessCurves> {
  const g = p.vf.groups.count;
  const c = p.vf.columns;
  if (segmentValues.length !== g || pixelsPerGroup.length !== g) {
    throw new Error(`faithfulness: ${segmentValues.length} values and ${pixelsPerGroup.length} sizes for ${g} groups`);
  }
  const steps = Math.max(1, Math.min(g, Math.floor(options.steps ?? Math.min(g, 20))));
  // Most important first; ties keep the group order so the curve is deterministic.
  const order = Int32Array.from({ length: g }, (_, i) => i).sort(
    (a, b) => segmentValues[b] - segmentValues[a] || a - b,
  );
  const orders: Int32Array[] = [order];
  for (let r = 0; r < (options.randomOrders ?? 3); r++) orders.push(randomPermutation(g, options.random));
  // Groups changed after step k: round(k g / steps); the end points are v(full) and v(empty), known.
  const counts = Array.from({ length: steps + 1 }, (_, k) => Math.round((k * g) / steps));
  const inner = steps - 1;
  const masks = new Uint8Array(orders.length * 2 * inner * g);
  orders.forEach((o, r) => {
    for (let k = 1; k < steps; k++) {
      const deletion = (r * 2 * inner + k - 1) * g;
      const insertion = deletion + inner * g;
      masks.fill(1, deletion, deletion + g);
      for (let t = 0; t < counts[k]; t++) {
        masks[deletion + o[t]] = 0;
        masks[insertion + o[t]] = 1;
      }
    }
  });
  const v = inner > 0 ? await p.vf.values(p.x, masks, orders.length * 2 * inner) : new Float64Array(0);
  let total = 0;
  for (let i = 0; i < g; i++) total += pixelsPerGroup[i];

  const curves = orders.map((o, r) => {
    const fractions = [0];
    let pixels = 0;
    for (let k = 1; k <= steps; k++) {
      for (let t = counts[k - 1]; t < counts[k]; t++) pixels += pixelsPerGroup[o[t]];
      fractions.push(total > 0 ? pixels / total : k / steps);
    }
    const at = (curve: number, k: number) => v[((r * 2 + curve) * inner + k - 1) * c + column];
    const deletion = [p.full[column], ...Array.from({ length: inner }, (_, k) => at(0, k + 1)), p.empty[column]];
    const insertion = [p.empty[column], ...Array.from({ length: inner }, (_, k) => at(1, k + 1)), p.full[column]];
    return { fractions, deletion, insertion };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const random = curves.slice(1);
  const [main] = curves;
  return {
    fractions: main.fractions,
    deletion: main.deletion,
    insertion: main.insertion,
    deletion_area: trapezoid(main.fractions, main.deletion),
    insertion_area: trapezoid(main.fractions, main.insertion),
    random_deletion_area: random.length ? mean(random.map((q) => trapezoid(q.fractions, q.deletion))) : NaN,
    random_insertion_area: random.length ? mean(random.map((q) => trapezoid(q.fractions, q.insertion))) : NaN,
  };
}

/** The area under a piecewise linear curve through (x_k, y_k). */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let k = 1; k < x.length; k++) area += ((x[k] - x[k - 1]) * (y[k] + y[k - 1])) / 2;
  return area;
}
