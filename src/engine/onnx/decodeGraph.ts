/** GraphProto, NodeProto, AttributeProto and FunctionProto. Subgraphs recurse with a depth bound. */
import { decodeEntries, decodeSparseTensor, decodeTensor } from './decodeTensor';
import { decodeType, decodeValueInfo } from './decodeType';
import { AttributeType, FieldNo } from './schema';
import type {
  Attribute,
  AttributeTypeName,
  Graph,
  ModelFunction,
  Node,
  SparseTensorRef,
  TensorRef,
  TypeInfo,
} from './types';
import type { Wire } from './wire';

/** Subgraphs nested deeper than this are refused (bounds the decoder's stack use). */
export const MAX_GRAPH_DEPTH = 100;

export function decodeGraph(w: Wire, depth: number): Graph {
  if (depth > MAX_GRAPH_DEPTH) throw w.error(`subgraphs nested deeper than ${MAX_GRAPH_DEPTH} levels`);
  const F = FieldNo.Graph;
  const g: Graph = {
    name: '',
    docString: '',
    nodes: [],
    initializers: [],
    sparseInitializers: [],
    inputs: [],
    outputs: [],
    valueInfo: [],
  };
  w.fields((field, wt) => {
    switch (field) {
      case F.node:
        g.nodes.push(w.message(wt, `node[${g.nodes.length}]`, () => decodeNode(w, depth)));
        return;
      case F.name:
        g.name = w.string(wt, 'name');
        return;
      case F.initializer:
        g.initializers.push(w.message(wt, `initializer[${g.initializers.length}]`, (s, e) => decodeTensor(w, s, e)));
        return;
      case F.sparse_initializer:
        g.sparseInitializers.push(
          w.message(wt, `sparse_initializer[${g.sparseInitializers.length}]`, () => decodeSparseTensor(w)),
        );
        return;
      case F.doc_string:
        g.docString = w.string(wt, 'doc_string');
        return;
      case F.input:
        g.inputs.push(w.message(wt, `input[${g.inputs.length}]`, () => decodeValueInfo(w)));
        return;
      case F.output:
        g.outputs.push(w.message(wt, `output[${g.outputs.length}]`, () => decodeValueInfo(w)));
        return;
      case F.value_info:
        g.valueInfo.push(w.message(wt, `value_info[${g.valueInfo.length}]`, () => decodeValueInfo(w)));
        return;
      default:
        w.skip(wt);
    }
  });
  return g;
}

export function decodeNode(w: Wire, depth: number): Node {
  const F = FieldNo.Node;
  const n: Node = {
    name: '',
    op: '',
    domain: '',
    overload: '',
    inputs: [],
    outputs: [],
    attributes: [],
    docString: '',
  };
  w.fields((field, wt) => {
    switch (field) {
      case F.input:
        n.inputs.push(w.string(wt, 'input'));
        return;
      case F.output:
        n.outputs.push(w.string(wt, 'output'));
        return;
      case F.name:
        n.name = w.string(wt, 'name');
        return;
      case F.op_type:
        n.op = w.string(wt, 'op_type');
        return;
      case F.domain:
        n.domain = w.string(wt, 'domain');
        return;
      case F.overload:
        n.overload = w.string(wt, 'overload');
        return;
      case F.attribute:
        n.attributes.push(w.message(wt, `attribute[${n.attributes.length}]`, () => decodeAttribute(w, depth)));
        return;
      case F.doc_string:
        n.docString = w.string(wt, 'doc_string');
        return;
      default:
        w.skip(wt);
    }
  });
  if (n.domain === 'ai.onnx') n.domain = '';
  return n;
}

