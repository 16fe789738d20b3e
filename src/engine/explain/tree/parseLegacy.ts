/** TreeEnsembleClassifier / TreeEnsembleRegressor (ai.onnx.ml opsets 1-3) -> TreeEnsemble. Facts: the ONNX-ML operator spec. */

import {
  floatsPreferTensor,
  int,
  numbers,
  numbersOrUndefined,
  sameLength,
  strings,
  text,
  TreeModelError,
} from './attributes';
import { buildEnsemble } from './build';
import { classifierOutputs, isAggregate, isPostTransform, regressorColumns } from './outputs';
import { NodeMode, type TreeAttributes, type TreeEnsemble } from './types';

const MODES: Record<string, NodeMode> = {
  BRANCH_LEQ: NodeMode.Leq,
  BRANCH_LT: NodeMode.Lt,
  BRANCH_GTE: NodeMode.Gte,
  BRANCH_GT: NodeMode.Gt,
  BRANCH_EQ: NodeMode.Eq,
  BRANCH_NEQ: NodeMode.Neq,
  LEAF: NodeMode.Leaf,
};

export function parseLegacyEnsemble(
  opType: 'TreeEnsembleClassifier' | 'TreeEnsembleRegressor',
  attrs: TreeAttributes,
): TreeEnsemble {
  const isClassifier = opType === 'TreeEnsembleClassifier';
  const treeIds = numbers(attrs, 'nodes_treeids');
  const nodeIds = numbers(attrs, 'nodes_nodeids');
  const featureIds = numbers(attrs, 'nodes_featureids');
  const modeNames = strings(attrs, 'nodes_modes');
  if (modeNames === undefined) throw new TreeModelError('attribute nodes_modes is missing');
  const values = floatsPreferTensor(attrs, 'nodes_values') ?? new Float64Array(treeIds.length);
  const trueIds = numbers(attrs, 'nodes_truenodeids');
  const falseIds = numbers(attrs, 'nodes_falsenodeids');
  const missing = numbersOrUndefined(attrs, 'nodes_missing_value_tracks_true');
  const n = sameLength('tree nodes', {
    nodes_treeids: treeIds,
    nodes_nodeids: nodeIds,
    nodes_featureids: featureIds,
    nodes_modes: modeNames,
    nodes_values: values,
    nodes_truenodeids: trueIds,
    nodes_falsenodeids: falseIds,
    nodes_missing_value_tracks_true: missing && missing.length > 0 ? missing : undefined,
  });

  // Node ids are local to a tree: index nodes by (tree id, node id); trees keep their first-appearance order.
  const index = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    let tree = index.get(treeIds[i]);
    if (!tree) index.set(treeIds[i], (tree = new Map()));
    if (tree.has(nodeIds[i])) throw new TreeModelError(`tree ${treeIds[i]} has node ${nodeIds[i]} twice`);
    tree.set(nodeIds[i], i);
  }
  const find = (tree: number, node: number, what: string): number => {
    const at = index.get(tree)?.get(node);
    if (at === undefined)
      throw new TreeModelError(`${what} refers to node ${node} of tree ${tree}, which does not exist`);
    return at;
  };

  const mode = new Uint8Array(n);
  const feature = new Int32Array(n).fill(-1);
  const trueChild = new Int32Array(n).fill(-1);
  const falseChild = new Int32Array(n).fill(-1);
  const referenced = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const m = MODES[modeNames[i]];
    if (m === undefined)
      throw new TreeModelError(`node ${nodeIds[i]} of tree ${treeIds[i]} has unknown mode ${modeNames[i]}`);
    mode[i] = m;
    if (m === NodeMode.Leaf) continue;
    feature[i] = featureIds[i];
    trueChild[i] = find(treeIds[i], trueIds[i], `node ${nodeIds[i]} of tree ${treeIds[i]}`);
    falseChild[i] = find(treeIds[i], falseIds[i], `node ${nodeIds[i]} of tree ${treeIds[i]}`);
    referenced[trueChild[i]] = 1;
    referenced[falseChild[i]] = 1;
  }
  const treeRoots = Int32Array.from(index, ([tree, nodes]) => {
    const roots = [...nodes.values()].filter((i) => !referenced[i]);
    if (roots.length !== 1) throw new TreeModelError(`tree ${tree} has ${roots.length} root nodes, expected 1`);
    return roots[0];
  });

  const prefix = isClassifier ? 'class' : 'target';
  const voteTrees = numbers(attrs, `${prefix}_treeids`);
  const voteNodeIds = numbers(attrs, `${prefix}_nodeids`);
  const voteTarget = numbers(attrs, `${prefix}_ids`);
  const voteWeight = floatsPreferTensor(attrs, `${prefix}_weights`) ?? new Float64Array(0);
  const nVotes = sameLength('leaf weights', {
    [`${prefix}_treeids`]: voteTrees,
    [`${prefix}_nodeids`]: voteNodeIds,
    [`${prefix}_ids`]: voteTarget,
    [`${prefix}_weights`]: voteWeight,
  });
  const voteNode = new Int32Array(nVotes);
  for (let j = 0; j < nVotes; j++) voteNode[j] = find(voteTrees[j], voteNodeIds[j], `leaf weight ${j}`);

  const base = floatsPreferTensor(attrs, 'base_values') ?? new Float64Array(0);
  const postTransform = text(attrs, 'post_transform', 'NONE');
  if (!isPostTransform(postTransform)) throw new TreeModelError(`unknown post_transform ${postTransform}`);
  const aggregate = isClassifier ? 'SUM' : text(attrs, 'aggregate_function', 'SUM');
  if (!isAggregate(aggregate)) throw new TreeModelError(`unknown aggregate_function ${aggregate}`);

  const maxVote = voteTarget.reduce((a, b) => Math.max(a, b + 1), 0);
  let classLabels: (number | string)[] | undefined;
  let rawTargets: number;
  let outputs;
  if (isClassifier) {
    const ints = numbersOrUndefined(attrs, 'classlabels_int64s');
    classLabels = strings(attrs, 'classlabels_strings') ?? (ints ? Array.from(ints) : undefined);
    rawTargets = Math.max(classLabels?.length ?? 0, maxVote);
    const votes = { nClasses: rawTargets, classIds: voteTarget, classWeights: voteWeight, base, postTransform };
    outputs = classifierOutputs(votes);
  } else {
    rawTargets = Math.max(int(attrs, 'n_targets', 0), maxVote);
    outputs = { columns: regressorColumns(rawTargets, base, aggregate, treeRoots.length), transform: postTransform };
  }

  const missingTracksTrue = new Uint8Array(n);
  if (missing && missing.length > 0) for (let i = 0; i < n; i++) missingTracksTrue[i] = missing[i] ? 1 : 0;
  return buildEnsemble(
    {
      feature,
      mode,
      threshold: values,
      trueChild,
      falseChild,
      missingTracksTrue,
      members: undefined,
      voteNode,
      voteTarget,
      voteWeight,
      treeRoots,
    },
    { opType, rawTargets, aggregate, postTransform, ...outputs, classLabels },
  );
}
