/**
 * Interventional TreeSHAP leaf by leaf: a leaf is reached for coalition S iff each feature on its path
 * has its conditions met by x (then it may be in S) or by b (then it may be out). With X and Bm the
 * bit sets of path features whose conditions x and b meet, A = X \ Bm must be in S and B = Bm \ X out,
 * giving the same A/B weights as the pair walk (Lundberg et al. 2020). Bm depends on the background
 * only, so each leaf keeps the distinct Bm with their total weight, once per background: a row then
 * costs (leaves x distinct masks), not (trees x background rows x path).
 */
import { goesTrue } from './evaluate';
import { NodeMode, type TreeEnsemble } from './types';

const MAX_PATH_FEATURES = 30;

export interface LeafIndex {
  /** Internal nodes, parents before children, all trees. */
  order: Int32Array;
  /** Per internal node: the bit of its feature among its path's distinct features. */
  bitOf: Int32Array;
  leaves: Int32Array;
  /** Per leaf: its distinct path features, leafFeatures[featureStart[l] .. featureStart[l + 1]). */
  featureStart: Int32Array;
  leafFeatures: Int32Array;
}

/** undefined when a path has too many distinct features for a bit set, or a node has two parents. */
export function buildLeafIndex(e: TreeEnsemble): LeafIndex | undefined {
  const n = e.feature.length;
  const bitOf = new Int32Array(n).fill(-1);
  const seen = new Uint8Array(n);
  const order: number[] = [];
  const leaves: number[] = [];
  const featureStart: number[] = [0];
  const leafFeatures: number[] = [];
  for (const root of e.treeRoots) {
    const stack: { node: number; path: number[] }[] = [{ node: root, path: [] }];
    while (stack.length) {
      const { node, path } = stack.pop()!;
      if (seen[node]) return undefined;
      seen[node] = 1;
      if (e.mode[node] === NodeMode.Leaf) {
        leaves.push(node);
        leafFeatures.push(...path);
        featureStart.push(leafFeatures.length);
        continue;
      }
      const f = e.feature[node];
      let bit = path.indexOf(f);
      let next = path;
      if (bit < 0) {
        if (path.length >= MAX_PATH_FEATURES) return undefined;
        bit = path.length;
        next = [...path, f];
      }
      bitOf[node] = bit;
      order.push(node);
      stack.push({ node: e.falseChild[node], path: next }, { node: e.trueChild[node], path: next });
    }
  }
  return {
    order: Int32Array.from(order),
    bitOf,
    leaves: Int32Array.from(leaves),
    featureStart: Int32Array.from(featureStart),
    leafFeatures: Int32Array.from(leafFeatures),
  };
}

/** Per node, the bits of path features whose conditions the row fails on the way there. */
function failMasks(e: TreeEnsemble, index: LeafIndex, row: Float64Array, at: number, into: Int32Array): void {
  for (const root of e.treeRoots) into[root] = 0;
  const { order, bitOf } = index;
  const { mode, threshold, feature, trueChild, falseChild } = e;
  for (let i = 0; i < order.length; i++) {
    const node = order[i];
    const m = into[node];
    const bit = 1 << bitOf[node];
    const v = row[at + feature[node]];
    // The common split (BRANCH_LEQ on a number) inline; every other case through goesTrue.
    const isTrue = mode[node] === NodeMode.Leq && v === v ? v <= threshold[node] : goesTrue(e, node, v);
    into[trueChild[node]] = isTrue ? m : m | bit;
    into[falseChild[node]] = isTrue ? m | bit : m;
  }
}

/** Each leaf's distinct background masks (bits met) and their summed weights. */
export interface BackgroundMasks {
  start: Int32Array;
  masks: Int32Array;
  weights: Float64Array;
}

