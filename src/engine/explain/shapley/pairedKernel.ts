/**
 * The paired KernelSHAP behind `kernel`: complement pairs planned once per explanation (pairPlan), evaluated
 * in rounds when a tolerance is set, and fitted on the linear terms plus the triples of the row's leading
 * features (pairedFit), with a standard error per value.
 */
import { binomial } from '../linalg';
import { solvePrepared, triplesOf, type PairFit, type PreparedFit } from './pairedFit';
import { pairPlan, planDesign, type PairAllocation } from './pairPlan';
import { preparedFitFor } from './preparedFits';
import { reorderCoalitions } from './coalitionOrder';
import type { GroupValues, RowProblem } from './types';

/** What a sampled method gives for a row: values, their standard errors, and whether a tolerance was met. */
export interface SampledValues {
  values: GroupValues;
  /** Per group and column, like the values; zeros where nothing was sampled. */
  stdErrors: Float64Array;
  /** With a tolerance: every standard error below it (true), or the budget spent first (false). */
  converged?: boolean;
  /** Coalitions evaluated for this row. */
  coalitions: number;
}

export interface PairedKernelOptions {
  budget: number;
  /** Keep sampling in rounds until every standard error is below this, or the budget is spent. */
  tolerance?: number;
  /** Third-order terms in the fit: 'auto' (as many leading features as the pairs support) or 'none'. */
  interactions?: 'auto' | 'none';
  allocation?: PairAllocation;
}

/** Shares of each stratum's draws evaluated by the rounds of a run with a tolerance. */
export const TOLERANCE_ROUNDS = [0.125, 0.25, 0.5, 1];

/** Pairs per fitted parameter the triples may use at most (measured: fewer overfit, more leave error). */
const PAIRS_PER_PARAMETER = 3;

export function pairedKernelExplainer(
  m: number,
  random: () => number,
  options: PairedKernelOptions,
): (p: RowProblem) => Promise<SampledValues> {
  const plan = pairPlan(m, options.budget, random, options.allocation);
  const shares = options.tolerance !== undefined && !plan.exhaustive ? TOLERANCE_ROUNDS : [1];
  const designs = shares.map((s) => planDesign(plan, s));
  // The row-independent part of each round's fit, shared by the rows that choose the same triples (all rows,
  // when every feature's triples fit) and kept between explanations with the same design (preparedFits).
  const local = designs.map(() => new Map<string, PreparedFit>());
  const fitFor = (round: number, triples: Int32Array) => {
    const key = triples.join(',');
    let f = local[round].get(key);
    if (!f) {
      if (local[round].size > 8) local[round].clear();
      f = preparedFitFor(designs[round], triples);
      local[round].set(key, f);
    }
    return f;
  };
  // Each round's new pairs and their coalitions are the same for every row: built once, in an order whose
  // neighbours differ in few features (the evaluation workers build rows from the previous one's).
  const rounds = designs.map((design, round) =>
    roundCoalitions(plan, design, round > 0 ? designs[round - 1] : undefined),
  );
  return async (p) => {
    const c = p.vf.columns;
    const dN = Float64Array.from(p.full, (f, j) => (f - p.empty[j]) / 2);
    const d = new Float64Array(designs[designs.length - 1].count * c);
    let coalitions = 0;
    let fit: PairFit | undefined;
    let converged: boolean | undefined;
    for (const [round, design] of designs.entries()) {
      // The new pairs of this round (each round's design holds the previous one's), evaluated both sides.
      const { positions, fresh, masks, placeOf } = rounds[round];
      if (fresh.length > 0) {
        const v = await p.vf.values(p.x, masks, 2 * fresh.length);
        coalitions += 2 * fresh.length;
        for (let q = 0; q < fresh.length; q++) {
          const inside = placeOf[2 * q] * c;
          const outside = placeOf[2 * q + 1] * c;
          const at = positions[fresh[q]] * c;
          for (let j = 0; j < c; j++) d[at + j] = (v[inside + j] - v[outside + j]) / 2;
        }
      }
      const dRound = new Float64Array(design.count * c);
      for (let k = 0; k < design.count; k++) for (let j = 0; j < c; j++) dRound[k * c + j] = d[positions[k] * c + j];
      if (m === 1) return { values: Float64Array.from(dN, (v) => 2 * v), stdErrors: new Float64Array(c), coalitions };
      const k = options.interactions === 'none' || plan.exhaustive ? 0 : tripleFeatures(m, design.count);
      // With every feature's triples the linear fit (which picks the leading features) is not needed.
      fit = k === m ? undefined : solvePrepared(fitFor(round, new Int32Array(0)), dRound, dN, c, { errors: k === 0 });
      if (k > 0)
        fit = solvePrepared(
          fitFor(round, triplesOf(k === m ? allOf(m) : leading(fit!.values, m, c, k))),
          dRound,
          dN,
          c,
        );
      if (options.tolerance !== undefined) {
        converged = fit!.stdErrors.every((se) => se < options.tolerance!);
        if (converged) break;
      }
    }
    return { values: fit!.values, stdErrors: fit!.stdErrors, converged, coalitions };
  };
}

