/** ONNX element types: names, widths, and which typed TensorProto field holds them. */
import type { DtypeName, TypedDataField } from './types';

interface DtypeEntry {
  name: DtypeName;
  /** Bits per element (0 for strings, whose size is not fixed). */
  bits: number;
  /** The typed field that holds values when raw_data is not used. */
  field: TypedDataField;
}

const TABLE: (DtypeEntry | undefined)[] = [
  { name: 'undefined', bits: 0, field: 'int32_data' },
  { name: 'float32', bits: 32, field: 'float_data' },
  { name: 'uint8', bits: 8, field: 'int32_data' },
  { name: 'int8', bits: 8, field: 'int32_data' },
  { name: 'uint16', bits: 16, field: 'int32_data' },
  { name: 'int16', bits: 16, field: 'int32_data' },
  { name: 'int32', bits: 32, field: 'int32_data' },
  { name: 'int64', bits: 64, field: 'int64_data' },
  { name: 'string', bits: 0, field: 'string_data' },
  { name: 'bool', bits: 8, field: 'int32_data' },
  { name: 'float16', bits: 16, field: 'int32_data' },
  { name: 'float64', bits: 64, field: 'double_data' },
  { name: 'uint32', bits: 32, field: 'uint64_data' },
  { name: 'uint64', bits: 64, field: 'uint64_data' },
  { name: 'complex64', bits: 64, field: 'float_data' },
  { name: 'complex128', bits: 128, field: 'double_data' },
  { name: 'bfloat16', bits: 16, field: 'int32_data' },
  { name: 'float8e4m3fn', bits: 8, field: 'int32_data' },
  { name: 'float8e4m3fnuz', bits: 8, field: 'int32_data' },
  { name: 'float8e5m2', bits: 8, field: 'int32_data' },
  { name: 'float8e5m2fnuz', bits: 8, field: 'int32_data' },
  { name: 'uint4', bits: 4, field: 'int32_data' },
  { name: 'int4', bits: 4, field: 'int32_data' },
  { name: 'float4e2m1', bits: 4, field: 'int32_data' },
  { name: 'float8e8m0', bits: 8, field: 'int32_data' },
  { name: 'uint2', bits: 2, field: 'int32_data' },
  { name: 'int2', bits: 2, field: 'int32_data' },
];

export function dtypeName(dataType: number): DtypeName {
  return TABLE[dataType]?.name ?? `unknown(${dataType})`;
}

export function dtypeBits(dataType: number): number {
  return TABLE[dataType]?.bits ?? 0;
}

export function dtypeField(dataType: number): TypedDataField | undefined {
  return TABLE[dataType]?.field;
}

/** Bytes for `elements` values packed at the type's width (sub-byte types round up). */
export function storageBytes(dataType: number, elements: number): number {
  return Math.ceil((elements * dtypeBits(dataType)) / 8);
}

/** Short display name as exporters and papers write it: fp32, fp16, bf16, int8... */
export function shortDtype(name: DtypeName): string {
  const map: Partial<Record<DtypeName, string>> = {
    float32: 'fp32',
    float16: 'fp16',
    float64: 'fp64',
    bfloat16: 'bf16',
    float8e4m3fn: 'fp8e4m3',
    float8e5m2: 'fp8e5m2',
    float4e2m1: 'fp4',
  };
  return map[name] ?? name;
}

export function isFloatDtype(name: DtypeName): boolean {
  return /^(float|bfloat|complex)/.test(name);
}
