/**
 * Owen values for a binary hierarchy over feature groups (Owen 1977; the recursion of shap's
 * PartitionExplainer, Lundberg et al.): at a node N with children L and R, in a context C (the groups
 * outside N that are on),
 *   phi_L = 1/2 [(v(C+L) - v(C)) + (v(C+L+R) - v(C+R))],
 * and L's share splits further in the contexts C and C+R, with weight 1/2 each (R's in C and C+L).
 * Expanding every node in every context gives the exact Owen values (the mean of marginal contributions
 * over the orderings that keep each subtree contiguous). Within a budget, the (node, context) pairs
 * carrying the most attribution are expanded first, and one not expanded spreads its value evenly over
 * its leaves, so the leaf values sum to v(all) - v(empty) at every stage.
 */
import { checkHierarchy, leafSpans, nodeCount, nodeDepths, type Hierarchy } from '../features/hierarchy';
import type { GroupValues, RowProblem } from '../shapley/types';
import { PendingQueue, type PendingNode } from './queue';

export const DEFAULT_PARTITION_BUDGET = 500;

export interface PartitionOptions {
  /** Coalition evaluations per row (model rows = this times the background rows); default 500. */
  budget?: number;
  /** Output columns whose |value| orders the refinement (default: all columns, summed). */
  priorityColumns?: readonly number[];
  /** Called after each refinement round with the current leaf values (coarse levels first), for drawing while it refines. */
  onRefine?: (values: GroupValues, evaluations: number) => void;
}

/** Coalitions that expand every node in every context: 2 per (internal node, context), 2^depth contexts each. */
export function fullPartitionEvaluations(h: Hierarchy): number {
  const depth = nodeDepths(h);
  let total = 0;
  for (let node = h.leaves; node < nodeCount(h); node++) total += 2 * 2 ** depth[node];
  return total;
}

/**
 * Coalitions a row costs, exactly: every expansion costs two, so the budget rounded down to even, or
 * fewer when the whole hierarchy can be expanded within it. (No coalition is ever evaluated twice: a
 * coalition C+L decomposes uniquely into the subtree L and the ancestors' siblings in C.)
 */
export function partitionEvaluations(h: Hierarchy, budget = DEFAULT_PARTITION_BUDGET): number {
  return Math.min(fullPartitionEvaluations(h), 2 * Math.floor(Math.max(0, budget) / 2));
}

export function partitionExplainer(
  h: Hierarchy,
  options: PartitionOptions = {},
): (p: RowProblem) => Promise<GroupValues> {
  checkHierarchy(h);
  const m = h.leaves;
  const n = nodeCount(h);
  const spans = leafSpans(h);
  const depth = nodeDepths(h);
  const planned = partitionEvaluations(h, options.budget);
  const size = Int32Array.from({ length: n }, (_, node) => spans.end[node] - spans.start[node]);

  return async (p) => {
    if (p.vf.groups.count !== m) {
      throw new Error(`the hierarchy has ${m} leaves but the value function ${p.vf.groups.count} groups`);
    }
    const c = p.vf.columns;
    const priorityColumns = options.priorityColumns ?? Array.from({ length: c }, (_, j) => j);
    for (const j of priorityColumns) {
      if (!(Number.isInteger(j) && j >= 0 && j < c)) throw new Error(`priority column ${j} is not one of ${c}`);
    }
    // Leaf values settled so far: a leaf in a context contributes weight * (v(C + leaf) - v(C)) outright.
    const settled = new Float64Array(m * c);
    const queue = new PendingQueue();
    let seq = 0;
    const add = (node: number, context: Int32Array, weight: number, vContext: Float64Array, vWith: Float64Array) => {
      if (node < m) {
        for (let j = 0; j < c; j++) settled[node * c + j] += weight * (vWith[j] - vContext[j]);
        return;
      }
      let priority = 0;
      for (const j of priorityColumns) priority += Math.abs(vWith[j] - vContext[j]);
      priority *= weight;
      queue.push({ node, context, weight, vContext, vWith, depth: depth[node], priority, seq: seq++ });
    };

    /** Settled values plus each pending node's value spread evenly over its leaves (pushed down by leaf counts). */
    const current = (): GroupValues => {
      const spread = new Float64Array(n * c);
      for (const it of queue.items()) {
        for (let j = 0; j < c; j++) spread[it.node * c + j] += it.weight * (it.vWith[j] - it.vContext[j]);
      }
      for (let node = n - 1; node >= m; node--) {
        const l = h.left[node - m];
        const r = h.right[node - m];
        const share = size[l] / size[node];
        for (let j = 0; j < c; j++) {
          const amount = spread[node * c + j];
          const toLeft = amount * share;
          spread[l * c + j] += toLeft;
          spread[r * c + j] += amount - toLeft;
        }
      }
      const values = new Float64Array(m * c);
      for (let i = 0; i < m * c; i++) values[i] = settled[i] + spread[i];
      return values;
    };

    const fillMask = (masks: Uint8Array, at: number, context: Int32Array, node: number) => {
      for (const on of [...context, node]) {
        for (let t = spans.start[on]; t < spans.end[on]; t++) masks[at + spans.order[t]] = 1;
      }
    };

    add(h.root, new Int32Array(0), 1, p.empty, p.full);
    let evaluations = 0;
    let expanded = 0;
    while (queue.size > 0 && evaluations + 2 <= planned) {
      // Rounds double in size (1, 1, 2, 4, ...): few value-function calls, each a large batch, while
      // the order of expansion still follows the values learned in the rounds before.
      const take = Math.min(queue.size, Math.floor((planned - evaluations) / 2), Math.max(1, expanded));
      const round: PendingNode[] = [];
      for (let k = 0; k < take; k++) round.push(queue.pop()!);
      const masks = new Uint8Array(2 * take * m);
      round.forEach((it, k) => {
        fillMask(masks, 2 * k * m, it.context, h.left[it.node - m]);
        fillMask(masks, (2 * k + 1) * m, it.context, h.right[it.node - m]);
      });
      const v = await p.vf.values(p.x, masks, 2 * take);
      evaluations += 2 * take;
      expanded += take;
      round.forEach((it, k) => {
        const l = h.left[it.node - m];
        const r = h.right[it.node - m];
        const vL = v.subarray(2 * k * c, (2 * k + 1) * c);
        const vR = v.subarray((2 * k + 1) * c, (2 * k + 2) * c);
        const half = it.weight / 2;
        // L first (context C) or R first (context C + R), each with probability 1/2; likewise for R.
        add(l, it.context, half, it.vContext, vL);
        add(l, withNode(it.context, r), half, vR, it.vWith);
        add(r, it.context, half, it.vContext, vR);
        add(r, withNode(it.context, l), half, vL, it.vWith);
      });
      options.onRefine?.(current(), evaluations);
    }
    return current();
  };
}

function withNode(context: Int32Array, node: number): Int32Array {
  const out = new Int32Array(context.length + 1);
  out.set(context);
  out[context.length] = node;
  return out;
}
