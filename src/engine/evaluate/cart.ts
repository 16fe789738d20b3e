/**
 * CART (Breiman et al. 1984) as scikit-learn's DecisionTreeClassifier / Regressor with splitter='best':
 * at each node every feature's sorted values are scanned, the split with the lowest weighted Gini (or
 * squared error) wins, its threshold is the midpoint of the two values it separates, `x <= t` goes left;
 * a pure node, max_depth, min_samples_split and min_samples_leaf stop growth. Only ties differ: sklearn
 * takes the first of equally good splits in a random feature order (random_state), this the widest gap.
 */

export interface Cart {
  /** Rows, row-major n x d. */
  x: Float64Array;
  d: number;
  /** Classification: class index per row and class count; regression: targets and classes 0. */
  y: ArrayLike<number>;
  classes: number;
}

export interface CartOptions {
  maxDepth: number;
  minSamplesLeaf?: number;
  minSamplesSplit?: number;
}

export interface CartNode {
  feature: number;
  threshold: number;
  left?: CartNode;
  right?: CartNode;
  rows: number;
  /** Classification: class counts; regression: [mean]. */
  value: number[];
  depth: number;
}

/** sklearn's FEATURE_THRESHOLD: values closer than this are not split apart. */
const FEATURE_THRESHOLD = 1e-7;

export function fitCart(data: Cart, rows: Int32Array, options: CartOptions): CartNode {
  const minLeaf = Math.max(1, options.minSamplesLeaf ?? 1);
  const minSplit = Math.max(2, options.minSamplesSplit ?? 2);
  const grow = (idx: Int32Array, depth: number): CartNode => {
    const node: CartNode = { feature: -1, threshold: 0, rows: idx.length, value: nodeValue(data, idx), depth };
    if (depth >= options.maxDepth || idx.length < minSplit || idx.length < 2 * minLeaf || isPure(data, node)) {
      return node;
    }
    const split = bestSplit(data, idx, minLeaf);
    if (!split) return node;
    const left: number[] = [];
    const right: number[] = [];
    for (const i of idx) (data.x[i * data.d + split.feature] <= split.threshold ? left : right).push(i);
    node.feature = split.feature;
    node.threshold = split.threshold;
    node.left = grow(Int32Array.from(left), depth + 1);
    node.right = grow(Int32Array.from(right), depth + 1);
    return node;
  };
  return grow(rows, 0);
}

function nodeValue(data: Cart, idx: Int32Array): number[] {
  if (data.classes > 0) {
    const counts = new Array<number>(data.classes).fill(0);
    for (const i of idx) counts[data.y[i]]++;
    return counts;
  }
  let s = 0;
  for (const i of idx) s += data.y[i];
  return [idx.length > 0 ? s / idx.length : 0];
}

function isPure(data: Cart, node: CartNode): boolean {
  if (data.classes > 0) return node.value.filter((c) => c > 0).length <= 1;
  return false;
}

/** The split maximising sklearn's proxy improvement: sum_L(c^2)/n_L + sum_R(c^2)/n_R (Gini) or sum^2/n (squared error). */
function bestSplit(data: Cart, idx: Int32Array, minLeaf: number): { feature: number; threshold: number } | undefined {
  const n = idx.length;
  const k = data.classes;
  const keys = new Float64Array(n);
  const order = new Int32Array(n);
  const leftCounts = new Float64Array(Math.max(1, k));
  const totalCounts = new Float64Array(Math.max(1, k));
  let total = 0;
  for (const i of idx) {
    if (k > 0) totalCounts[data.y[i]]++;
    else total += data.y[i];
  }
  let best: { feature: number; threshold: number; score: number; gap: number } | undefined;
  const ys = new Float64Array(n);
  for (let f = 0; f < data.d; f++) {
    sortedByFeature(data, idx, f, keys, ys, order);
    const range = keys[n - 1] - keys[0];
    if (range <= FEATURE_THRESHOLD) continue;
    leftCounts.fill(0);
    let leftSum = 0;
    let leftSq = 0;
    let totalSq = 0;
    if (k > 0) for (let c = 0; c < k; c++) totalSq += totalCounts[c] * totalCounts[c];
    for (let a = 0; a < n - 1; a++) {
      const y = ys[a];
      if (k > 0) {
        // Keep sum of squared counts on each side up to date in O(1).
        leftSq += 2 * leftCounts[y] + 1;
        totalSq -= 2 * totalCounts[y] - 1;
        leftCounts[y]++;
        totalCounts[y]--;
      } else {
        leftSum += y;
      }
      const nl = a + 1;
      const nr = n - nl;
      const here = keys[a];
      const next = keys[a + 1];
      if (next <= here + FEATURE_THRESHOLD || nl < minLeaf || nr < minLeaf) continue;
      const score = k > 0 ? leftSq / nl + totalSq / nr : (leftSum * leftSum) / nl + (total - leftSum) ** 2 / nr;
      // Equal impurities (common deep in a small node) go to the widest gap for the feature's spread: a
      // threshold far from the rows on both sides holds better on unseen rows than sklearn's random pick.
      const gap = (next - here) / range;
      const tie = best !== undefined && Math.abs(score - best.score) <= 1e-12 * Math.abs(best.score);
      if (!best || (tie ? gap > best.gap : score > best.score)) {
        let threshold = here / 2 + next / 2;
        if (threshold === next || !Number.isFinite(threshold)) threshold = here;
        best = { feature: f, threshold, score, gap };
      }
    }
    // Restore the node's class totals for the next feature.
    if (k > 0) {
      for (let c = 0; c < k; c++) totalCounts[c] += leftCounts[c];
    }
  }
  return best;
}

