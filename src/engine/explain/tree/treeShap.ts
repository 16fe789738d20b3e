/**
 * Exact interventional TreeSHAP over a background set: Lundberg et al. 2020, "From local explanations to
 * global understanding with explainable AI for trees" (Nature MI), the interventional ("independent") algorithm.
 * For one explained row x and one background row b, v(S) = tree(x_S, b_rest); a leaf is reached iff the
 * features where x and b part ways on its path split into A (taken from x) and B (from b), and each
 * i in A gets +w (|A|-1)!|B|!/(|A|+|B|)!, each i in B gets -w |A|!(|B|-1)!/(|A|+|B|)!.
 */

import { evaluateMargin, goesTrue, modelInputs } from './evaluate';
import { formatBytes, INT32_MAX, LEAF_TABLE_LIMIT, leafTableSize } from '../limits';
import { backgroundMasks, buildLeafIndex, LeafCoefficients, leafShapRow, type LeafIndex } from './leafShap';
import { NodeMode, type FeatureMatrix, type PostTransform, type TreeEnsemble } from './types';
import { throwIfCancelled, type CancelToken } from '../../../protocol/cancel';

export type { CancelToken };

export interface TreeShapOptions {
  /** Weights of the background rows (e.g. k-means cluster sizes); uniform when absent. */
  backgroundWeights?: ArrayLike<number>;
  /** Round inputs to float32 before comparing, as onnxruntime does for a float tensor input (default true). */
  float32Inputs?: boolean;
  cancel?: CancelToken;
  progress?: (done: number, total: number) => void;
  /** Walk every (row, background row) pair instead of the leaf-by-leaf form (same numbers; for tests). */
  pairWalk?: boolean;
  /** Bytes the leaf-by-leaf form's tables may take (default LEAF_TABLE_LIMIT); past it, the pair walk. */
  leafTableLimit?: number;
}

export type TreeShapSupport =
  { ok: true; exactFor: 'output' | 'margin'; transform: PostTransform } | { ok: false; reason: string };

export interface TreeShapResult {
  /** [row][feature][output column], row-major; features = the rows' width. */
  values: Float64Array;
  rows: number;
  features: number;
  columns: number;
  /** [output column]: the (weighted) mean margin over the background. */
  baseValues: Float64Array;
  /** [row][output column]: the explained rows' margins; sum over features of values = margin - base. */
  margins: Float64Array;
  /** 'margin' when a non-linear transform follows: the values explain the margin, not the output. */
  exactFor: 'output' | 'margin';
  transform: PostTransform;
  /** Said to the user when the leaf tables would not fit and the pair walk was used instead. */
  note?: string;
}

/** Whether TreeSHAP is exact for this ensemble, and for which quantity. */
export function treeShapSupport(e: TreeEnsemble): TreeShapSupport {
  if ((e.aggregate === 'MIN' || e.aggregate === 'MAX') && e.treeRoots.length > 1) {
    return { ok: false, reason: `aggregate_function ${e.aggregate} is not additive over trees` };
  }
  return { ok: true, exactFor: e.transform === 'NONE' ? 'output' : 'margin', transform: e.transform };
}

/** 1 / (a * C(a + c, a)) = (a-1)! c! / (a+c)!: the Shapley weight of a feature in A (a >= 1). */
function weightInA(a: number, c: number): number {
  let binom = 1;
  const k = Math.min(a, c);
  for (let i = 1; i <= k; i++) binom = (binom * (a + c - k + i)) / i;
  return 1 / (a * binom);
}

/** Walks one tree for one (x, b) pair, adding into phi[feature * rawTargets + target]. */
class PairWalker {
  private readonly owner: Uint8Array; // 0: unassigned, 1: taken from x (A), 2: from b (B)
  private readonly path: Int32Array;
  private depth = 0;
  private inA = 0;
  private inB = 0;
  x!: Float64Array;
  xAt = 0;
  b!: Float64Array;
  bAt = 0;
  scale = 1;

  constructor(
    private readonly e: TreeEnsemble,
    private readonly phi: Float64Array,
    features: number,
  ) {
    this.owner = new Uint8Array(features);
    this.path = new Int32Array(features);
  }

  walk(node: number): void {
    const e = this.e;
    if (e.mode[node] === NodeMode.Leaf) {
      this.leaf(node);
      return;
    }
    const f = e.feature[node];
    const xTrue = goesTrue(e, node, this.x[this.xAt + f]);
    const bTrue = goesTrue(e, node, this.b[this.bAt + f]);
    const xChild = xTrue ? e.trueChild[node] : e.falseChild[node];
    if (xTrue === bTrue) return this.walk(xChild);
    const bChild = bTrue ? e.trueChild[node] : e.falseChild[node];
    const o = this.owner[f];
    if (o === 1) return this.walk(xChild);
    if (o === 2) return this.walk(bChild);
    this.path[this.depth++] = f;
    this.owner[f] = 1;
    this.inA++;
    this.walk(xChild);
    this.inA--;
    this.owner[f] = 2;
    this.inB++;
    this.walk(bChild);
    this.inB--;
    this.owner[f] = 0;
    this.depth--;
  }

