/**
 * The ONNX protobuf schema (IR 10+) for protobufjs, as a JSON descriptor so esbuild bundles it and no
 * .proto file is read at runtime. Field numbers are the official ones from onnx/onnx.proto. The
 * reader decodes with its own wire-level code (see decode*.ts); this Root encodes test fixtures and
 * serves as a reference decoder for cross-checks.
 */
import protobuf from 'protobufjs';

type FieldJson = { type: string; id: number; rule?: 'repeated'; options?: { packed: boolean } };
type MessageJson = { fields: Record<string, FieldJson>; nested?: Record<string, MessageJson | EnumJson> };
type EnumJson = { values: Record<string, number> };

const one = (type: string, id: number): FieldJson => ({ type, id });
const many = (type: string, id: number): FieldJson => ({ type, id, rule: 'repeated' });
/** Repeated scalars marked [packed = true] in onnx.proto (proto2 syntax, so others are unpacked). */
const packed = (type: string, id: number): FieldJson => ({ type, id, rule: 'repeated', options: { packed: true } });
const unpacked = (type: string, id: number): FieldJson => ({ type, id, rule: 'repeated', options: { packed: false } });

/** TensorProto.DataType values. */
export const DataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
  FLOAT8E8M0: 24,
  UINT2: 25,
  INT2: 26,
} as const;

/** AttributeProto.AttributeType values. */
export const AttributeType = {
  UNDEFINED: 0,
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
  SPARSE_TENSOR: 11,
  SPARSE_TENSORS: 12,
  TYPE_PROTO: 13,
  TYPE_PROTOS: 14,
} as const;

/** Field numbers the wire-level decoder switches on (one table, checked against the descriptor in tests). */
export const FieldNo = {
  Model: {
    ir_version: 1,
    producer_name: 2,
    producer_version: 3,
    domain: 4,
    model_version: 5,
    doc_string: 6,
    graph: 7,
    opset_import: 8,
    metadata_props: 14,
    training_info: 20,
    functions: 25,
  },
  OperatorSetId: { domain: 1, version: 2 },
  StringStringEntry: { key: 1, value: 2 },
  TrainingInfo: { initialization: 1, algorithm: 2, initialization_binding: 3, update_binding: 4 },
  Graph: {
    node: 1,
    name: 2,
    initializer: 5,
    doc_string: 10,
    input: 11,
    output: 12,
    value_info: 13,
    quantization_annotation: 14,
    sparse_initializer: 15,
    metadata_props: 16,
  },
  Node: {
    input: 1,
    output: 2,
    name: 3,
    op_type: 4,
    attribute: 5,
    doc_string: 6,
    domain: 7,
    overload: 8,
    metadata_props: 9,
  },
  Attribute: {
    name: 1,
    f: 2,
    i: 3,
    s: 4,
    t: 5,
    g: 6,
    floats: 7,
    ints: 8,
    strings: 9,
    tensors: 10,
    graphs: 11,
    doc_string: 13,
    tp: 14,
    type_protos: 15,
    type: 20,
    ref_attr_name: 21,
    sparse_tensor: 22,
    sparse_tensors: 23,
  },
  Tensor: {
    dims: 1,
    data_type: 2,
    segment: 3,
    float_data: 4,
    int32_data: 5,
    string_data: 6,
    int64_data: 7,
    name: 8,
    raw_data: 9,
    double_data: 10,
    uint64_data: 11,
    doc_string: 12,
    external_data: 13,
    data_location: 14,
    metadata_props: 16,
  },
  Segment: { begin: 1, end: 2 },
  SparseTensor: { values: 1, indices: 2, dims: 3 },
  ValueInfo: { name: 1, type: 2, doc_string: 3, metadata_props: 4 },
  Type: {
    tensor_type: 1,
    sequence_type: 4,
    map_type: 5,
    denotation: 6,
    opaque_type: 7,
    sparse_tensor_type: 8,
    optional_type: 9,
  },
  TypeTensor: { elem_type: 1, shape: 2 },
  TypeSequence: { elem_type: 1 },
  TypeMap: { key_type: 1, value_type: 2 },
  TypeOptional: { elem_type: 1 },
  TypeOpaque: { domain: 1, name: 2 },
  Shape: { dim: 1 },
  Dimension: { dim_value: 1, dim_param: 2, denotation: 3 },
  Function: {
    name: 1,
    input: 4,
    output: 5,
    attribute: 6,
    node: 7,
    doc_string: 8,
    opset_import: 9,
    domain: 10,
    attribute_proto: 11,
    value_info: 12,
    overload: 13,
    metadata_props: 14,
  },
} as const;

