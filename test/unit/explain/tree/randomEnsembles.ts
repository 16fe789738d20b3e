// Test-only: seeded random tree ensembles written as ONNX-ML attributes (opsets 1-3 and opset 5), using
// every split mode and missing-value tracking, on features drawn from a small grid so EQ / NEQ / MEMBER hit.

import type { TreeAttributes } from '../../../../src/engine/explain/tree/types';

const LEGACY_MODES = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ'];

export interface RandomSpec {
  trees: number;
  maxDepth: number;
  /** Features the trees may split on (0 .. splitFeatures-1). */
  splitFeatures: number;
  targets: number;
  /** Allow BRANCH_MEMBER (opset 5 only). */
  member?: boolean;
}

interface Node {
  feature: number;
  mode: number; // 0..6 as in opset 5; -1 for a leaf
  split: number;
  members: number[];
  missingTrue: boolean;
  left?: Node;
  right?: Node;
  votes: [number, number][];
}

/** A grid value or NaN: what the random rows are made of. */
export function randomCell(rng: () => number): number {
  return rng() < 0.1 ? NaN : Math.floor(rng() * 5) / 2;
}

function randomTree(spec: RandomSpec, depth: number, rng: () => number): Node {
  if (depth >= spec.maxDepth || (depth > 0 && rng() < 0.25)) {
    const votes: [number, number][] = [];
    for (let t = 0; t < spec.targets; t++)
      if (t === 0 || rng() < 0.7) votes.push([t, Math.round((rng() * 4 - 2) * 1000) / 1000]);
    return { feature: -1, mode: -1, split: 0, members: [], missingTrue: false, votes };
  }
  const mode = Math.floor(rng() * (spec.member ? 7 : 6));
  const split = Math.floor(rng() * 5) / 2 + (mode <= 3 && rng() < 0.5 ? 0.25 : 0);
  const members = mode === 6 ? [0, 0.5, 1, 1.5, 2].filter(() => rng() < 0.4) : [];
  return {
    feature: Math.floor(rng() * spec.splitFeatures),
    mode,
    split,
    members,
    missingTrue: rng() < 0.5,
    left: randomTree(spec, depth + 1, rng),
    right: randomTree(spec, depth + 1, rng),
    votes: [],
  };
}

export function randomForest(spec: RandomSpec, rng: () => number): Node[] {
  return Array.from({ length: spec.trees }, () => randomTree(spec, 0, rng));
}

/** TreeEnsembleRegressor / TreeEnsembleClassifier attributes (no BRANCH_MEMBER there). */
export function legacyAttributes(
  forest: Node[],
  kind: 'class' | 'target',
  extra: TreeAttributes,
): Record<string, TreeAttributes[string]> {
  const a = {
    nodes_treeids: [] as number[],
    nodes_nodeids: [] as number[],
    nodes_featureids: [] as number[],
    nodes_modes: [] as string[],
    nodes_values: [] as number[],
    nodes_truenodeids: [] as number[],
    nodes_falsenodeids: [] as number[],
    nodes_missing_value_tracks_true: [] as number[],
    treeids: [] as number[],
    nodeids: [] as number[],
    ids: [] as number[],
    weights: [] as number[],
  };
  forest.forEach((root, tree) => {
    // Pre-order node ids, local to each tree.
    let next = 0;
    const visit = (n: Node): number => {
      const id = next++;
      a.nodes_treeids.push(tree);
      a.nodes_nodeids.push(id);
      const at = a.nodes_treeids.length - 1;
      a.nodes_featureids.push(Math.max(n.feature, 0));
      a.nodes_modes.push(n.mode < 0 ? 'LEAF' : LEGACY_MODES[n.mode]);
      a.nodes_values.push(n.split);
      a.nodes_missing_value_tracks_true.push(n.missingTrue ? 1 : 0);
      a.nodes_truenodeids.push(0);
      a.nodes_falsenodeids.push(0);
      if (n.left && n.right) {
        a.nodes_truenodeids[at] = visit(n.left);
        a.nodes_falsenodeids[at] = visit(n.right);
      }
      for (const [t, w] of n.votes) {
        a.treeids.push(tree);
        a.nodeids.push(id);
        a.ids.push(t);
        a.weights.push(w);
      }
      return id;
    };
    visit(root);
  });
  const { treeids, nodeids, ids, weights, ...nodes } = a;
  return {
    ...nodes,
    [`${kind}_treeids`]: treeids,
    [`${kind}_nodeids`]: nodeids,
    [`${kind}_ids`]: ids,
    [`${kind}_weights`]: weights,
    ...extra,
  };
}

/** TreeEnsemble (opset 5) attributes: interior nodes and leaves apart, modes and splits as tensors. */
export function v5Attributes(forest: Node[], extra: TreeAttributes): Record<string, TreeAttributes[string]> {
  const featureIds: number[] = [];
  const splits: number[] = [];
  const modes: number[] = [];
  const trueIds: number[] = [];
  const trueLeafs: number[] = [];
  const falseIds: number[] = [];
  const falseLeafs: number[] = [];
  const missing: number[] = [];
  const membership: number[] = [];
  const leafTargets: number[] = [];
  const leafWeights: number[] = [];
  const roots: number[] = [];
  // An opset-5 leaf holds one vote, so each random leaf keeps only its first.
  const visit = (n: Node): [number, number] => {
    if (!n.left || !n.right) {
      leafTargets.push(n.votes[0][0]);
      leafWeights.push(n.votes[0][1]);
      return [leafTargets.length - 1, 1];
    }
    const at = featureIds.length;
    featureIds.push(n.feature);
    splits.push(n.split);
    modes.push(n.mode);
    missing.push(n.missingTrue ? 1 : 0);
    trueIds.push(0);
    trueLeafs.push(0);
    falseIds.push(0);
    falseLeafs.push(0);
    if (n.mode === 6) membership.push(...n.members, NaN);
    const [t, tl] = visit(n.left);
    const [f, fl] = visit(n.right);
    trueIds[at] = t;
    trueLeafs[at] = tl;
    falseIds[at] = f;
    falseLeafs[at] = fl;
    return [at, 0];
  };
  for (const root of forest) {
    if (!root.left) throw new Error('opset 5 trees need a split at the root');
    roots.push(visit(root)[0]);
  }
  return {
    tree_roots: roots,
    nodes_featureids: featureIds,
    nodes_splits: { dims: [splits.length], data: Float32Array.from(splits) },
    nodes_modes: Uint8Array.from(modes),
    nodes_truenodeids: trueIds,
    nodes_trueleafs: trueLeafs,
    nodes_falsenodeids: falseIds,
    nodes_falseleafs: falseLeafs,
    nodes_missing_value_tracks_true: missing,
    membership_values: { data: Float32Array.from(membership) },
    leaf_targetids: leafTargets,
    leaf_weights: { data: Float32Array.from(leafWeights) },
    ...extra,
  };
}
