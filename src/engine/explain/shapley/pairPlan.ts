/**
 * Which complement pairs the paired KernelSHAP evaluates: strata are the pair sizes s = 1 .. M/2 (S of size s,
 * its complement M - s). Whole strata are enumerated while the budget covers them at their kernel mass (as
 * the shap package does for sizes); the rest are sampled without repeats, each stratum's draws in a random
 * order so that any prefix of them is itself a sample (the rounds of a run with a tolerance take prefixes).
 */
import { binomial } from '../linalg';
import type { PairDesign } from './pairedFit';

/**
 * How the pairs left after whole strata are spread over the sampled strata: in proportion to the kernel's
 * mass, or the same number per size (what leverage scores ask for: Musco & Witter 2024; measured better).
 */
export type PairAllocation = 'kernel' | 'uniform';

export interface PairPlan {
  m: number;
  /** Enumerated pairs (S sides), m bytes each. */
  fixed: Uint8Array;
  fixedCount: number;
  fixedStratum: Int32Array;
  /** Per sampled stratum: its drawn pairs in draw order, and how many pairs it has in all. */
  drawn: Uint8Array[];
  population: number[];
  /** Kernel mass per stratum (enumerated strata first, by size). */
  mass: number[];
  /** Size s of each stratum. */
  sizes: number[];
  /** The first sampled stratum's index. */
  firstSampled: number;
  exhaustive: boolean;
}

/** The Shapley kernel's mass of pair size s (both sides), up to a constant. */
function pairMass(m: number, s: number): number {
  return ((m - 1) / (s * (m - s))) * (2 * s === m ? 1 : 2);
}

function pairCount(m: number, s: number): number {
  return 2 * s === m ? binomial(m, s) / 2 : binomial(m, s);
}

export function pairPlan(
  m: number,
  budget: number,
  random: () => number,
  allocation: PairAllocation = 'uniform',
): PairPlan {
  // Whole strata first, by the same mass rule as shap's sizes, so the sampled part is what shap samples.
  const sizes = Array.from({ length: Math.floor(m / 2) }, (_, i) => i + 1);
  const mass = sizes.map((s) => pairMass(m, s));
  const total = mass.reduce((x, y) => x + y, 0);
  let pairsLeft = Math.floor(Math.min(budget, 2 ** m - 2) / 2);
  let massLeft = total;
  const fixedList: number[][] = [];
  const fixedStratum: number[] = [];
  let firstSampled = 0;
  for (; firstSampled < sizes.length; firstSampled++) {
    const s = sizes[firstSampled];
    const count = pairCount(m, s);
    if ((pairsLeft * mass[firstSampled]) / massLeft / count < 1 - 1e-8) break;
    forEachSubsetOf(m, s, (members) => {
      // A self-paired size lists each pair once: the side holding feature 0.
      if (2 * s === m && members[0] !== 0) return;
      fixedList.push(Array.from(members));
      fixedStratum.push(firstSampled);
    });
    pairsLeft -= count;
    massLeft -= mass[firstSampled];
  }
  const fixed = new Uint8Array(fixedList.length * m);
  fixedList.forEach((members, k) => members.forEach((i) => (fixed[k * m + i] = 1)));
  const drawn: Uint8Array[] = [];
  const population: number[] = [];
  const rest = sizes.slice(firstSampled);
  const share = rest.map((_, i) => (allocation === 'uniform' ? 1 : mass[firstSampled + i]));
  const shareTotal = share.reduce((x, y) => x + y, 0);
  let left = pairsLeft;
  rest.forEach((s, i) => {
    const available = pairCount(m, s);
    const want = i === rest.length - 1 ? left : Math.max(2, Math.round((pairsLeft * share[i]) / shareTotal));
    const n = Math.max(0, Math.min(available, want, left));
    drawn.push(drawPairs(m, s, n, random));
    population.push(available);
    left -= n;
  });
  return {
    m,
    fixed,
    fixedCount: fixedList.length,
    fixedStratum: Int32Array.from(fixedStratum),
    drawn,
    population,
    mass,
    sizes,
    firstSampled,
    exhaustive: firstSampled === sizes.length,
  };
}