const TYPE_NAMES: Record<number, AttributeTypeName> = {
  [AttributeType.UNDEFINED]: 'undefined',
  [AttributeType.FLOAT]: 'float',
  [AttributeType.INT]: 'int',
  [AttributeType.STRING]: 'string',
  [AttributeType.TENSOR]: 'tensor',
  [AttributeType.GRAPH]: 'graph',
  [AttributeType.SPARSE_TENSOR]: 'sparse_tensor',
  [AttributeType.TYPE_PROTO]: 'type_proto',
  [AttributeType.FLOATS]: 'floats',
  [AttributeType.INTS]: 'ints',
  [AttributeType.STRINGS]: 'strings',
  [AttributeType.TENSORS]: 'tensors',
  [AttributeType.GRAPHS]: 'graphs',
  [AttributeType.SPARSE_TENSORS]: 'sparse_tensors',
  [AttributeType.TYPE_PROTOS]: 'type_protos',
};

/** Every value field an AttributeProto can carry, collected before choosing by `type`. */
interface AttributeFields {
  float?: number;
  int?: number;
  string?: string;
  tensor?: TensorRef;
  graph?: Graph;
  sparse_tensor?: SparseTensorRef;
  type_proto?: TypeInfo;
  floats: number[];
  ints: number[];
  strings: string[];
  tensors: TensorRef[];
  graphs: Graph[];
  sparse_tensors: SparseTensorRef[];
  type_protos: TypeInfo[];
}

export function decodeAttribute(w: Wire, depth: number): Attribute {
  const F = FieldNo.Attribute;
  let name = '';
  let docString = '';
  let refAttrName: string | undefined;
  let type = -1;
  const v: AttributeFields = {
    floats: [],
    ints: [],
    strings: [],
    tensors: [],
    graphs: [],
    sparse_tensors: [],
    type_protos: [],
  };
  w.fields((field, wt) => {
    switch (field) {
      case F.name:
        name = w.string(wt, 'name');
        return;
      case F.doc_string:
        docString = w.string(wt, 'doc_string');
        return;
      case F.ref_attr_name:
        refAttrName = w.string(wt, 'ref_attr_name');
        return;
      case F.type:
        type = w.int32(wt, 'type');
        return;
      case F.f:
        v.float = w.float(wt, 'f');
        return;
      case F.i:
        v.int = w.int64(wt, 'i');
        return;
      case F.s:
        v.string = w.string(wt, 's');
        return;
      case F.t:
        v.tensor = w.message(wt, `${name}.t`, (s, e) => decodeTensor(w, s, e));
        return;
      case F.g:
        v.graph = w.message(wt, `${name}.g`, () => decodeGraph(w, depth + 1));
        return;
      case F.sparse_tensor:
        v.sparse_tensor = w.message(wt, `${name}.sparse_tensor`, () => decodeSparseTensor(w));
        return;
      case F.tp:
        v.type_proto = w.message(wt, `${name}.tp`, () => decodeType(w, 0));
        return;
      case F.floats:
        return w.floats(wt, 'floats', v.floats);
      case F.ints:
        return w.int64s(wt, 'ints', v.ints);
      case F.strings:
        v.strings.push(w.string(wt, 'strings'));
        return;
      case F.tensors:
        v.tensors.push(w.message(wt, `${name}.tensors[${v.tensors.length}]`, (s, e) => decodeTensor(w, s, e)));
        return;
      case F.graphs:
        v.graphs.push(w.message(wt, `${name}.graphs[${v.graphs.length}]`, () => decodeGraph(w, depth + 1)));
        return;
      case F.sparse_tensors:
        v.sparse_tensors.push(
          w.message(wt, `${name}.sparse_tensors[${v.sparse_tensors.length}]`, () => decodeSparseTensor(w)),
        );
        return;
      case F.type_protos:
        v.type_protos.push(w.message(wt, `${name}.type_protos[${v.type_protos.length}]`, () => decodeType(w, 0)));
        return;
      default:
        w.skip(wt);
    }
  });
  const typeName = type === -1 ? inferType(v) : TYPE_NAMES[type];
  if (!typeName) throw w.error(`attribute '${name}' has unknown type ${type}`);
  const attr = { ...pick(w, typeName, v, name), name, docString } as Attribute;
  if (refAttrName !== undefined) attr.refAttrName = refAttrName;
  return attr;
}

