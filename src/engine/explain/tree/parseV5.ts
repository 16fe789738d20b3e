/** TreeEnsemble (ai.onnx.ml opset 5) -> TreeEnsemble. Facts: the ONNX-ML operator spec (leaves apart from interior nodes). */

import { int, numbers, numbersOrUndefined, sameLength, TreeModelError } from './attributes';
import { buildEnsemble } from './build';
import { regressorColumns } from './outputs';
import { NodeMode, type Aggregate, type PostTransform, type TreeAttributes, type TreeEnsemble } from './types';

const AGGREGATES: readonly Aggregate[] = ['AVERAGE', 'SUM', 'MIN', 'MAX'];
const TRANSFORMS: readonly PostTransform[] = ['NONE', 'SOFTMAX', 'LOGISTIC', 'SOFTMAX_ZERO', 'PROBIT'];

export function parseTreeEnsembleV5(attrs: TreeAttributes): TreeEnsemble {
  const roots = numbers(attrs, 'tree_roots');
  const featureIds = numbers(attrs, 'nodes_featureids');
  const splits = numbers(attrs, 'nodes_splits');
  const modes = numbers(attrs, 'nodes_modes');
  const trueIds = numbers(attrs, 'nodes_truenodeids');
  const trueLeafs = numbers(attrs, 'nodes_trueleafs');
  const falseIds = numbers(attrs, 'nodes_falsenodeids');
  const falseLeafs = numbers(attrs, 'nodes_falseleafs');
  const missing = numbersOrUndefined(attrs, 'nodes_missing_value_tracks_true');
  const interior = sameLength('tree nodes', {
    nodes_featureids: featureIds,
    nodes_splits: splits,
    nodes_modes: modes,
    nodes_truenodeids: trueIds,
    nodes_trueleafs: trueLeafs,
    nodes_falsenodeids: falseIds,
    nodes_falseleafs: falseLeafs,
    nodes_missing_value_tracks_true: missing && missing.length > 0 ? missing : undefined,
  });
  const leafTargets = numbers(attrs, 'leaf_targetids');
  const leafWeights = numbers(attrs, 'leaf_weights');
  const leaves = sameLength('leaves', { leaf_targetids: leafTargets, leaf_weights: leafWeights });

  // Leaves become nodes interior..interior+leaves-1, each voting once.
  const n = interior + leaves;
  const feature = new Int32Array(n).fill(-1);
  const mode = new Uint8Array(n).fill(NodeMode.Leaf);
  const threshold = new Float64Array(n);
  const trueChild = new Int32Array(n).fill(-1);
  const falseChild = new Int32Array(n).fill(-1);
  const missingTracksTrue = new Uint8Array(n);
  const members: number[][] = Array.from({ length: n }, () => []);
  const membership = numbersOrUndefined(attrs, 'membership_values') ?? new Float64Array(0);
  let memberAt = 0;
  const child = (id: number, isLeaf: number, i: number): number => {
    const limit = isLeaf ? leaves : interior;
    if (!(id >= 0 && id < limit)) throw new TreeModelError(`node ${i} has a child ${id} out of range`);
    return isLeaf ? interior + id : id;
  };
  for (let i = 0; i < interior; i++) {
    const m = modes[i];
    if (!(m >= NodeMode.Leq && m <= NodeMode.Member)) throw new TreeModelError(`node ${i} has unknown mode ${m}`);
    mode[i] = m;
    feature[i] = featureIds[i];
    threshold[i] = splits[i];
    trueChild[i] = child(trueIds[i], trueLeafs[i], i);
    falseChild[i] = child(falseIds[i], falseLeafs[i], i);
    missingTracksTrue[i] = missing && missing[i] ? 1 : 0;
    if (m === NodeMode.Member) {
      // membership_values holds one NaN-terminated set per BRANCH_MEMBER node, in node order.
      while (memberAt < membership.length && !Number.isNaN(membership[memberAt]))
        members[i].push(membership[memberAt++]);
      memberAt++;
    }
  }

  const aggregate = AGGREGATES[int(attrs, 'aggregate_function', 1)];
  const postTransform = TRANSFORMS[int(attrs, 'post_transform', 0)];
  if (!aggregate) throw new TreeModelError(`unknown aggregate_function ${int(attrs, 'aggregate_function', 1)}`);
  if (!postTransform) throw new TreeModelError(`unknown post_transform ${int(attrs, 'post_transform', 0)}`);
  const maxTarget = leafTargets.reduce((a, b) => Math.max(a, b + 1), 0);
  const rawTargets = Math.max(int(attrs, 'n_targets', 0), maxTarget);
  const treeRoots = Int32Array.from(roots);
  for (const r of treeRoots) if (!(r >= 0 && r < interior)) throw new TreeModelError(`tree root ${r} is out of range`);

  return buildEnsemble(
    {
      feature,
      mode,
      threshold,
      trueChild,
      falseChild,
      missingTracksTrue,
      members,
      voteNode: Int32Array.from({ length: leaves }, (_, j) => interior + j),
      voteTarget: leafTargets,
      voteWeight: leafWeights,
      treeRoots,
    },
    {
      opType: 'TreeEnsemble',
      rawTargets,
      aggregate,
      postTransform,
      transform: postTransform,
      columns: regressorColumns(rawTargets, [], aggregate, treeRoots.length),
    },
  );
}
