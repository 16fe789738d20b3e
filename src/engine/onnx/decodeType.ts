/** TypeProto, TensorShapeProto and ValueInfoProto. */
import { dtypeName } from './dtypes';
import { FieldNo } from './schema';
import type { Dim, TypeInfo, ValueInfo } from './types';
import type { Wire } from './wire';

/** sequence<sequence<...>> deeper than this is refused rather than recursed into. */
const MAX_TYPE_DEPTH = 32;

export function decodeValueInfo(w: Wire): ValueInfo {
  const v: ValueInfo = { name: '', type: null, docString: '' };
  const F = FieldNo.ValueInfo;
  w.fields((field, wt) => {
    if (field === F.name) v.name = w.string(wt, 'name');
    else if (field === F.type) v.type = w.message(wt, 'type', () => decodeType(w, 0));
    else if (field === F.doc_string) v.docString = w.string(wt, 'doc_string');
    else w.skip(wt);
  });
  return v;
}

export function decodeType(w: Wire, depth: number): TypeInfo {
  if (depth > MAX_TYPE_DEPTH) throw w.error(`type nested deeper than ${MAX_TYPE_DEPTH} levels`);
  const F = FieldNo.Type;
  let type = { kind: 'unknown' } as TypeInfo;
  let denotation = '';
  w.fields((field, wt) => {
    switch (field) {
      case F.tensor_type:
        type = w.message(wt, 'tensor_type', () => decodeTensorType(w, 'tensor'));
        return;
      case F.sparse_tensor_type:
        type = w.message(wt, 'sparse_tensor_type', () => decodeTensorType(w, 'sparse_tensor'));
        return;
      case F.sequence_type:
        type = { kind: 'sequence', elem: w.message(wt, 'sequence_type', () => decodeElem(w, depth)) };
        return;
      case F.optional_type:
        type = { kind: 'optional', elem: w.message(wt, 'optional_type', () => decodeElem(w, depth)) };
        return;
      case F.map_type:
        type = w.message(wt, 'map_type', () => decodeMap(w, depth));
        return;
      case F.opaque_type:
        type = w.message(wt, 'opaque_type', () => decodeOpaque(w));
        return;
      case F.denotation:
        denotation = w.string(wt, 'denotation');
        return;
      default:
        w.skip(wt);
    }
  });
  if (denotation && type.kind === 'tensor') type.denotation = denotation;
  return type;
}

function decodeTensorType(w: Wire, kind: 'tensor' | 'sparse_tensor'): TypeInfo {
  let elemType = 0;
  let shape: Dim[] | null = null;
  w.fields((field, wt) => {
    if (field === FieldNo.TypeTensor.elem_type) elemType = w.int32(wt, 'elem_type');
    else if (field === FieldNo.TypeTensor.shape) shape = w.message(wt, 'shape', () => decodeShape(w));
    else w.skip(wt);
  });
  return { kind, elemType: dtypeName(elemType), shape };
}

/** The single `elem_type` TypeProto of Sequence and Optional. */
function decodeElem(w: Wire, depth: number): TypeInfo | null {
  let elem: TypeInfo | null = null;
  w.fields((field, wt) => {
    if (field === FieldNo.TypeSequence.elem_type) elem = w.message(wt, 'elem_type', () => decodeType(w, depth + 1));
    else w.skip(wt);
  });
  return elem;
}

function decodeMap(w: Wire, depth: number): TypeInfo {
  let keyType = 0;
  let value: TypeInfo | null = null;
  w.fields((field, wt) => {
    if (field === FieldNo.TypeMap.key_type) keyType = w.int32(wt, 'key_type');
    else if (field === FieldNo.TypeMap.value_type) value = w.message(wt, 'value_type', () => decodeType(w, depth + 1));
    else w.skip(wt);
  });
  return { kind: 'map', keyType: dtypeName(keyType), value };
}

function decodeOpaque(w: Wire): TypeInfo {
  const t = { kind: 'opaque' as const, domain: '', name: '' };
  w.fields((field, wt) => {
    if (field === FieldNo.TypeOpaque.domain) t.domain = w.string(wt, 'domain');
    else if (field === FieldNo.TypeOpaque.name) t.name = w.string(wt, 'name');
    else w.skip(wt);
  });
  return t;
}

function decodeShape(w: Wire): Dim[] {
  const dims: Dim[] = [];
  w.fields((field, wt) => {
    if (field === FieldNo.Shape.dim) dims.push(w.message(wt, `dim[${dims.length}]`, () => decodeDim(w)));
    else w.skip(wt);
  });
  return dims;
}

/** dim_value, else dim_param, else unknown (null). */
function decodeDim(w: Wire): Dim {
  let dim: Dim = null;
  w.fields((field, wt) => {
    if (field === FieldNo.Dimension.dim_value) dim = w.int64(wt, 'dim_value');
    else if (field === FieldNo.Dimension.dim_param) dim = w.string(wt, 'dim_param') || null;
    else w.skip(wt);
  });
  return dim;
}

/** Text such as 'float32[batch, 3, 224, 224]' or 'sequence<map<int64, float32>>'. */
export function typeText(type: TypeInfo | null): string {
  if (!type) return '?';
  switch (type.kind) {
    case 'tensor':
      return type.elemType;
    case 'sparse_tensor':
      return `sparse_tensor<${type.elemType}>`;
    case 'sequence':
      return `sequence<${typeText(type.elem)}>`;
    case 'optional':
      return `optional<${typeText(type.elem)}>`;
    case 'map':
      return `map<${type.keyType}, ${typeText(type.value)}>`;
    case 'opaque':
      return `opaque<${type.domain}.${type.name}>`;
    default:
      return '?';
  }
}

export function shapeText(shape: readonly Dim[] | null | undefined): string {
  if (!shape) return '';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}