/** IR < 2 files may omit `type`: infer it from the one value field present. */
function inferType(v: AttributeFields): AttributeTypeName {
  if (v.float !== undefined) return 'float';
  if (v.int !== undefined) return 'int';
  if (v.string !== undefined) return 'string';
  if (v.tensor) return 'tensor';
  if (v.graph) return 'graph';
  if (v.floats.length) return 'floats';
  if (v.ints.length) return 'ints';
  if (v.strings.length) return 'strings';
  if (v.tensors.length) return 'tensors';
  if (v.graphs.length) return 'graphs';
  return 'undefined';
}

/** Scalars absent from the file read as protobuf's defaults; an absent message is an error. */
const SCALAR_DEFAULTS: Partial<Record<AttributeTypeName, number | string>> = { float: 0, int: 0, string: '' };

/** The value field that `type` names (the fields are keyed by the type names). */
function pick(
  w: Wire,
  type: AttributeTypeName,
  v: AttributeFields,
  name: string,
): Omit<Attribute, 'name' | 'docString'> {
  if (type === 'undefined') return { type, value: null };
  const value = v[type] ?? SCALAR_DEFAULTS[type];
  if (value === undefined) throw w.error(`attribute '${name}' of type ${type.toUpperCase()} has no value`);
  return { type, value } as Omit<Attribute, 'name' | 'docString'>;
}

export function decodeOpset(w: Wire): [string, number] {
  let domain = '';
  let version = 0;
  w.fields((field, wt) => {
    if (field === FieldNo.OperatorSetId.domain) domain = w.string(wt, 'domain');
    else if (field === FieldNo.OperatorSetId.version) version = w.int64(wt, 'version');
    else w.skip(wt);
  });
  return [domain === 'ai.onnx' ? '' : domain, version];
}

export function decodeFunction(w: Wire): ModelFunction {
  const F = FieldNo.Function;
  const fn: ModelFunction = {
    name: '',
    domain: '',
    overload: '',
    inputs: [],
    outputs: [],
    attributeNames: [],
    attributeDefaults: [],
    nodes: [],
    opsets: {},
    valueInfo: [],
    docString: '',
  };
  const metadata: Record<string, string> = {};
  w.fields((field, wt) => {
    switch (field) {
      case F.name:
        fn.name = w.string(wt, 'name');
        return;
      case F.domain:
        fn.domain = w.string(wt, 'domain');
        return;
      case F.overload:
        fn.overload = w.string(wt, 'overload');
        return;
      case F.input:
        fn.inputs.push(w.string(wt, 'input'));
        return;
      case F.output:
        fn.outputs.push(w.string(wt, 'output'));
        return;
      case F.attribute:
        fn.attributeNames.push(w.string(wt, 'attribute'));
        return;
      case F.attribute_proto:
        fn.attributeDefaults.push(
          w.message(wt, `attribute_proto[${fn.attributeDefaults.length}]`, () => decodeAttribute(w, 1)),
        );
        return;
      case F.node:
        fn.nodes.push(w.message(wt, `node[${fn.nodes.length}]`, () => decodeNode(w, 1)));
        return;
      case F.opset_import: {
        const [d, v] = w.message(wt, 'opset_import', () => decodeOpset(w));
        fn.opsets[d] = v;
        return;
      }
      case F.value_info:
        fn.valueInfo.push(w.message(wt, `value_info[${fn.valueInfo.length}]`, () => decodeValueInfo(w)));
        return;
      case F.doc_string:
        fn.docString = w.string(wt, 'doc_string');
        return;
      case F.metadata_props:
        return decodeEntries(w, wt, 'metadata_props', metadata);
      default:
        w.skip(wt);
    }
  });
  return fn;
}
