/** Dimension arithmetic for static shape propagation: numbers stay exact, symbols stay symbolic, unknown is null. */
import type { Dim } from './types';

export type Shape = Dim[] | null;

export function mulDims(dims: readonly Dim[]): Dim {
  let n = 1;
  let symbol: string | null = null;
  for (const d of dims) {
    if (d === null) return null;
    if (typeof d === 'string') {
      if (symbol !== null) return null;
      symbol = d;
    } else n *= d;
  }
  if (symbol === null) return n;
  return n === 1 ? symbol : n === 0 ? 0 : null;
}

export function addDims(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a === 0) return b;
  if (b === 0) return a;
  return null;
}

/** Numpy broadcasting of two dims (https://numpy.org/doc/stable/user/basics.broadcasting.html). */
function broadcastDim(a: Dim, b: Dim): Dim {
  if (a === 1) return b;
  if (b === 1) return a;
  if (a === b) return a;
  if (typeof a === 'number' && b !== null && typeof b !== 'number') return a;
  if (typeof b === 'number' && a !== null && typeof a !== 'number') return b;
  if (a === null && typeof b === 'number') return b;
  if (b === null && typeof a === 'number') return a;
  return null;
}

export function broadcast(shapes: readonly Shape[]): Shape {
  if (shapes.some((s) => s === null)) return null;
  const known = shapes as Dim[][];
  const rank = Math.max(0, ...known.map((s) => s.length));
  const out: Dim[] = [];
  for (let k = 0; k < rank; k++) {
    let d: Dim = 1;
    for (const s of known) {
      const i = s.length - rank + k;
      if (i >= 0) d = broadcastDim(d, s[i]);
    }
    out.push(d);
  }
  return out;
}

/** Normalises a possibly negative axis; null when out of range. */
export function axisOf(axis: number, rank: number): number | null {
  const a = axis < 0 ? axis + rank : axis;
  return a >= 0 && a < rank ? a : null;
}

/** Output length of a sliding window (ONNX Conv/Pool spec, with ceil_mode for pools). */
export function windowOut(
  input: Dim,
  kernel: number,
  stride: number,
  dilation: number,
  padTotal: number,
  ceil: boolean,
): Dim {
  if (typeof input !== 'number') return null;
  const span = (kernel - 1) * dilation + 1;
  const q = (input + padTotal - span) / stride;
  const out = (ceil ? Math.ceil(q) : Math.floor(q)) + 1;
  return out >= 0 ? out : null;
}

/** auto_pad SAME_*: ceil(in / stride). */
export function sameOut(input: Dim, stride: number): Dim {
  return typeof input === 'number' ? Math.ceil(input / stride) : stride === 1 ? input : null;
}
