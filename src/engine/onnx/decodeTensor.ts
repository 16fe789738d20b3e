/**
 * TensorProto and SparseTensorProto, decoded without copying values: only byte ranges are kept.
 * Measured on a 100 MB float_data model (bench/graph-read.ts): protobufjs's generated decode takes
 * ~200 ms materialising the float arrays; recording byte ranges reads the whole model in ~1 ms.
 */
import { dtypeBits, dtypeName } from './dtypes';
import { FieldNo } from './schema';
import type { SparseTensorRef, TensorRef, TensorStorage, TypedDataField } from './types';
import { WT, type Wire } from './wire';

const T = FieldNo.Tensor;

const TYPED_FIELDS: Partial<Record<number, TypedDataField>> = {
  [T.float_data]: 'float_data',
  [T.int32_data]: 'int32_data',
  [T.int64_data]: 'int64_data',
  [T.double_data]: 'double_data',
  [T.uint64_data]: 'uint64_data',
};

/** Width in bytes of a fixed-width typed field's elements; 0 for varints. */
const FIXED_WIDTH: Record<TypedDataField, number> = {
  float_data: 4,
  double_data: 8,
  int32_data: 0,
  int64_data: 0,
  uint64_data: 0,
  string_data: 0,
};

interface TypedRun {
  field: TypedDataField;
  count: number;
  first: number;
  last: number;
}

/** Counts varints in a packed run by their final bytes (high bit clear). */
function countVarints(bytes: Uint8Array, offset: number, length: number): number {
  let n = 0;
  for (let k = offset, end = offset + length; k < end; k++) if (bytes[k] < 128) n++;
  return n;
}

export function decodeTensor(w: Wire, start: number, end: number): TensorRef {
  const dims: number[] = [];
  let dataType = 0;
  let name = '';
  let docString = '';
  let raw: { offset: number; length: number } | undefined;
  let typed: TypedRun | undefined;
  let location = 0;
  let segment: { begin: number; end: number } | undefined;
  const external: Record<string, string> = {};
  w.fields((field, wt) => {
    const typedField = TYPED_FIELDS[field];
    if (typedField) {
      typed = recordTyped(w, wt, typedField, typed);
      return;
    }
    switch (field) {
      case T.dims:
        return w.int64s(wt, 'dims', dims);
      case T.data_type:
        dataType = w.int32(wt, 'data_type');
        return;
      case T.name:
        name = w.string(wt, 'name');
        return;
      case T.doc_string:
        docString = w.string(wt, 'doc_string');
        return;
      case T.raw_data:
        raw = w.range(wt, 'raw_data');
        return;
      case T.string_data: {
        const r = w.range(wt, 'string_data');
        typed =
          typed?.field === 'string_data'
            ? { ...typed, count: typed.count + 1, last: r.offset + r.length }
            : { field: 'string_data', count: 1, first: r.offset, last: r.offset + r.length };
        return;
      }
      case T.external_data: {
        const [k, v] = w.message(wt, 'external_data', () => decodeEntry(w));
        external[k] = v;
        return;
      }
      case T.data_location:
        location = w.int32(wt, 'data_location');
        return;
      case T.segment:
        segment = w.message(wt, 'segment', () => decodeSegment(w));
        return;
      default:
        w.skip(wt);
    }
  });
  const elements = checkedElements(w, dims, name);
  const storage = storageOf(w, location, external, raw, typed);
  const byteSize = Math.ceil((elements * dtypeBits(dataType)) / 8);
  const tensor: TensorRef = {
    name,
    dataType,
    dtype: dtypeName(dataType),
    dims,
    elements,
    byteSize,
    storage,
    message: { offset: start, length: end - start },
    docString,
  };
  if (segment) tensor.segment = segment;
  return tensor;
}

/** Product of dims, refusing negative dims and sizes that overflow exact integers. */
function checkedElements(w: Wire, dims: number[], name: string): number {
  let n = 1;
  for (const d of dims) {
    if (d < 0) throw w.error(`tensor '${name}' has negative dimension ${d}`);
    n *= d;
  }
  if (!Number.isSafeInteger(n)) throw w.error(`tensor '${name}' dims [${dims.join(', ')}] overflow (${n} elements)`);
  return n;
}

