/**
 * Parameters and FLOPs of ONNX-ML operators (ai.onnx.ml), whose learned weights are attributes, not initializers.
 * Counted: linear models' coefficients and intercepts; Scaler's offsets and scales; SVMs' support vectors,
 * coefficients, rho and Platt pairs; tree ensembles one per branch threshold, one per leaf weight, plus base values.
 * FLOPs per row: linear 2 x coefficients (2 x inputs x outputs), Scaler and Normalizer 2 x width, SVMs 2 x (support
 * vector elements + coefficients), tree ensembles one comparison per level per tree (the sum of the trees' depths).
 */
import { attribute } from './attributes';
import { product } from './flops';
import type { Dim, Node } from './types';

/** A value's shape when known (the shape map's, or one this file passed on). */
export type ShapeOf = (name: string) => readonly Dim[] | null | undefined;

export const ML_DOMAIN = 'ai.onnx.ml';

/** Elements of a list or tensor attribute (0 when absent). */
function count(node: Node, name: string): number {
  const a = attribute(node, name);
  if (!a) return 0;
  if (a.type === 'floats' || a.type === 'ints' || a.type === 'strings') return a.value.length;
  if (a.type === 'tensor') return a.value.elements;
  return 0;
}

function ints(node: Node, name: string): number[] {
  const a = attribute(node, name);
  return a?.type === 'ints' ? a.value : [];
}

const LEGACY_TREES = new Set(['TreeEnsembleClassifier', 'TreeEnsembleRegressor']);

/** The ONNX-ML ops whose work is counted (mlWork). */
export const ML_FLOP_OPS = new Set([
  'LinearClassifier',
  'LinearRegressor',
  'Scaler',
  'Normalizer',
  'SVMClassifier',
  'SVMRegressor',
  ...LEGACY_TREES,
  'TreeEnsemble',
]);

/** Learned numbers an ONNX-ML node holds in its attributes, or null for an op not counted here. */
export function mlParameters(node: Node): number | null {
  if (node.domain !== ML_DOMAIN) return null;
  switch (node.op) {
    case 'LinearClassifier':
    case 'LinearRegressor':
      return count(node, 'coefficients') + count(node, 'intercepts');
    case 'Scaler':
      return count(node, 'offset') + count(node, 'scale');
    case 'SVMClassifier':
    case 'SVMRegressor':
      return (
        count(node, 'support_vectors') +
        count(node, 'coefficients') +
        count(node, 'rho') +
        count(node, 'prob_a') +
        count(node, 'prob_b')
      );
    case 'TreeEnsembleClassifier':
    case 'TreeEnsembleRegressor': {
      const modes = attribute(node, 'nodes_modes');
      const branches = modes?.type === 'strings' ? modes.value.filter((m) => m !== 'LEAF').length : 0;
      const leaves =
        count(node, 'class_weights') +
        count(node, 'class_weights_as_tensor') +
        count(node, 'target_weights') +
        count(node, 'target_weights_as_tensor');
      return branches + leaves + count(node, 'base_values') + count(node, 'base_values_as_tensor');
    }
    case 'TreeEnsemble':
      // Opset 5: every node is a branch (leaves are separate), so splits are the thresholds.
      return count(node, 'nodes_splits') + count(node, 'leaf_weights');
    default:
      return null;
  }
}

/** Depth of each tree in branch levels: the most comparisons any row makes in it. */
export function treeDepths(node: Node): number[] {
  if (node.op === 'TreeEnsemble') return v5Depths(node);
  if (!LEGACY_TREES.has(node.op)) return [];
  const treeIds = ints(node, 'nodes_treeids');
  const nodeIds = ints(node, 'nodes_nodeids');
  const trues = ints(node, 'nodes_truenodeids');
  const falses = ints(node, 'nodes_falsenodeids');
  const modes = attribute(node, 'nodes_modes');
  const modeOf = modes?.type === 'strings' ? modes.value : [];
  // Per tree: node id -> entry index; children are node ids within the same tree.
  const trees = new Map<number, Map<number, number>>();
  treeIds.forEach((t, i) => {
    if (!trees.has(t)) trees.set(t, new Map());
    trees.get(t)!.set(nodeIds[i], i);
  });
  const depths: number[] = [];
  for (const entries of trees.values()) {
    const children = new Set<number>();
    for (const i of entries.values())
      if (modeOf[i] !== 'LEAF') {
        children.add(trues[i]);
        children.add(falses[i]);
      }
    const roots = [...entries.keys()].filter((id) => !children.has(id));
    const child = (i: number, side: 0 | 1) => entries.get(side ? falses[i] : trues[i]);
    const isBranch = (i: number) => modeOf[i] !== undefined && modeOf[i] !== 'LEAF';
    depths.push(Math.max(0, ...roots.map((r) => deepest(entries.get(r)!, isBranch, child, entries.size))));
  }
  return depths;
}

