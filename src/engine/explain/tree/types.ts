/** Tree ensembles read from ONNX-ML nodes, flattened into typed arrays for evaluation and TreeSHAP. */

/** A tensor-valued attribute as a reader may hand it over. */
export interface AttributeTensor {
  dims?: readonly number[];
  data: ArrayLike<number> | ArrayLike<bigint>;
}

export type AttributeValue =
  | number
  | bigint
  | string
  | readonly number[]
  | readonly bigint[]
  | readonly string[]
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint8Array
  | BigInt64Array
  | AttributeTensor;

/** A node's attributes by name, already decoded (ints, floats, strings, tensors). */
export type TreeAttributes = Readonly<Record<string, AttributeValue | undefined>>;

/** Split modes; the numbers are TreeEnsemble (ai.onnx.ml 5)'s uint8 enum, LEAF is ours. */
export const NodeMode = {
  Leq: 0,
  Lt: 1,
  Gte: 2,
  Gt: 3,
  Eq: 4,
  Neq: 5,
  Member: 6,
  Leaf: 7,
} as const;
export type NodeMode = (typeof NodeMode)[keyof typeof NodeMode];

export type Aggregate = 'SUM' | 'AVERAGE' | 'MIN' | 'MAX';
export type PostTransform = 'NONE' | 'SOFTMAX' | 'LOGISTIC' | 'SOFTMAX_ZERO' | 'PROBIT';

/** One output column as an affine function of one raw score: offset + scale * raw[target] (target -1: constant). */
export interface OutputColumn {
  target: number;
  scale: number;
  offset: number;
}

export interface TreeEnsemble {
  opType: 'TreeEnsembleClassifier' | 'TreeEnsembleRegressor' | 'TreeEnsemble';
  /** Index of each tree's root in the node arrays. */
  treeRoots: Int32Array;
  /** Per node: the split feature (-1 for leaves), mode, threshold, children (node indices) and missing-value way. */
  feature: Int32Array;
  mode: Uint8Array;
  threshold: Float64Array;
  trueChild: Int32Array;
  falseChild: Int32Array;
  missingTracksTrue: Uint8Array;
  /** BRANCH_MEMBER sets: node i's members are memberValues[memberStart[i] .. memberStart[i + 1]). */
  memberStart: Int32Array;
  memberValues: Float64Array;
  /** Leaf votes in CSR form: node i votes voteWeight[j] for raw score voteTarget[j], j in voteStart[i] .. voteStart[i + 1]. */
  voteStart: Int32Array;
  voteTarget: Int32Array;
  voteWeight: Float64Array;
  /** Number of raw scores the votes are summed into (classes or targets). */
  rawTargets: number;
  /** 1 + the largest feature index split on. */
  featuresUsed: number;
  aggregate: Aggregate;
  /** post_transform as written in the model. */
  postTransform: PostTransform;
  /** The transform the runtime applies to `columns` (it skips SOFTMAX for a binary single-score classifier). */
  transform: PostTransform;
  /** How the runtime turns raw scores into the output tensor's columns before post_transform. */
  columns: OutputColumn[];
  classLabels?: readonly (number | string)[];
}

/** Rows of feature values, row-major (a loaded data table satisfies it). */
export interface FeatureMatrix {
  values: Float64Array;
  rows: number;
  cols: number;
}
