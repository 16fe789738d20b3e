/**
 * Trees read off a model: a surrogate fitted to the model's own predictions (its rules, and its fidelity on
 * held-out rows), and an error tree fitted to where the model is wrong (its worst cohorts).
 */
import type { Condition, ErrorCohort, Rule, TreeNode } from '../../protocol/evaluationTypes';
import { randomPermutation, seededRandom } from '../explain/random';
import { fitCart, leafOf, leafPrediction, leaves, type Cart, type CartNode } from './cart';
import { r2 } from './regression';

/** Most rows a tree is grown on; larger data is sampled (seeded). */
export const MAX_FIT_ROWS = 10_000;

/** Held-out rows: a seeded quarter of the rows (as sklearn's train_test_split(test_size=0.25)), the rest fit. */
export function holdoutSplit(n: number, seed: number): { train: Int32Array; holdout: Int32Array } {
  const perm = randomPermutation(n, seededRandom(seed));
  const test = Math.ceil(0.25 * n);
  return {
    train: Int32Array.from(perm.subarray(test)).sort(),
    holdout: Int32Array.from(perm.subarray(0, test)).sort(),
  };
}

export interface SurrogateFit {
  root: CartNode;
  fidelity: number;
  train: Int32Array;
  holdout: Int32Array;
}

/** Fits the tree on the train rows and scores agreement (classification) or R^2 (regression) on the held-out rows. */
export function fitSurrogate(data: Cart, depth: number, seed: number): SurrogateFit {
  const n = data.y.length;
  const { train, holdout } = holdoutSplit(n, seed);
  const fitRows =
    train.length > MAX_FIT_ROWS
      ? Int32Array.from(
          randomPermutation(train.length, seededRandom(seed + 1)).subarray(0, MAX_FIT_ROWS),
          (j) => train[j],
        )
      : train;
  const root = fitCart(data, fitRows, { maxDepth: depth });
  const predicted = Float64Array.from(holdout, (i) => leafPrediction(leafOf(root, data.x, i * data.d), data.classes));
  const actual = Float64Array.from(holdout, (i) => data.y[i]);
  let fidelity: number;
  if (data.classes > 0) {
    let same = 0;
    for (let j = 0; j < holdout.length; j++) same += predicted[j] === actual[j] ? 1 : 0;
    fidelity = holdout.length > 0 ? same / holdout.length : 1;
  } else {
    fidelity = r2(actual, predicted);
  }
  return { root, fidelity, train, holdout };
}

/** Conditions along a path with each feature's bounds merged (x <= 3 and x <= 2 is x <= 2). */
export function mergedConditions(
  path: { feature: number; op: '<=' | '>'; threshold: number }[],
  names: readonly string[],
): Condition[] {
  const upper = new Map<number, number>();
  const lower = new Map<number, number>();
  const order: number[] = [];
  for (const c of path) {
    if (!order.includes(c.feature)) order.push(c.feature);
    if (c.op === '<=') upper.set(c.feature, Math.min(upper.get(c.feature) ?? Infinity, c.threshold));
    else lower.set(c.feature, Math.max(lower.get(c.feature) ?? -Infinity, c.threshold));
  }
  const out: Condition[] = [];
  for (const f of order) {
    const feature = names[f] ?? `x${f}`;
    if (lower.has(f)) out.push({ feature, op: '>', threshold: lower.get(f)! });
    if (upper.has(f)) out.push({ feature, op: '<=', threshold: upper.get(f)! });
  }
  return out;
}

export function conditionText(conditions: Condition[]): string {
  if (conditions.length === 0) return 'every row';
  return conditions.map((c) => `${c.feature} ${c.op} ${round(c.threshold)}`).join(' AND ');
}