  private leaf(node: number): void {
    const a = this.inA;
    const c = this.inB;
    if (a + c === 0) return;
    const e = this.e;
    const wA = a > 0 ? weightInA(a, c) * this.scale : 0;
    const wB = c > 0 ? weightInA(c, a) * this.scale : 0;
    const t = e.rawTargets;
    for (let j = e.voteStart[node]; j < e.voteStart[node + 1]; j++) {
      const target = e.voteTarget[j];
      const w = e.voteWeight[j];
      for (let p = 0; p < this.depth; p++) {
        const f = this.path[p];
        this.phi[f * t + target] += this.owner[f] === 1 ? wA * w : -wB * w;
      }
    }
  }
}

/** Exact interventional SHAP values of the ensemble's margin for each row against the background. */
export function treeShap(
  e: TreeEnsemble,
  rows: FeatureMatrix,
  background: FeatureMatrix,
  options: TreeShapOptions = {},
): TreeShapResult {
  const support = treeShapSupport(e);
  if (!support.ok) throw new Error(`TreeSHAP does not apply: ${support.reason}`);
  const features = rows.cols;
  if (background.cols !== features) throw new Error(`background has ${background.cols} columns, rows have ${features}`);
  if (e.featuresUsed > features)
    throw new Error(`the trees split on feature ${e.featuresUsed - 1}, rows have ${features}`);
  if (background.rows === 0) throw new Error('the background is empty');
  const float32 = options.float32Inputs ?? true;
  const weights = normalisedWeights(background.rows, options.backgroundWeights);

  const x = modelInputs(rows, float32);
  const b = modelInputs(background, float32);
  const nCols = e.columns.length;
  const t = e.rawTargets;
  const phi = new Float64Array(features * t);
  const walker = new PairWalker(e, phi, features);
  walker.x = x;
  walker.b = b;
  // The leaf-by-leaf form when every path fits a bit set; else the pair walk.
  const built = options.pairWalk ? undefined : buildLeafIndex(e);
  const tooLarge = built && leafTablesTooLarge(built, background.rows, options.leafTableLimit ?? LEAF_TABLE_LIMIT);
  const index = tooLarge ? undefined : built;
  const coefficients =
    index && new LeafCoefficients(index, backgroundMasks(e, index, b, background.rows, features, weights));
  const scratch = { fail: new Int32Array(e.feature.length), coef: new Float64Array(32) };
  const values = new Float64Array(rows.rows * features * nCols);
  for (let r = 0; r < rows.rows; r++) {
    throwIfCancelled(options.cancel);
    phi.fill(0);
    walker.xAt = r * features;
    if (index && coefficients) leafShapRow(e, index, coefficients, x, r * features, phi, scratch);
    else {
      for (let k = 0; k < background.rows; k++) {
        walker.bAt = k * features;
        walker.scale = weights[k];
        for (const root of e.treeRoots) walker.walk(root);
      }
    }
    for (let f = 0; f < features; f++) {
      for (let j = 0; j < nCols; j++) {
        const col = e.columns[j];
        values[(r * features + f) * nCols + j] = col.target >= 0 ? col.scale * phi[f * t + col.target] : 0;
      }
    }
    options.progress?.(r + 1, rows.rows);
  }

  const backgroundMargins = evaluateMargin(e, background, float32);
  const baseValues = new Float64Array(nCols);
  for (let k = 0; k < background.rows; k++) {
    for (let j = 0; j < nCols; j++) baseValues[j] += weights[k] * backgroundMargins[k * nCols + j];
  }
  return {
    values,
    rows: rows.rows,
    features,
    columns: nCols,
    baseValues,
    margins: evaluateMargin(e, rows, float32),
    exactFor: support.exactFor,
    transform: support.transform,
    ...(tooLarge ? { note: tooLarge } : {}),
  };
}

/** Why the leaf tables would not fit (their bytes over the limit, or offsets past Int32), or undefined. */
function leafTablesTooLarge(index: LeafIndex, backgroundRows: number, limit: number): string | undefined {
  const k = Int32Array.from(index.leaves, (_, l) => index.featureStart[l + 1] - index.featureStart[l]);
  const size = leafTableSize(k, backgroundRows);
  const over = size.bytes > limit || size.slots > INT32_MAX || size.masks > INT32_MAX;
  if (!over) return undefined;
  return (
    `TreeSHAP's leaf tables for ${index.leaves.length} leaves would take ${formatBytes(size.bytes)}, over the limit ` +
    `of ${formatBytes(Math.min(limit, INT32_MAX))}: each row was walked against each background row instead ` +
    '(the same values, slower)'
  );
}

function normalisedWeights(n: number, given: ArrayLike<number> | undefined): Float64Array {
  if (given === undefined) return new Float64Array(n).fill(1 / n);
  if (given.length !== n) throw new Error(`${given.length} background weights for ${n} background rows`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!(given[i] >= 0)) throw new Error(`background weight ${i} is ${given[i]}`);
    sum += given[i];
  }
  if (!(sum > 0)) throw new Error('the background weights sum to 0');
  return Float64Array.from({ length: n }, (_, i) => given[i] / sum);
}

/** values as nested arrays [row][feature][column], the shape the protocol carries. */
export function nestedValues(r: TreeShapResult): number[][][] {
  return Array.from({ length: r.rows }, (_, i) =>
    Array.from({ length: r.features }, (_, f) =>
      Array.from(r.values.subarray((i * r.features + f) * r.columns, (i * r.features + f + 1) * r.columns)),
    ),
  );
}
