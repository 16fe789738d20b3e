/**
 * Types the protocol carries about a model: its tensors, the free-dimension sizes a request sets, and the summary.
 * The protocol owns them; the engine imports them from here (never the reverse).
 */

export type ElementType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string';

/** A dimension: a size, a symbolic name ('batch'), or null when unknown. */
export type Dim = number | string | null;

export interface TensorInfo {
  name: string;
  /** False for sequences and maps (e.g. scikit-learn's ZipMap output): never fetched. */
  isTensor: boolean;
  /** Element type for tensors; the ONNX type text (e.g. 'sequence<map<int64,float>>') otherwise. */
  elementType: ElementType | string;
  shape: Dim[];
}

export interface SampleOptions {
  /** Sizes of free dimensions by dimKey; others get `defaultDimSize`. */
  dimSizes?: Record<string, number>;
  defaultDimSize: number;
  /** A constant to fill an input with (e.g. a sample rate), by input name. */
  fill?: Record<string, number>;
}

/** The name a user sets a free dimension by: its symbolic name, or `input[axis]` when it has none. */
export function dimKey(inputName: string, axis: number, dim: Dim): string {
  return typeof dim === 'string' && dim !== '' ? dim : `${inputName}[${axis}]`;
}

export interface FreeDimSizes {
  /** Sizes by dimKey (the symbol, or `input[axis]` for an unnamed dim). */
  dimSizes?: Record<string, number>;
  /** The size of any free dim not in `dimSizes` (the modelLens.symbolicDimSize setting). */
  defaultDimSize: number;
}

export interface SummaryTensor {
  name: string;
  type: string;
  /** null when the rank is unknown; null dims are unknown, strings are symbolic. */
  shape: Dim[] | null;
}

export interface DtypeTotals {
  tensors: number;
  elements: number;
  bytes: number;
}

export interface ModelSummary {
  ir_version: number;
  producer: string;
  /** Domain -> version; the default domain is written "ai.onnx". */
  opsets: Record<string, number>;
  inputs: SummaryTensor[];
  outputs: SummaryTensor[];
  /** Nodes of the main graph. */
  nodes: number;
  /** Nodes of every graph, subgraphs included. */
  total_nodes: number;
  /** GRAPH/GRAPHS attribute values, at any depth. */
  subgraphs: number;
  /** 0 without subgraphs; 1 when the main graph holds If/Loop bodies; ... */
  max_depth: number;
  /** Elements of initializers (sparse: stored values), all graphs. */
  parameters: number;
  /** Elements of Constant nodes' values, all graphs. */
  constant_parameters: number;
  /** Op counts over every graph; ops outside the default domain are written 'domain.Op'. */
  op_histogram: Record<string, number>;
  flops: {
    total: number;
    macs: number;
    not_estimated: number;
    not_estimated_nodes: string[];
    /** Symbolic dims counted as 1 in the estimate. */
    symbolic_dims_as_one: string[];
    /** Free input dims given a size for the estimate (the free-dimension fields), by dim name. */
    assumed_dims: Record<string, number>;
  };
  /** Bytes of initializers and Constant values by dtype (fp32, fp16, int8...). */
  bytes_by_dtype: Record<string, number>;
  compression: {
    quantized_ops: Record<string, number>;
    quantized_op_count: number;
    tensors_by_dtype: Record<string, DtypeTotals>;
  };
  warnings: string[];
}

/** Which onnxruntime runs a model, on which execution provider, and why (shown in the panel, log, plan and report). */
export interface RuntimeInfo {
  /** onnxruntime-node's native library, or onnxruntime-web's WebAssembly build. */
  backend: 'native' | 'wasm';
  /** The execution provider the session was created with first ('cpu', 'coreml', 'dml', 'cuda', 'wasm'...). */
  provider: string;
  /** Why this backend: the setting that chose it, or why the native one could not load. */
  reason: string;
  /** Providers asked for that were not used, each with its reason. */
  notes: string[];
}
