/** Reads a tensor's values on demand: from raw_data, a typed field, or an external data file. */
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import type { NumericArray } from '../runtime/backend';
import { dtypeBits, storageBytes } from './dtypes';
import { externalDataPath } from './externalData';
import { bfloat16ToFloat, halfToFloat, minifloatTable } from './minifloat';
import { FieldNo } from './schema';
import { OnnxReadError, type DtypeName, type TensorRef, type TypedDataField } from './types';
import { longToBigInt, WT, Wire } from './wire';

/** The runtime's numeric arrays, or strings: what an initializer's values read as. */
export type TensorArray = NumericArray | string[];

/** The tensor's values in their natural array type (small floats widened to Float32Array). */
export function readTensorValues(tensor: TensorRef, bytes: Uint8Array, modelDir?: string): TensorArray {
  const s = tensor.storage;
  if (s.kind === 'raw') return fromBytes(tensor, bytes.subarray(s.range.offset, s.range.offset + s.range.length));
  if (s.kind === 'external') return fromBytes(tensor, readExternal(tensor, modelDir));
  if (s.kind === 'typed') return fromTypedField(tensor, bytes, s.field);
  if (tensor.elements === 0) return fromBytes(tensor, new Uint8Array(0));
  throw new OnnxReadError(`tensor '${tensor.name}' has ${tensor.elements} elements but no data`);
}

/** Values as float64 (bigints converted, complex interleaved), for statistics. */
export function readTensorAsNumbers(tensor: TensorRef, bytes: Uint8Array, modelDir?: string): Float64Array {
  const values = readTensorValues(tensor, bytes, modelDir);
  if (Array.isArray(values)) throw new OnnxReadError(`tensor '${tensor.name}' holds strings, not numbers`);
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  if (values instanceof BigInt64Array || values instanceof BigUint64Array)
    for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  else out.set(values);
  return out;
}

/** Little-endian fixed-width bytes (ONNX raw_data layout) -> array. */
function fromBytes(tensor: TensorRef, payload: Uint8Array): TensorArray {
  const n = tensor.elements * (tensor.dtype.startsWith('complex') ? 2 : 1);
  const need = storageBytes(tensor.dataType, tensor.elements);
  if (tensor.dtype === 'string') throw new OnnxReadError(`tensor '${tensor.name}': string tensors cannot use raw_data`);
  if (dtypeBits(tensor.dataType) === 0)
    throw new OnnxReadError(`tensor '${tensor.name}' has unsupported data type ${tensor.dataType}`);
  if (payload.length !== need)
    throw new OnnxReadError(
      `tensor '${tensor.name}': data has ${payload.length} bytes, dims [${tensor.dims.join(', ')}] of ${tensor.dtype} need ${need}`,
    );
  const copy = new Uint8Array(payload.length); // aligned copy (Buffer#slice would share the pool)
  copy.set(payload);
  const buf = copy.buffer;
  const View = RAW_VIEWS[tensor.dtype];
  if (View) return new View(buf, 0, n);
  if (tensor.dtype === 'float16') return Float32Array.from(new Uint16Array(buf, 0, n), halfToFloat);
  if (tensor.dtype === 'bfloat16') return Float32Array.from(new Uint16Array(buf, 0, n), bfloat16ToFloat);
  return unpackSmall(tensor, payload, n);
}

type RawView = new (buffer: ArrayBuffer, byteOffset: number, length: number) => NumericArray;

/** The array each fixed-width dtype's raw bytes are viewed as (complex numbers as interleaved real, imaginary). */
const RAW_VIEWS: Partial<Record<DtypeName, RawView>> = {
  float32: Float32Array,
  complex64: Float32Array,
  float64: Float64Array,
  complex128: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
};

/** 8-, 4- and 2-bit types; sub-byte elements are packed from the least significant bits up. */
function unpackSmall(tensor: TensorRef, payload: Uint8Array, n: number): TensorArray {
  const bits = dtypeBits(tensor.dataType);
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  const codes = new Uint8Array(n);
  for (let i = 0; i < n; i++) codes[i] = (payload[Math.floor(i / perByte)] >> ((i % perByte) * bits)) & mask;
  const lut = minifloatTable(tensor.dtype);
  if (lut) return Float32Array.from(codes, (c) => lut[c]);
  if (tensor.dtype === 'int4' || tensor.dtype === 'int2')
    return Int8Array.from(codes, (c) => (c & (1 << (bits - 1)) ? c - (1 << bits) : c));
  return codes;
}