/** Pairs drawn so far in all: fixed plus every sampled stratum's. */
export function plannedPairs(plan: PairPlan): number {
  return plan.fixedCount + plan.drawn.reduce((s, d) => s + d.length / plan.m, 0);
}

/**
 * The design of the fixed pairs plus, of each sampled stratum, the first `share` (0..1] of its draws
 * (at least two, so each stratum has a spread).
 */
export function planDesign(plan: PairPlan, share = 1): PairDesign {
  const { m } = plan;
  const taken = plan.drawn.map((d) => {
    const n = d.length / m;
    return Math.min(n, Math.max(Math.min(2, n), Math.round(n * share)));
  });
  const count = plan.fixedCount + taken.reduce((s, n) => s + n, 0);
  const masks = new Uint8Array(count * m);
  const weights = new Float64Array(count);
  const stratum = new Int32Array(count);
  const cluster = new Int32Array(count);
  masks.set(plan.fixed);
  for (let k = 0; k < plan.fixedCount; k++) {
    const h = plan.fixedStratum[k];
    weights[k] = plan.mass[h] / pairCount(m, plan.sizes[h]);
    stratum[k] = -1;
    cluster[k] = k;
  }
  let at = plan.fixedCount;
  taken.forEach((n, i) => {
    const h = plan.firstSampled + i;
    masks.set(plan.drawn[i].subarray(0, n * m), at * m);
    for (let k = 0; k < n; k++, at++) {
      weights[at] = plan.mass[h] / n;
      stratum[at] = i;
      cluster[at] = at;
    }
  });
  const fraction = Float64Array.from(taken, (n, i) => n / plan.population[i]);
  return { m, count, masks, weights, stratum, cluster, fraction };
}

/** `n` distinct random pairs of size s (S sides; a self-paired size keeps the side with feature 0). */
function drawPairs(m: number, s: number, n: number, random: () => number): Uint8Array {
  if (n > pairCount(m, s) / 2) return shuffledPairs(m, s, n, random);
  const out = new Uint8Array(n * m);
  const seen = new Set<string | number>();
  const order = Int32Array.from({ length: m }, (_, i) => i);
  const mask = new Uint8Array(m);
  for (let k = 0, tries = 0; k < n && tries < 50 * n + 100; tries++) {
    for (let t = 0; t < s; t++) {
      const j = t + Math.floor(random() * (m - t));
      const x = order[t];
      order[t] = order[j];
      order[j] = x;
    }
    mask.fill(0);
    for (let t = 0; t < s; t++) mask[order[t]] = 1;
    if (2 * s === m && mask[0] === 0) for (let i = 0; i < m; i++) mask[i] ^= 1;
    const key = maskKey(mask);
    if (seen.has(key)) continue;
    seen.add(key);
    out.set(mask, k * m);
    k++;
  }
  return out.subarray(0, seen.size * m);
}

/** Most of a stratum: every pair listed, then the first n of a seeded shuffle. */
function shuffledPairs(m: number, s: number, n: number, random: () => number): Uint8Array {
  const all: Int32Array[] = [];
  forEachSubsetOf(m, s, (members) => {
    if (2 * s !== m || members[0] === 0) all.push(members.slice());
  });
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const out = new Uint8Array(n * m);
  for (let k = 0; k < n; k++) for (const i of all[k]) out[k * m + i] = 1;
  return out;
}

export function maskKey(mask: Uint8Array): string | number {
  if (mask.length > 52) return String.fromCharCode(...mask);
  let key = 0;
  for (let i = 0; i < mask.length; i++) key += mask[i] * 2 ** i;
  return key;
}

function forEachSubsetOf(m: number, size: number, visit: (members: Int32Array) => void): void {
  const idx = Int32Array.from({ length: size }, (_, i) => i);
  for (;;) {
    visit(idx);
    let i = size - 1;
    while (i >= 0 && idx[i] === m - size + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < size; j++) idx[j] = idx[j - 1] + 1;
  }
}