/** Opset 5 TreeEnsemble: tree_roots index nodes; a child is a node unless its leaf flag is set. */
function v5Depths(node: Node): number[] {
  const trues = ints(node, 'nodes_truenodeids');
  const falses = ints(node, 'nodes_falsenodeids');
  const trueLeafs = ints(node, 'nodes_trueleafs');
  const falseLeafs = ints(node, 'nodes_falseleafs');
  const child = (i: number, side: 0 | 1) =>
    side ? (falseLeafs[i] ? undefined : falses[i]) : trueLeafs[i] ? undefined : trues[i];
  return ints(node, 'tree_roots').map((r) => deepest(r, () => true, child, trues.length));
}

/** Longest run of branch nodes from `root` (iterative: deep trees do not grow the call stack; a cycle stops). */
function deepest(
  root: number,
  isBranch: (i: number) => boolean,
  child: (i: number, side: 0 | 1) => number | undefined,
  nodes: number,
): number {
  let best = 0;
  const stack: [number, number][] = [[root, 1]];
  while (stack.length) {
    const [i, level] = stack.pop()!;
    if (!isBranch(i) || level > nodes) continue;
    best = Math.max(best, level);
    for (const side of [0, 1] as const) {
      const c = child(i, side);
      if (c !== undefined) stack.push([c, level + 1]);
    }
  }
  return best;
}

/** Ops whose output has their input's shape: the shape map does not know ONNX-ML ops, so the summary passes it on. */
export const SAME_SHAPE_ML_OPS = new Set(['Scaler', 'Normalizer', 'Binarizer', 'Imputer']);

/** Rows of a [N, C] (or [C]) input: every dim but the last; else the output's first dim; symbols count as 1. */
function rowsOf(node: Node, shapeOf: ShapeOf, symbols: Set<string>): number | null {
  const input = node.inputs[0] ? shapeOf(node.inputs[0]) : undefined;
  const output = node.outputs[0] ? shapeOf(node.outputs[0]) : undefined;
  return product(input ? input.slice(0, -1) : output?.slice(0, 1), symbols);
}

function widthOf(node: Node, shapeOf: ShapeOf): number | null {
  const input = node.inputs[0] ? shapeOf(node.inputs[0]) : undefined;
  const last = input?.[input.length - 1];
  return typeof last === 'number' ? last : null;
}

/** An ML_FLOP_OPS node's multiply-adds and comparisons, or null when its shapes are not known well enough. */
export function mlWork(
  node: Node,
  shapes: ShapeOf,
  symbols: Set<string>,
): { macs: number; comparisons: number } | null {
  if (node.domain !== ML_DOMAIN) return null;
  const perRow = (() => {
    switch (node.op) {
      case 'LinearClassifier':
      case 'LinearRegressor':
        return { macs: count(node, 'coefficients'), comparisons: 0 };
      case 'Scaler': {
        const width = Math.max(count(node, 'offset'), count(node, 'scale'), widthOf(node, shapes) ?? 0);
        return { macs: width, comparisons: 0 };
      }
      case 'Normalizer': {
        const width = widthOf(node, shapes);
        return width === null ? null : { macs: width, comparisons: 0 };
      }
      case 'SVMClassifier':
      case 'SVMRegressor':
        return { macs: count(node, 'support_vectors') + count(node, 'coefficients'), comparisons: 0 };
      case 'TreeEnsembleClassifier':
      case 'TreeEnsembleRegressor':
      case 'TreeEnsemble':
        return { macs: 0, comparisons: treeDepths(node).reduce((a, b) => a + b, 0) };
      default:
        return null;
    }
  })();
  if (!perRow) return null;
  const rows = rowsOf(node, shapes, symbols);
  return rows === null ? null : { macs: rows * perRow.macs, comparisons: rows * perRow.comparisons };
}