/** The leaf a row falls in. */
export function leafOf(node: CartNode, row: ArrayLike<number>, offset = 0): CartNode {
  let at = node;
  while (at.left && at.right) at = row[offset + at.feature] <= at.threshold ? at.left : at.right;
  return at;
}

/** A classification leaf's class (the first of the most frequent, as numpy's argmax) or a regression leaf's mean. */
export function leafPrediction(leaf: CartNode, classes: number): number {
  if (classes === 0) return leaf.value[0];
  let best = 0;
  for (let c = 1; c < classes; c++) if (leaf.value[c] > leaf.value[best]) best = c;
  return best;
}

/** Every leaf with the path of conditions leading to it, left to right. */
export function leaves(
  root: CartNode,
): { leaf: CartNode; path: { feature: number; op: '<=' | '>'; threshold: number }[] }[] {
  const out: ReturnType<typeof leaves> = [];
  const visit = (node: CartNode, path: { feature: number; op: '<=' | '>'; threshold: number }[]) => {
    if (!node.left || !node.right) {
      out.push({ leaf: node, path });
      return;
    }
    visit(node.left, [...path, { feature: node.feature, op: '<=', threshold: node.threshold }]);
    visit(node.right, [...path, { feature: node.feature, op: '>', threshold: node.threshold }]);
  };
  visit(root, []);
  return out;
}

/**
 * Fills `keys` with feature f of the node's rows in ascending order and `ys` with their targets. Classification
 * sorts each class's values with the native typed-array sort and merges them (rows with equal values are never
 * split apart, so their order is free), several times faster than an index sort with a comparator.
 */
function sortedByFeature(
  data: Cart,
  idx: Int32Array,
  f: number,
  keys: Float64Array,
  ys: Float64Array,
  order: Int32Array,
): void {
  const n = idx.length;
  const k = data.classes;
  if (k === 0) {
    for (let a = 0; a < n; a++) order[a] = a;
    for (let a = 0; a < n; a++) keys[a] = data.x[idx[a] * data.d + f];
    const values = Float64Array.from(keys);
    order.sort((a, b) => values[a] - values[b]);
    for (let a = 0; a < n; a++) {
      keys[a] = values[order[a]];
      ys[a] = data.y[idx[order[a]]];
    }
    return;
  }
  const counts = new Int32Array(k);
  for (let a = 0; a < n; a++) counts[data.y[idx[a]]]++;
  const perClass = Array.from({ length: k }, (_, c) => new Float64Array(counts[c]));
  const fill = new Int32Array(k);
  for (let a = 0; a < n; a++) {
    const i = idx[a];
    const c = data.y[i];
    perClass[c][fill[c]++] = data.x[i * data.d + f];
  }
  for (const values of perClass) values.sort();
  const head = new Int32Array(k);
  for (let a = 0; a < n; a++) {
    let best = -1;
    for (let c = 0; c < k; c++) {
      if (head[c] < counts[c] && (best < 0 || perClass[c][head[c]] < perClass[best][head[best]])) best = c;
    }
    keys[a] = perClass[best][head[best]++];
    ys[a] = best;
  }
}