function recordTyped(w: Wire, wt: number, field: TypedDataField, run: TypedRun | undefined): TypedRun {
  const width = FIXED_WIDTH[field];
  let count: number;
  let first: number;
  if (wt === WT.LEN) {
    const r = w.range(wt, field);
    if (width > 0 && r.length % width !== 0) throw w.error(`${field}: ${r.length} bytes is not a multiple of ${width}`);
    count = width > 0 ? r.length / width : countVarints(w.bytes, r.offset, r.length);
    first = r.offset;
  } else {
    // One unpacked element (proto2 writers may emit these).
    first = w.r.pos;
    const wanted = width === 4 ? WT.I32 : width === 8 ? WT.I64 : WT.VARINT;
    w.expect(wt, wanted, field);
    w.skip(wt);
    count = 1;
  }
  const last = w.r.pos;
  if (run && run.field === field) return { field, count: run.count + count, first: run.first, last };
  if (run) w.warn(`tensor has both ${run.field} and ${field}; using ${field}`);
  return { field, count, first, last };
}

function storageOf(
  w: Wire,
  location: number,
  external: Record<string, string>,
  raw: { offset: number; length: number } | undefined,
  typed: TypedRun | undefined,
): TensorStorage {
  if (location === 1 || external.location !== undefined) {
    if (external.location === undefined)
      throw w.error('tensor with data_location EXTERNAL has no external_data location');
    const offset = external.offset === undefined ? 0 : Number(external.offset);
    const length = external.length === undefined ? null : Number(external.length);
    if (!Number.isSafeInteger(offset) || offset < 0)
      throw w.error(`external_data offset '${external.offset}' is not a byte offset`);
    if (length !== null && (!Number.isSafeInteger(length) || length < 0))
      throw w.error(`external_data length '${external.length}' is not a byte count`);
    const s: TensorStorage = { kind: 'external', location: external.location, offset, length };
    if (external.checksum !== undefined) s.checksum = external.checksum;
    return s;
  }
  if (raw) return { kind: 'raw', range: raw };
  if (typed)
    return {
      kind: 'typed',
      field: typed.field,
      count: typed.count,
      range: { offset: typed.first, length: typed.last - typed.first },
    };
  return { kind: 'empty' };
}

function decodeEntry(w: Wire): [string, string] {
  let key = '';
  let value = '';
  w.fields((field, wt) => {
    if (field === FieldNo.StringStringEntry.key) key = w.string(wt, 'key');
    else if (field === FieldNo.StringStringEntry.value) value = w.string(wt, 'value');
    else w.skip(wt);
  });
  return [key, value];
}

export function decodeEntries(w: Wire, wt: number, label: string, into: Record<string, string>): void {
  const [k, v] = w.message(wt, label, () => decodeEntry(w));
  into[k] = v;
}

function decodeSegment(w: Wire): { begin: number; end: number } {
  const s = { begin: 0, end: 0 };
  w.fields((field, wt) => {
    if (field === FieldNo.Segment.begin) s.begin = w.int64(wt, 'begin');
    else if (field === FieldNo.Segment.end) s.end = w.int64(wt, 'end');
    else w.skip(wt);
  });
  return s;
}

export function decodeSparseTensor(w: Wire): SparseTensorRef {
  let values: TensorRef | undefined;
  let indices: TensorRef | undefined;
  const dims: number[] = [];
  const S = FieldNo.SparseTensor;
  w.fields((field, wt) => {
    if (field === S.values) values = w.message(wt, 'values', (s, e) => decodeTensor(w, s, e));
    else if (field === S.indices) indices = w.message(wt, 'indices', (s, e) => decodeTensor(w, s, e));
    else if (field === S.dims) w.int64s(wt, 'dims', dims);
    else w.skip(wt);
  });
  if (!values) throw w.error('sparse tensor without values');
  indices ??= {
    ...values,
    name: '',
    dataType: 7,
    dtype: 'int64',
    dims: [0],
    elements: 0,
    byteSize: 0,
    storage: { kind: 'empty' },
  };
  const elements = checkedElements(w, dims, values.name);
  return { name: values.name, dims, elements, nonZeros: values.elements, values, indices };
}
