/** Decoding of 16-, 8- and 4-bit float formats to float32 (IEEE 754-2008; OCP FP8 and MX v1.0 specs). */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits -> number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const man = h & 0x3ff;
  if (exp === 0) return sign * man * 2 ** -24;
  if (exp === 31) return man ? NaN : sign * Infinity;
  return sign * (1 + man / 1024) * 2 ** (exp - 15);
}

/** bfloat16 bits are the upper half of a float32. */
export function bfloat16ToFloat(b: number): number {
  u32[0] = (b & 0xffff) << 16;
  return f32[0];
}

type Special = 'ieee' | 'fn' | 'fnuz' | 'finite';

/** Table of the 2^(1+e+m) values of a small float with e exponent bits, m mantissa bits. */
function table(e: number, m: number, bias: number, special: Special): Float32Array {
  const size = 1 << (1 + e + m);
  const out = new Float32Array(size);
  const expMax = (1 << e) - 1;
  const manMax = (1 << m) - 1;
  for (let bits = 0; bits < size; bits++) {
    const sign = bits >> (e + m) ? -1 : 1;
    const exp = (bits >> m) & expMax;
    const man = bits & manMax;
    let v = exp === 0 ? man * 2 ** (1 - bias - m) : (1 + man / (1 << m)) * 2 ** (exp - bias);
    if (special === 'ieee' && exp === expMax) v = man ? NaN : Infinity;
    if (special === 'fn' && exp === expMax && man === manMax) v = NaN;
    out[bits] = sign * v;
    if (special === 'fnuz' && bits === size >> 1) out[bits] = NaN; // the "negative zero" pattern is NaN
  }
  return out;
}

const tables = new Map<string, Float32Array>();

function cached(key: string, make: () => Float32Array): Float32Array {
  let t = tables.get(key);
  if (!t) tables.set(key, (t = make()));
  return t;
}

/** Lookup table from the stored bits to values for an 8- or 4-bit float dtype. */
export function minifloatTable(dtype: string): Float32Array | undefined {
  switch (dtype) {
    case 'float8e4m3fn':
      return cached(dtype, () => table(4, 3, 7, 'fn'));
    case 'float8e4m3fnuz':
      return cached(dtype, () => table(4, 3, 8, 'fnuz'));
    case 'float8e5m2':
      return cached(dtype, () => table(5, 2, 15, 'ieee'));
    case 'float8e5m2fnuz':
      return cached(dtype, () => table(5, 2, 16, 'fnuz'));
    case 'float4e2m1':
      return cached(dtype, () => table(2, 1, 1, 'finite'));
    case 'float8e8m0':
      return cached(dtype, () => Float32Array.from({ length: 256 }, (_, b) => (b === 255 ? NaN : 2 ** (b - 127))));
    default:
      return undefined;
  }
}
