/** What the graph view receives: a laid-out, possibly folded view of a model's graph. */

export type NodeCategory =
  | 'input'
  | 'output'
  | 'initializer'
  | 'group'
  | 'conv'
  | 'linear'
  | 'activation'
  | 'normalization'
  | 'pooling'
  | 'elementwise'
  | 'shape'
  | 'control'
  | 'quantization'
  | 'ml'
  | 'other';

export interface GraphViewNode {
  id: string;
  /** Op type for operators, the tensor name for inputs/outputs, the scope name for groups. */
  label: string;
  /** Key attributes ("3×3, stride 2") or, for a group, how many nodes it holds. */
  detail: string;
  /** The node's own name in the model (empty when the exporter wrote none). */
  name: string;
  category: NodeCategory;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Groups (name scopes) and nodes with If/Loop/Scan subgraphs can be expanded. */
  expandable: boolean;
  expanded: boolean;
  /** Id of the enclosing expanded group, for drawing group frames. */
  parent?: string;
  nodeCount?: number;
}

export interface GraphViewEdge {
  id: string;
  source: string;
  target: string;
  /** Polyline in layout coordinates, first point at the source, last at the target. */
  points: { x: number; y: number }[];
  tensor: string;
  /** Shape text such as "[batch, 64, 28, 28]", empty when unknown. */
  shape: string;
  /** Edges folded together between two blocks. */
  count: number;
  /** True for an edge that had to be reversed to break a cycle. */
  reversed?: boolean;
}

/** A frame drawn around the members of an expanded group. */
export interface GraphViewFrame {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
}

export interface GraphView {
  /** The groups actually open in this view (the first view opens a few so big models fit). */
  expanded: string[];
  nodes: GraphViewNode[];
  edges: GraphViewEdge[];
  frames: GraphViewFrame[];
  width: number;
  height: number;
  /** Things the reader or layout could not do, shown as a visible warning. */
  warnings: string[];
  totalNodes: number;
}

/** One searchable entry per operator node in the whole model (any depth), sent once. */
export interface GraphIndexEntry {
  id: string;
  name: string;
  op: string;
  tensors: string[];
  /** Ids of the groups (outermost first) that must be expanded to show this node. */
  ancestors: string[];
}

export interface AttributeView {
  name: string;
  type: string;
  value: string;
  /** For GRAPH/GRAPHS attributes: the ids of the subgraph nodes to expand. */
  subgraphIds?: string[];
}

export interface WeightView {
  name: string;
  dtype: string;
  dims: number[];
  bytes: number;
  location: string;
  stats?: { min: number; max: number; mean: number; std: number; zeros: number; count: number };
  /** Histogram: bin edges (bins + 1) and counts. */
  histogram?: { edges: number[]; counts: number[] };
}

/** What a details panel describes: an operator, a graph input or output, or an initializer (weight tensor). */
export type NodeDetailsKind = 'operator' | 'input' | 'output' | 'initializer';

/** A node that produces or consumes a tensor, to link to from the details. */
export interface NodeLink {
  id: string;
  /** Op type for operators, the tensor name for graph inputs and outputs. */
  label: string;
  name: string;
}

/** The tensor a graph input, output or initializer stands for. */
export interface TensorDetails {
  name: string;
  /** Element type ("float32"), or the container type ("sequence<float32>") for non-tensors. */
  type: string;
  /** "[batch, 3, 224, 224]" with symbolic dims kept, "?" for an unknown dim, empty when unknown. */
  shape: string;
  producers: NodeLink[];
  consumers: NodeLink[];
}

export interface NodeDetails {
  /** Absent from engines that only described operators: read it as 'operator'. */
  kind?: NodeDetailsKind;
  id: string;
  name: string;
  op: string;
  domain: string;
  doc: string;
  attributes: AttributeView[];
  inputs: { name: string; shape: string; type: string }[];
  outputs: { name: string; shape: string; type: string }[];
  /** For an initializer, the tensor itself is the one weight. */
  weights: WeightView[];
  /** Set for graph inputs, outputs and initializers. */
  tensor?: TensorDetails;
}
