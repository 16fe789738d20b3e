// Test-only: small ONNX models around a TreeEnsembleRegressor, encoded with the test ONNX builders.
import { AttributeType, DataType } from '../../../../src/engine/onnx/schema';
import { encodeModel, graph, node, valueInfo, writeGenerated, type Obj } from '../../onnx/build';

/** A tree as nodes: a split [feature, threshold, trueChild, falseChild] or a leaf [weight]. */
export type TreeNode = [feature: number, threshold: number, yes: number, no: number] | [weight: number];

/** TreeEnsembleRegressor (ai.onnx.ml 3) over one input, SUM of the trees' leaf weights, one target. */
export function regressorNode(input: string, output: string, trees: TreeNode[][], name = 'trees'): Obj {
  const a = {
    nodes_treeids: [] as number[],
    nodes_nodeids: [] as number[],
    nodes_featureids: [] as number[],
    nodes_modes: [] as string[],
    nodes_values: [] as number[],
    nodes_truenodeids: [] as number[],
    nodes_falsenodeids: [] as number[],
    target_treeids: [] as number[],
    target_nodeids: [] as number[],
    target_ids: [] as number[],
    target_weights: [] as number[],
  };
  trees.forEach((tree, t) =>
    tree.forEach((n, id) => {
      a.nodes_treeids.push(t);
      a.nodes_nodeids.push(id);
      const split = n.length === 4;
      a.nodes_featureids.push(split ? n[0] : 0);
      a.nodes_modes.push(split ? 'BRANCH_LEQ' : 'LEAF');
      a.nodes_values.push(split ? n[1] : 0);
      a.nodes_truenodeids.push(split ? n[2] : 0);
      a.nodes_falsenodeids.push(split ? n[3] : 0);
      if (!split) {
        a.target_treeids.push(t);
        a.target_nodeids.push(id);
        a.target_ids.push(0);
        a.target_weights.push(n[0]);
      }
    }),
  );
  const n = node('TreeEnsembleRegressor', [input], [output], {}, name, 'ai.onnx.ml');
  const enc = (s: string) => new TextEncoder().encode(s);
  n.attribute = [
    ...Object.entries(a).map(([k, v]) =>
      k === 'nodes_modes'
        ? { name: k, type: AttributeType.STRINGS, strings: (v as string[]).map(enc) }
        : k === 'nodes_values' || k === 'target_weights'
          ? { name: k, type: AttributeType.FLOATS, floats: v }
          : { name: k, type: AttributeType.INTS, ints: v },
    ),
    { name: 'n_targets', type: AttributeType.INT, i: 1 },
    { name: 'aggregate_function', type: AttributeType.STRING, s: enc('SUM') },
    { name: 'post_transform', type: AttributeType.STRING, s: enc('NONE') },
  ];
  return n;
}

export const TREE_A: TreeNode[] = [[0, 0.5, 1, 2], [1, 0.5, 3, 4], [5], [1], [2]];
export const TREE_B: TreeNode[] = [[1, 0.25, 1, 2], [0, 0.7, 3, 4], [-3], [10], [4]];

/** Writes a model: input x [batch, width] of `inputType`, nodes, outputs (name, type). */
export function writeTreeModel(
  file: string,
  nodes: Obj[],
  outputs: [string, number][],
  extra: { initializers?: Obj[]; inputType?: number; width?: number } = {},
): string {
  const g = graph({
    nodes,
    inputs: [valueInfo('x', extra.inputType ?? DataType.FLOAT, ['batch', extra.width ?? 2])],
    outputs: outputs.map(([name, type]) => valueInfo(name, type, ['batch', 1])),
    initializers: extra.initializers,
  });
  return writeGenerated(file, encodeModel(g, { '': 17, 'ai.onnx.ml': 3 }));
}
