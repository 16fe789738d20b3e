/** Typed reads of decoded ONNX attributes, with errors that name the attribute. */

import type { AttributeTensor, AttributeValue, TreeAttributes } from './types';

export class TreeModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TreeModelError';
  }
}

function isTensor(v: AttributeValue): v is AttributeTensor {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && 'data' in v;
}

function asNumberList(name: string, v: AttributeValue): Float64Array {
  const src = isTensor(v) ? v.data : v;
  if (typeof src === 'number' || typeof src === 'bigint') return Float64Array.of(Number(src));
  if (typeof src === 'string') throw new TreeModelError(`attribute ${name} is a string, expected numbers`);
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    if (typeof x === 'string') throw new TreeModelError(`attribute ${name} holds strings, expected numbers`);
    out[i] = Number(x);
  }
  return out;
}

/** A list of numbers (ints, floats or a tensor), or undefined when absent. */
export function numbersOrUndefined(attrs: TreeAttributes, name: string): Float64Array | undefined {
  const v = attrs[name];
  return v === undefined ? undefined : asNumberList(name, v);
}

export function numbers(attrs: TreeAttributes, name: string): Float64Array {
  const v = numbersOrUndefined(attrs, name);
  if (v === undefined) throw new TreeModelError(`attribute ${name} is missing`);
  return v;
}

/** Prefer the double-precision `_as_tensor` form when present, as the spec allows either. */
export function floatsPreferTensor(attrs: TreeAttributes, name: string): Float64Array | undefined {
  return numbersOrUndefined(attrs, `${name}_as_tensor`) ?? numbersOrUndefined(attrs, name);
}

export function int(attrs: TreeAttributes, name: string, fallback: number): number {
  const v = numbersOrUndefined(attrs, name);
  return v === undefined || v.length === 0 ? fallback : v[0];
}

export function text(attrs: TreeAttributes, name: string, fallback: string): string {
  const v = attrs[name];
  if (v === undefined) return fallback;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  throw new TreeModelError(`attribute ${name} should be a string`);
}

export function strings(attrs: TreeAttributes, name: string): string[] | undefined {
  const v = attrs[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  throw new TreeModelError(`attribute ${name} should be a list of strings`);
}

/** Check that parallel attribute lists have the same length. */
export function sameLength(what: string, lists: Record<string, ArrayLike<unknown> | undefined>): number {
  let n = -1;
  for (const [name, list] of Object.entries(lists)) {
    if (list === undefined) continue;
    if (n === -1) n = list.length;
    else if (list.length !== n) throw new TreeModelError(`${what}: ${name} has ${list.length} entries, expected ${n}`);
  }
  return Math.max(n, 0);
}