/** A round's pairs (their places in the full plan), its new ones, and their coalitions both sides in build order. */
function roundCoalitions(
  plan: ReturnType<typeof pairPlan>,
  design: ReturnType<typeof planDesign>,
  previous: ReturnType<typeof planDesign> | undefined,
) {
  const m = plan.m;
  const positions = designPositions(plan, design);
  const evaluated = new Set(previous ? designPositions(plan, previous) : []);
  const fresh = Int32Array.from(positions.flatMap((pos, k) => (evaluated.has(pos) ? [] : [k])));
  const sides = new Uint8Array(2 * fresh.length * m);
  fresh.forEach((k, q) => {
    for (let i = 0; i < m; i++) {
      const bit = design.masks[k * m + i];
      sides[2 * q * m + i] = bit;
      sides[(2 * q + 1) * m + i] = 1 - bit;
    }
  });
  return { positions, fresh, ...reorderCoalitions(sides, 2 * fresh.length, m) };
}

/** Where each pair of a round's design sits in the full plan's order (fixed pairs, then each stratum's draws). */
function designPositions(plan: ReturnType<typeof pairPlan>, design: ReturnType<typeof planDesign>): number[] {
  const out: number[] = [];
  for (let k = 0; k < plan.fixedCount; k++) out.push(k);
  let base = plan.fixedCount;
  let at = plan.fixedCount;
  plan.drawn.forEach((drawn, i) => {
    let n = 0;
    while (at < design.count && design.stratum[at] === i) {
      out.push(base + n);
      n++;
      at++;
    }
    base += drawn.length / plan.m;
  });
  return out;
}

function allOf(m: number): number[] {
  return Array.from({ length: m }, (_, i) => i);
}

/** How many leading features' triples the fit can afford with this many pairs. */
export function tripleFeatures(m: number, pairs: number): number {
  let k = 0;
  while (k < m && m - 1 + binomial(k + 1, 3) <= pairs / PAIRS_PER_PARAMETER) k++;
  return k < 3 ? 0 : k;
}

/** The k features with the largest values (summed over columns, each column scaled by its largest). */
function leading(values: Float64Array, m: number, c: number, k: number): number[] {
  if (k === 0) return [];
  const scale = new Float64Array(c);
  for (let i = 0; i < m; i++) for (let j = 0; j < c; j++) scale[j] = Math.max(scale[j], Math.abs(values[i * c + j]));
  const size = Array.from({ length: m }, (_, i) => {
    let s = 0;
    for (let j = 0; j < c; j++) s += scale[j] > 0 ? Math.abs(values[i * c + j]) / scale[j] : 0;
    return s;
  });
  return Array.from({ length: m }, (_, i) => i)
    .sort((a, b) => size[b] - size[a])
    .slice(0, k);
}