function round(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** Rows of `data` falling in each leaf of `root`, in the order of `leaves(root)`. */
function rowsPerLeaf(root: CartNode, data: Cart): Map<CartNode, number[]> {
  const out = new Map<CartNode, number[]>();
  for (let i = 0; i < data.y.length; i++) {
    const leaf = leafOf(root, data.x, i * data.d);
    let list = out.get(leaf);
    if (!list) out.set(leaf, (list = []));
    list.push(i);
  }
  return out;
}

/** IF ... THEN rules, one per leaf, with coverage and the model's class mix (or mean and std) over every row. */
export function rulesOf(
  root: CartNode,
  data: Cart,
  names: readonly string[],
  classNames: readonly string[] | undefined,
): Rule[] {
  const byLeaf = rowsPerLeaf(root, data);
  const n = data.y.length;
  return leaves(root).map(({ leaf, path }) => {
    const rows = byLeaf.get(leaf) ?? [];
    const conditions = mergedConditions(path, names);
    let distribution: number[];
    if (data.classes > 0) {
      distribution = new Array<number>(data.classes).fill(0);
      for (const i of rows) distribution[data.y[i]]++;
      distribution = distribution.map((count) => count / Math.max(1, rows.length));
    } else {
      const mean = rows.reduce((a, i) => a + data.y[i], 0) / Math.max(1, rows.length);
      const variance = rows.reduce((a, i) => a + (data.y[i] - mean) ** 2, 0) / Math.max(1, rows.length);
      distribution = [mean, Math.sqrt(variance)];
    }
    const predicted = leafPrediction(leaf, data.classes);
    const prediction = data.classes > 0 ? (classNames?.[predicted] ?? String(predicted)) : predicted;
    const coverage = rows.length / Math.max(1, n);
    const mix =
      data.classes > 0
        ? distribution.map((p, c) => `${classNames?.[c] ?? c} ${(100 * p).toFixed(0)}%`).join(', ')
        : `mean ${round(distribution[0])}, std ${round(distribution[1])}`;
    return {
      conditions,
      text: `IF ${conditionText(conditions)} THEN ${prediction} (coverage ${(100 * coverage).toFixed(1)}%; ${mix})`,
      prediction,
      coverage,
      distribution,
    };
  });
}

/** The tree as JSON, with feature names and class shares (or the mean) per node. */
export function treeJson(node: CartNode, names: readonly string[], classes: number): TreeNode {
  const value = classes > 0 ? node.value.map((c) => c / Math.max(1, node.rows)) : node.value;
  if (!node.left || !node.right) return { rows: node.rows, value };
  return {
    feature: names[node.feature] ?? `x${node.feature}`,
    threshold: node.threshold,
    left: treeJson(node.left, names, classes),
    right: treeJson(node.right, names, classes),
    rows: node.rows,
    value,
  };
}

/**
 * The cohorts where the model fails most: a depth-limited tree fitted to the per-row error (1 for a wrong class,
 * or the absolute residual), its leaves sorted by error rate; a leaf holds at least 1% of rows (and 5).
 */
export function errorCohorts(
  x: Float64Array,
  d: number,
  error: Float64Array,
  names: readonly string[],
  classification: boolean,
  depth = 3,
): ErrorCohort[] {
  const n = error.length;
  const data: Cart = { x, d, y: classification ? Int32Array.from(error) : error, classes: classification ? 2 : 0 };
  // Large data: the tree is grown on a seeded sample (exact CART sorts at every node); cohorts count every row.
  const fitRows =
    n > MAX_FIT_ROWS
      ? Int32Array.from(randomPermutation(n, seededRandom(0)).subarray(0, MAX_FIT_ROWS)).sort()
      : Int32Array.from({ length: n }, (_, i) => i);
  const root = fitCart(data, fitRows, {
    maxDepth: depth,
    minSamplesLeaf: Math.max(5, Math.ceil(0.01 * fitRows.length)),
  });
  const byLeaf = rowsPerLeaf(root, data);
  return leaves(root)
    .map(({ leaf, path }) => {
      const rows = byLeaf.get(leaf) ?? [];
      const conditions = mergedConditions(path, names);
      return {
        conditions,
        rule: conditionText(conditions),
        size: rows.length,
        coverage: rows.length / Math.max(1, n),
        error_rate: rows.reduce((a, i) => a + error[i], 0) / Math.max(1, rows.length),
        rows,
      };
    })
    .sort((a, b) => b.error_rate - a.error_rate || b.size - a.size);
}
