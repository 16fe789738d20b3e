/** Plain, typed objects for an ONNX model as read from bytes: structure only, tensor data described by byte ranges. */

/** A dimension: a size, a symbolic name ('batch'), or null when unknown. */
export type Dim = number | string | null;

/** Element type names, lower-case ONNX DataType names ('float' is written 'float32' like onnxruntime). */
export type DtypeName =
  | 'undefined'
  | 'float32'
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'string'
  | 'bool'
  | 'float16'
  | 'float64'
  | 'uint32'
  | 'uint64'
  | 'complex64'
  | 'complex128'
  | 'bfloat16'
  | 'float8e4m3fn'
  | 'float8e4m3fnuz'
  | 'float8e5m2'
  | 'float8e5m2fnuz'
  | 'uint4'
  | 'int4'
  | 'float4e2m1'
  | 'float8e8m0'
  | 'uint2'
  | 'int2'
  | `unknown(${number})`;

/** A byte range inside the model bytes. */
export interface ByteRange {
  offset: number;
  length: number;
}

/** The typed TensorProto fields that can hold values. */
export type TypedDataField = 'float_data' | 'int32_data' | 'int64_data' | 'double_data' | 'uint64_data' | 'string_data';

/** Where a tensor's values are. Offsets are into the model bytes (or the external file). */
export type TensorStorage =
  | { kind: 'raw'; range: ByteRange }
  | { kind: 'typed'; field: TypedDataField; count: number; range: ByteRange }
  | { kind: 'external'; location: string; offset: number; length: number | null; checksum?: string }
  | { kind: 'empty' };

/** A TensorProto described, not copied. */
export interface TensorRef {
  name: string;
  dataType: number;
  dtype: DtypeName;
  dims: number[];
  /** Product of dims (1 for a scalar). */
  elements: number;
  /** Bytes the values take in memory at their natural width (4-bit types: half a byte each). */
  byteSize: number;
  storage: TensorStorage;
  /** The whole TensorProto message in the model bytes; values are re-read from here on demand. */
  message: ByteRange;
  docString: string;
  segment?: { begin: number; end: number };
  /** Values of small numeric tensors (at most 64 elements), kept for shape inference. */
  smallValues?: number[];
}

export interface SparseTensorRef {
  name: string;
  dims: number[];
  /** Elements of the dense tensor. */
  elements: number;
  /** Stored (non-zero) values. */
  nonZeros: number;
  values: TensorRef;
  indices: TensorRef;
}

/** An ONNX type (TypeProto). */
export type TypeInfo =
  | { kind: 'tensor'; elemType: DtypeName; shape: Dim[] | null; denotation?: string }
  | { kind: 'sparse_tensor'; elemType: DtypeName; shape: Dim[] | null }
  | { kind: 'sequence'; elem: TypeInfo | null }
  | { kind: 'map'; keyType: DtypeName; value: TypeInfo | null }
  | { kind: 'optional'; elem: TypeInfo | null }
  | { kind: 'opaque'; domain: string; name: string }
  | { kind: 'unknown' };

export interface ValueInfo {
  name: string;
  type: TypeInfo | null;
  docString: string;
}

export type AttributeTypeName =
  | 'undefined'
  | 'float'
  | 'int'
  | 'string'
  | 'tensor'
  | 'graph'
  | 'sparse_tensor'
  | 'type_proto'
  | 'floats'
  | 'ints'
  | 'strings'
  | 'tensors'
  | 'graphs'
  | 'sparse_tensors'
  | 'type_protos';

/** A decoded attribute value, tagged by its ONNX attribute type. */
export type AttributeValue =
  | { type: 'undefined'; value: null }
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: TensorRef }
  | { type: 'graph'; value: Graph }
  | { type: 'sparse_tensor'; value: SparseTensorRef }
  | { type: 'type_proto'; value: TypeInfo }
  | { type: 'floats'; value: number[] }
  | { type: 'ints'; value: number[] }
  | { type: 'strings'; value: string[] }
  | { type: 'tensors'; value: TensorRef[] }
  | { type: 'graphs'; value: Graph[] }
  | { type: 'sparse_tensors'; value: SparseTensorRef[] }
  | { type: 'type_protos'; value: TypeInfo[] };

export type Attribute = AttributeValue & {
  name: string;
  /** Set inside functions: the value comes from the calling node's attribute of this name. */
  refAttrName?: string;
  docString: string;
};

export interface Node {
  name: string;
  op: string;
  /** '' is the default ONNX domain ('ai.onnx'). */
  domain: string;
  overload: string;
  /** '' marks an omitted optional input/output. */
  inputs: string[];
  outputs: string[];
  attributes: Attribute[];
  docString: string;
}

export interface Graph {
  name: string;
  docString: string;
  nodes: Node[];
  initializers: TensorRef[];
  sparseInitializers: SparseTensorRef[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  valueInfo: ValueInfo[];
}

export interface ModelFunction {
  name: string;
  domain: string;
  overload: string;
  inputs: string[];
  outputs: string[];
  attributeNames: string[];
  attributeDefaults: Attribute[];
  nodes: Node[];
  opsets: Record<string, number>;
  valueInfo: ValueInfo[];
  docString: string;
}

export interface ModelInfo {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  /** Domain -> opset version; the default domain is ''. */
  opsets: Record<string, number>;
  metadata: Record<string, string>;
}

export interface ModelGraph {
  info: ModelInfo;
  graph: Graph;
  functions: ModelFunction[];
  /** Training graphs (TrainingInfoProto), kept for completeness. */
  training: { initialization: Graph | null; algorithm: Graph | null }[];
  /** What was odd but not fatal (dangling edges, cycles, int64 precision loss...). */
  warnings: string[];
  /** Size of the model bytes, for the summary. */
  byteLength: number;
  /** Directory of the model file, for external data (when read from a file). */
  modelDir?: string;
}

/** Bad model bytes: the message names the field path and byte offset. */
export class OnnxReadError extends Error {
  constructor(
    message: string,
    readonly path = '',
    readonly offset = -1,
  ) {
    super(message);
    this.name = 'OnnxReadError';
  }
}