const F = FieldNo;
const entries = (id: number): FieldJson => many('StringStringEntryProto', id);

const messages: Record<string, MessageJson | EnumJson> = {
  StringStringEntryProto: { fields: { key: one('string', F.StringStringEntry.key), value: one('string', 2) } },
  OperatorSetIdProto: { fields: { domain: one('string', 1), version: one('int64', F.OperatorSetId.version) } },
  TensorAnnotation: { fields: { tensor_name: one('string', 1), quant_parameter_tensor_names: entries(2) } },
  ModelProto: {
    fields: {
      ir_version: one('int64', F.Model.ir_version),
      opset_import: many('OperatorSetIdProto', F.Model.opset_import),
      producer_name: one('string', F.Model.producer_name),
      producer_version: one('string', F.Model.producer_version),
      domain: one('string', F.Model.domain),
      model_version: one('int64', F.Model.model_version),
      doc_string: one('string', F.Model.doc_string),
      graph: one('GraphProto', F.Model.graph),
      metadata_props: entries(F.Model.metadata_props),
      training_info: many('TrainingInfoProto', F.Model.training_info),
      functions: many('FunctionProto', F.Model.functions),
    },
  },
  TrainingInfoProto: {
    fields: {
      initialization: one('GraphProto', F.TrainingInfo.initialization),
      algorithm: one('GraphProto', F.TrainingInfo.algorithm),
      initialization_binding: entries(F.TrainingInfo.initialization_binding),
      update_binding: entries(F.TrainingInfo.update_binding),
    },
  },
  GraphProto: {
    fields: {
      node: many('NodeProto', F.Graph.node),
      name: one('string', F.Graph.name),
      initializer: many('TensorProto', F.Graph.initializer),
      sparse_initializer: many('SparseTensorProto', F.Graph.sparse_initializer),
      doc_string: one('string', F.Graph.doc_string),
      input: many('ValueInfoProto', F.Graph.input),
      output: many('ValueInfoProto', F.Graph.output),
      value_info: many('ValueInfoProto', F.Graph.value_info),
      quantization_annotation: many('TensorAnnotation', F.Graph.quantization_annotation),
      metadata_props: entries(F.Graph.metadata_props),
    },
  },
  NodeProto: {
    fields: {
      input: many('string', F.Node.input),
      output: many('string', F.Node.output),
      name: one('string', F.Node.name),
      op_type: one('string', F.Node.op_type),
      domain: one('string', F.Node.domain),
      overload: one('string', F.Node.overload),
      attribute: many('AttributeProto', F.Node.attribute),
      doc_string: one('string', F.Node.doc_string),
      metadata_props: entries(F.Node.metadata_props),
    },
  },
  AttributeProto: {
    fields: {
      name: one('string', F.Attribute.name),
      ref_attr_name: one('string', F.Attribute.ref_attr_name),
      doc_string: one('string', F.Attribute.doc_string),
      type: one('int32', F.Attribute.type),
      f: one('float', F.Attribute.f),
      i: one('int64', F.Attribute.i),
      s: one('bytes', F.Attribute.s),
      t: one('TensorProto', F.Attribute.t),
      g: one('GraphProto', F.Attribute.g),
      sparse_tensor: one('SparseTensorProto', F.Attribute.sparse_tensor),
      tp: one('TypeProto', F.Attribute.tp),
      floats: unpacked('float', F.Attribute.floats),
      ints: unpacked('int64', F.Attribute.ints),
      strings: many('bytes', F.Attribute.strings),
      tensors: many('TensorProto', F.Attribute.tensors),
      graphs: many('GraphProto', F.Attribute.graphs),
      sparse_tensors: many('SparseTensorProto', F.Attribute.sparse_tensors),
      type_protos: many('TypeProto', F.Attribute.type_protos),
    },
  },
  ValueInfoProto: {
    fields: {
      name: one('string', F.ValueInfo.name),
      type: one('TypeProto', F.ValueInfo.type),
      doc_string: one('string', F.ValueInfo.doc_string),
      metadata_props: entries(F.ValueInfo.metadata_props),
    },
  },
  TensorProto: {
    fields: {
      dims: unpacked('int64', F.Tensor.dims),
      data_type: one('int32', F.Tensor.data_type),
      segment: one('Segment', F.Tensor.segment),
      float_data: packed('float', F.Tensor.float_data),
      int32_data: packed('int32', F.Tensor.int32_data),
      string_data: many('bytes', F.Tensor.string_data),
      int64_data: packed('int64', F.Tensor.int64_data),
      name: one('string', F.Tensor.name),
      doc_string: one('string', F.Tensor.doc_string),
      raw_data: one('bytes', F.Tensor.raw_data),
      external_data: entries(F.Tensor.external_data),
      data_location: one('int32', F.Tensor.data_location),
      double_data: packed('double', F.Tensor.double_data),
      uint64_data: packed('uint64', F.Tensor.uint64_data),
      metadata_props: entries(F.Tensor.metadata_props),
    },
    nested: { Segment: { fields: { begin: one('int64', F.Segment.begin), end: one('int64', F.Segment.end) } } },
  },
  SparseTensorProto: {
    fields: {
      values: one('TensorProto', F.SparseTensor.values),
      indices: one('TensorProto', F.SparseTensor.indices),
      dims: unpacked('int64', F.SparseTensor.dims),
    },
  },
  TensorShapeProto: {
    fields: { dim: many('Dimension', F.Shape.dim) },
    nested: {
      Dimension: {
        fields: {
          dim_value: one('int64', F.Dimension.dim_value),
          dim_param: one('string', F.Dimension.dim_param),
          denotation: one('string', F.Dimension.denotation),
        },
      },
    },
  },
  TypeProto: {
    fields: {
      tensor_type: one('Tensor', F.Type.tensor_type),
      sequence_type: one('Sequence', F.Type.sequence_type),
      map_type: one('Map', F.Type.map_type),
      optional_type: one('Optional', F.Type.optional_type),
      sparse_tensor_type: one('SparseTensor', F.Type.sparse_tensor_type),
      opaque_type: one('Opaque', F.Type.opaque_type),
      denotation: one('string', F.Type.denotation),
    },
    nested: {
      Tensor: { fields: { elem_type: one('int32', 1), shape: one('TensorShapeProto', F.TypeTensor.shape) } },
      Sequence: { fields: { elem_type: one('TypeProto', F.TypeSequence.elem_type) } },
      Map: {
        fields: { key_type: one('int32', F.TypeMap.key_type), value_type: one('TypeProto', F.TypeMap.value_type) },
      },
      Optional: { fields: { elem_type: one('TypeProto', F.TypeOptional.elem_type) } },
      SparseTensor: { fields: { elem_type: one('int32', 1), shape: one('TensorShapeProto', 2) } },
      Opaque: { fields: { domain: one('string', F.TypeOpaque.domain), name: one('string', F.TypeOpaque.name) } },
    },
  },
  FunctionProto: {
    fields: {
      name: one('string', F.Function.name),
      input: many('string', F.Function.input),
      output: many('string', F.Function.output),
      attribute: many('string', F.Function.attribute),
      attribute_proto: many('AttributeProto', F.Function.attribute_proto),
      node: many('NodeProto', F.Function.node),
      doc_string: one('string', F.Function.doc_string),
      opset_import: many('OperatorSetIdProto', F.Function.opset_import),
      domain: one('string', F.Function.domain),
      overload: one('string', F.Function.overload),
      value_info: many('ValueInfoProto', F.Function.value_info),
      metadata_props: entries(F.Function.metadata_props),
    },
  },
};

/** The descriptor, namespaced `onnx` as in onnx.proto (`package onnx;`). */
export const onnxDescriptor = { nested: { onnx: { nested: messages } } };

let root: protobuf.Root | undefined;

/** The protobufjs Root, built once from the descriptor. */
export function onnxRoot(): protobuf.Root {
  if (!root) {
    root = protobuf.Root.fromJSON(onnxDescriptor as protobuf.INamespace);
    root.resolveAll();
  }
  return root;
}

export function onnxType(name: keyof typeof messages): protobuf.Type {
  return onnxRoot().lookupType(`onnx.${name}`);
}