export function backgroundMasks(
  e: TreeEnsemble,
  index: LeafIndex,
  b: Float64Array,
  rows: number,
  features: number,
  weights: Float64Array,
): BackgroundMasks {
  const leaves = index.leaves.length;
  // Each leaf sums its rows' weights in a table indexed by the mask (paths of at most 12 distinct
  // features); wider paths use a map.
  const slotAt = new Int32Array(leaves + 1);
  const full = new Int32Array(leaves);
  for (let l = 0; l < leaves; l++) {
    const k = index.featureStart[l + 1] - index.featureStart[l];
    full[l] = k <= 30 ? (1 << k) - 1 : -1;
    slotAt[l + 1] = slotAt[l] + (k <= 12 ? 1 << k : 0);
  }
  const table = new Float64Array(slotAt[leaves]);
  const wide = new Map<number, Map<number, number>>();
  const fail = new Int32Array(e.feature.length);
  const leafNodes = index.leaves;
  for (let r = 0; r < rows; r++) {
    failMasks(e, index, b, r * features, fail);
    // A zero weight still marks the mask as present.
    const w = weights[r] > 0 ? weights[r] : Number.MIN_VALUE;
    for (let l = 0; l < leaves; l++) {
      const met = ~fail[leafNodes[l]] & full[l];
      if (slotAt[l + 1] > slotAt[l]) table[slotAt[l] + met] += w;
      else {
        let sums = wide.get(l);
        if (!sums) wide.set(l, (sums = new Map()));
        sums.set(met, (sums.get(met) ?? 0) + w);
      }
    }
  }
  const start = new Int32Array(leaves + 1);
  const masks: number[] = [];
  const sumsOut: number[] = [];
  for (let l = 0; l < leaves; l++) {
    if (slotAt[l + 1] > slotAt[l]) {
      for (let slot = slotAt[l]; slot < slotAt[l + 1]; slot++) {
        if (table[slot] === 0) continue;
        masks.push(slot - slotAt[l]);
        sumsOut.push(table[slot]);
      }
    } else {
      for (const [m, sum] of wide.get(l) ?? []) {
        masks.push(m);
        sumsOut.push(sum);
      }
    }
    start[l + 1] = masks.length;
  }
  return { start, masks: Int32Array.from(masks), weights: Float64Array.from(sumsOut) };
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** weight[a * 32 + c] = (a-1)! c! / (a+c)! for a >= 1: a feature in A's Shapley weight. */
function weightTable(): Float64Array {
  const w = new Float64Array(32 * 32);
  for (let a = 1; a < 32; a++) {
    for (let c = 0; c < 32; c++) {
      let binom = 1;
      const k = Math.min(a, c);
      for (let i = 1; i <= k; i++) binom = (binom * (a + c - k + i)) / i;
      w[a * 32 + c] = 1 / (a * binom);
    }
  }
  return w;
}

const WEIGHTS = weightTable();

/**
 * Per leaf and x's mask X, the coefficient of each path feature (summed over the background masks),
 * memoised: rows that meet the same conditions on a leaf's path share them.
 */
export class LeafCoefficients {
  /** Per leaf: its first memo slot (one per mask X) and its first coefficient (k per slot). */
  private readonly slotAt: Int32Array;
  private readonly coefAt: Int32Array;
  private readonly done: Uint8Array;
  private readonly coef: Float64Array;

  constructor(
    index: LeafIndex,
    private readonly bg: BackgroundMasks,
  ) {
    const leaves = index.leaves.length;
    this.slotAt = new Int32Array(leaves + 1);
    this.coefAt = new Int32Array(leaves + 1);
    let slots = 0;
    let coefs = 0;
    for (let l = 0; l < leaves; l++) {
      const k = index.featureStart[l + 1] - index.featureStart[l];
      this.slotAt[l] = slots;
      this.coefAt[l] = coefs;
      if (k <= 12) {
        slots += 1 << k;
        coefs += (1 << k) * k;
      }
    }
    const memo = coefs <= 1 << 23;
    this.done = new Uint8Array(memo ? slots : 0);
    this.coef = new Float64Array(memo ? coefs : 0);
  }

  /**
   * Where leaf l's coefficients for x's mask xMet are: an offset into `values` (computed on first use),
   * or -1 when they are all 0.
   */
  find(l: number, k: number, xMet: number, scratch: Float64Array): number {
    if (this.done.length === 0 || k > 12) return leafCoefficients(this.bg, l, k, xMet, scratch) ? MISS_IN_SCRATCH : -1;
    const slot = this.slotAt[l] + xMet;
    const state = this.done[slot];
    if (state === 1) return -1;
    const at = this.coefAt[l] + xMet * k;
    if (state === 2) return at;
    const any = leafCoefficients(this.bg, l, k, xMet, scratch);
    for (let p = 0; p < k; p++) this.coef[at + p] = scratch[p];
    this.done[slot] = any ? 2 : 1;
    return any ? at : -1;
  }

  get values(): Float64Array {
    return this.coef;
  }
}

/** find's answer for coefficients left in the caller's scratch (paths too wide to memoise). */
const MISS_IN_SCRATCH = -2;

function leafCoefficients(bg: BackgroundMasks, l: number, k: number, xMet: number, coef: Float64Array): boolean {
  const full = (1 << k) - 1;
  coef.fill(0, 0, k);
  // A reachable leaf needs b to meet every condition x fails, so B (taken from b) is exactly ~X.
  const inB = full & ~xMet;
  const c = popcount(inB);
  let bSum = 0;
  let any = false;
  for (let j = bg.start[l]; j < bg.start[l + 1]; j++) {
    const bMet = bg.masks[j];
    if ((xMet | bMet) !== full) continue;
    const inA = xMet & ~bMet;
    if ((inA | inB) === 0) continue;
    const a = popcount(inA);
    const w = bg.weights[j];
    if (c > 0) bSum += WEIGHTS[c * 32 + a] * w;
    if (a > 0) {
      const wA = WEIGHTS[a * 32 + c] * w;
      for (let m = inA; m !== 0; m &= m - 1) coef[31 - Math.clz32(m & -m)] += wA;
    }
    any = true;
  }
  if (c > 0) for (let m = inB; m !== 0; m &= m - 1) coef[31 - Math.clz32(m & -m)] = -bSum;
  return any;
}

/** Adds one row's attributions into phi[feature * rawTargets + target]. */
export function leafShapRow(
  e: TreeEnsemble,
  index: LeafIndex,
  coefficients: LeafCoefficients,
  x: Float64Array,
  at: number,
  phi: Float64Array,
  scratch: { fail: Int32Array; coef: Float64Array },
): void {
  const fail = scratch.fail;
  failMasks(e, index, x, at, fail);
  const t = e.rawTargets;
  const { leaves, featureStart, leafFeatures } = index;
  const { voteStart, voteTarget, voteWeight } = e;
  const memo = coefficients.values;
  for (let l = 0; l < leaves.length; l++) {
    const leaf = leaves[l];
    const fs = featureStart[l];
    const k = featureStart[l + 1] - fs;
    if (k === 0) continue;
    const found = coefficients.find(l, k, ~fail[leaf] & ((1 << k) - 1), scratch.coef);
    if (found === -1) continue;
    const coef = found === MISS_IN_SCRATCH ? scratch.coef : memo;
    const c0 = found === MISS_IN_SCRATCH ? 0 : found;
    for (let v = voteStart[leaf]; v < voteStart[leaf + 1]; v++) {
      const target = voteTarget[v];
      const w = voteWeight[v];
      for (let p = 0; p < k; p++) phi[leafFeatures[fs + p] * t + target] += coef[c0 + p] * w;
    }
  }
}
