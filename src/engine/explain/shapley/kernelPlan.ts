/**
 * Which coalitions KernelSHAP evaluates, with their weights (Lundberg & Lee 2017): every coalition
 * when the budget covers them all; otherwise whole subset sizes while the Shapley kernel's mass for a
 * size covers its coalitions (as the shap package does), then the rest sampled with each sample's
 * complement (paired).
 */
import { binomial } from '../linalg';

export interface KernelPlan {
  masks: Uint8Array;
  weights: Float64Array;
  count: number;
  exhaustive: boolean;
}

/** shap's default: 2M + 2048 coalitions. */
export function defaultKernelBudget(groups: number): number {
  return 2 * groups + 2048;
}

export class MaskSet {
  masks: Uint8Array;
  weights: Float64Array;
  count = 0;
  private readonly index = new Map<string | number, number>();

  constructor(
    private readonly m: number,
    capacity: number,
  ) {
    this.masks = new Uint8Array(capacity * m);
    this.weights = new Float64Array(capacity);
  }

  /** Adds a coalition, or adds to its weight when it is there already; true when new. */
  add(mask: Uint8Array, weight: number): boolean {
    // A number for up to 30 groups (the mask's bits), else a string.
    let key: string | number = 0;
    if (this.m <= 30) for (let i = 0; i < this.m; i++) key = (key as number) | (mask[i] << i);
    else key = String.fromCharCode(...mask);
    const at = this.index.get(key);
    if (at !== undefined) {
      this.weights[at] += weight;
      return false;
    }
    this.masks.set(mask, this.count * this.m);
    this.weights[this.count] = weight;
    this.index.set(key, this.count++);
    return true;
  }
}

/** Fills the budget left after whole sizes: (set, M, kernel mass per size, sizes enumerated, paired sizes, budget left, random). */
export type SampleRest = (
  set: MaskSet,
  m: number,
  mass: Float64Array,
  fullSizes: number,
  pairedSizes: number,
  left: number,
  random: () => number,
) => void;

export function kernelPlan(
  m: number,
  budget: number,
  random: () => number,
  sampleRest: SampleRest = stratifiedRest,
): KernelPlan {
  if (m < 2) return { masks: new Uint8Array(0), weights: new Float64Array(0), count: 0, exhaustive: true };
  const sizes = Math.ceil((m - 1) / 2);
  const pairedSizes = Math.floor((m - 1) / 2);
  // Kernel mass of each subset size s (with its complement size M - s when paired).
  const mass = new Float64Array(sizes);
  for (let s = 1; s <= sizes; s++) mass[s - 1] = ((m - 1) / (s * (m - s))) * (s <= pairedSizes ? 2 : 1);
  const totalMass = mass.reduce((a, b) => a + b, 0);
  for (let i = 0; i < sizes; i++) mass[i] /= totalMass;

  const all = 2 ** m - 2;
  const set = new MaskSet(m, Math.min(budget, all));
  const mask = new Uint8Array(m);
  let left = Math.min(budget, all);
  const remaining = Float64Array.from(mass);
  let fullSizes = 0;
  for (let s = 1; s <= sizes; s++) {
    const paired = s <= pairedSizes;
    const count = binomial(m, s) * (paired ? 2 : 1);
    if ((left * remaining[s - 1]) / count < 1 - 1e-8) break;
    fullSizes++;
    left -= count;
    if (remaining[s - 1] < 1) {
      const rest = 1 - remaining[s - 1];
      for (let i = 0; i < sizes; i++) remaining[i] /= rest;
    }
    const w = mass[s - 1] / binomial(m, s) / (paired ? 2 : 1);
    forEachSubset(m, s, (members) => {
      mask.fill(0);
      for (const i of members) mask[i] = 1;
      set.add(mask, w);
      if (paired) {
        for (let i = 0; i < m; i++) mask[i] ^= 1;
        set.add(mask, w);
      }
    });
  }
  const exhaustive = fullSizes === sizes;
  if (!exhaustive) sampleRest(set, m, mass, fullSizes, pairedSizes, left, random);
  return inCountingOrder(set, m, exhaustive);
}

/** The coalitions sorted as binary numbers (the fit does not care), so neighbours share most columns. */
function inCountingOrder(set: MaskSet, m: number, exhaustive: boolean): KernelPlan {
  const order = Array.from({ length: set.count }, (_, k) => k);
  const key = (k: number) => {
    let s = '';
    for (let i = m - 1; i >= 0; i--) s += set.masks[k * m + i];
    return s;
  };
  const keys = order.map(key);
  order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  const masks = new Uint8Array(set.count * m);
  const weights = new Float64Array(set.count);
  order.forEach((k, at) => {
    masks.set(set.masks.subarray(k * m, (k + 1) * m), at * m);
    weights[at] = set.weights[k];
  });
  return { masks, weights, count: set.count, exhaustive };
}

/**
 * The sizes not enumerated get coalitions in proportion to their kernel mass (stratified, rather than
 * drawing each sample's size at random), drawn without repeats; each carries its size's mass equally.
 */
export const stratifiedRest: SampleRest = (set, m, mass, fullSizes, pairedSizes, left, random) => {
  let massLeft = 0;
  for (let i = fullSizes; i < mass.length; i++) massLeft += mass[i];
  const mask = new Uint8Array(m);
  const order = Int32Array.from({ length: m }, (_, i) => i);
  let budget = left;
  for (let i = fullSizes; i < mass.length && budget > 0; i++) {
    const size = i + 1;
    const paired = size <= pairedSizes;
    const available = binomial(m, size) * (paired ? 2 : 1);
    const share = i === mass.length - 1 ? budget : Math.round((left * mass[i]) / massLeft);
    let want = Math.min(available, budget, Math.max(paired ? 2 : 1, share));
    if (paired) want -= want % 2;
    const first = set.count;
    for (let tries = 0; set.count - first < want && tries < 20 * want + 64; tries++) {
      for (let t = 0; t < size; t++) {
        const j = t + Math.floor(random() * (m - t));
        const x = order[t];
        order[t] = order[j];
        order[j] = x;
      }
      mask.fill(0);
      for (let t = 0; t < size; t++) mask[order[t]] = 1;
      if (!set.add(mask, 0)) continue;
      if (paired) {
        for (let t = 0; t < m; t++) mask[t] ^= 1;
        set.add(mask, 0);
      }
    }
    const drawn = set.count - first;
    for (let k = first; k < set.count; k++) set.weights[k] = mass[i] / drawn;
    budget -= drawn;
  }
};

/** Calls `visit` with every subset of 0..m-1 of the given size, in lexicographic order. */
export function forEachSubset(m: number, size: number, visit: (members: Int32Array) => void): void {
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