/** Re-reads the TensorProto message and gathers the typed field's values. */
function fromTypedField(tensor: TensorRef, bytes: Uint8Array, field: TypedDataField): TensorArray {
  const w = new Wire(bytes.subarray(tensor.message.offset, tensor.message.offset + tensor.message.length), []);
  const fieldNo = FieldNo.Tensor[field];
  const strings: string[] = [];
  const ints: number[] = [];
  const longs: bigint[] = [];
  const floats: number[] = [];
  w.fields((f, wt) => {
    if (f !== fieldNo) return w.skip(wt);
    if (field === 'string_data') strings.push(w.string(wt, field));
    else if (field === 'float_data') w.floats(wt, field, floats);
    else if (field === 'double_data') readRepeated(w, wt, WT.I64, () => floats.push(w.r.double()));
    else if (field === 'int32_data') readRepeated(w, wt, WT.VARINT, () => ints.push(w.r.int32()));
    else readRepeated(w, wt, WT.VARINT, () => longs.push(longToBigInt(w.r.int64())));
  });
  if (field === 'string_data') return strings;
  const n = tensor.elements * (tensor.dtype.startsWith('complex') ? 2 : 1);
  if (field === 'float_data') return checkCount(tensor, Float32Array.from(floats), n);
  if (field === 'double_data') return checkCount(tensor, Float64Array.from(floats), n);
  if (field === 'int32_data') return fromInt32Field(tensor, ints, n);
  if (tensor.dtype === 'uint32')
    return checkCount(
      tensor,
      Uint32Array.from(longs, (b) => Number(b & 0xffffffffn)),
      n,
    );
  if (tensor.dtype === 'uint64') return checkCount(tensor, BigUint64Array.from(longs), n);
  return checkCount(
    tensor,
    BigInt64Array.from(longs, (b) => BigInt.asIntN(64, b)),
    n,
  );
}

function readRepeated(w: Wire, wt: number, single: number, one: () => void): void {
  if (wt === single) return one();
  const { offset, length } = w.range(wt, 'data');
  const after = w.r.pos;
  w.r.pos = offset;
  while (w.r.pos < offset + length) one();
  if (w.r.pos !== offset + length) throw w.error('packed values overrun their length');
  w.r.pos = after;
}

/** int32_data holds one element per entry, except 4-bit (two) and 2-bit (four) types. */
function fromInt32Field(tensor: TensorRef, ints: number[], n: number): TensorArray {
  const bits = dtypeBits(tensor.dataType);
  if (bits < 8) {
    const payload = Uint8Array.from(ints, (v) => v & 0xff);
    return fromBytes(tensor, payload.subarray(0, storageBytes(tensor.dataType, tensor.elements)));
  }
  const lut = minifloatTable(tensor.dtype);
  if (lut)
    return checkCount(
      tensor,
      Float32Array.from(ints, (v) => lut[v & 0xff]),
      n,
    );
  switch (tensor.dtype) {
    case 'float16':
      return checkCount(tensor, Float32Array.from(ints, halfToFloat), n);
    case 'bfloat16':
      return checkCount(tensor, Float32Array.from(ints, bfloat16ToFloat), n);
    case 'int8':
      return checkCount(tensor, Int8Array.from(ints), n);
    case 'uint8':
    case 'bool':
      return checkCount(tensor, Uint8Array.from(ints), n);
    case 'int16':
      return checkCount(tensor, Int16Array.from(ints), n);
    case 'uint16':
      return checkCount(tensor, Uint16Array.from(ints), n);
    default:
      return checkCount(tensor, Int32Array.from(ints), n);
  }
}

function checkCount<A extends { length: number }>(tensor: TensorRef, values: A, n: number): A {
  if (values.length !== n)
    throw new OnnxReadError(
      `tensor '${tensor.name}': ${values.length} values stored, dims [${tensor.dims.join(', ')}] need ${n}`,
    );
  return values;
}

/** External data lives next to the model; paths leaving the model's folder are refused before any file is touched. */
function readExternal(tensor: TensorRef, modelDir: string | undefined): Uint8Array {
  const s = tensor.storage;
  if (s.kind !== 'external') throw new OnnxReadError(`tensor '${tensor.name}' is not external`);
  if (modelDir === undefined)
    throw new OnnxReadError(
      `tensor '${tensor.name}': external data '${s.location}' needs the model's folder (read the model from a file)`,
    );
  const file = externalDataPath(tensor.name, s.location, modelDir);
  const size = statSync(file).size;
  const length = s.length ?? storageBytes(tensor.dataType, tensor.elements);
  if (s.offset + length > size)
    throw new OnnxReadError(
      `tensor '${tensor.name}': external data '${s.location}' has ${size} bytes, need ${length} at offset ${s.offset}`,
    );
  const out = new Uint8Array(length);
  // O_NOFOLLOW: the checked path's last component must not have been swapped for a symlink since.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    readSync(fd, out, 0, length, s.offset);
  } finally {
    closeSync(fd);
  }
  return out;
}
