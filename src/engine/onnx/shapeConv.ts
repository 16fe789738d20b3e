/** Shape rules for convolution and pooling (ONNX operator spec: Conv, ConvTranspose, *Pool). */
import { attrInt, attrInts, attrString } from './attributes';
import { mulDims, sameOut, windowOut, type Shape } from './shapeMath';
import type { Dim, Node } from './types';

function spatialParams(node: Node, spatial: number, kernel: number[]) {
  const strides = attrInts(node, 'strides') ?? Array(spatial).fill(1);
  const dilations = attrInts(node, 'dilations') ?? Array(spatial).fill(1);
  const pads = attrInts(node, 'pads') ?? Array(2 * spatial).fill(0);
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  return { strides, dilations, pads, autoPad, kernel };
}

/** Output spatial dims of Conv and pools. */
function windowed(node: Node, input: Dim[], kernel: number[], ceil: boolean): Dim[] {
  const spatial = input.length - 2;
  const p = spatialParams(node, spatial, kernel);
  return input.slice(2).map((d, i) => {
    if (p.autoPad === 'SAME_UPPER' || p.autoPad === 'SAME_LOWER') return sameOut(d, p.strides[i] ?? 1);
    const pad = p.autoPad === 'VALID' ? 0 : (p.pads[i] ?? 0) + (p.pads[i + spatial] ?? 0);
    return windowOut(d, p.kernel[i] ?? 1, p.strides[i] ?? 1, p.dilations[i] ?? 1, pad, ceil);
  });
}

export function convShape(node: Node, x: Shape, w: Shape): Shape {
  if (!x || x.length < 3) return null;
  const kernel = attrInts(node, 'kernel_shape') ?? (w ? (w.slice(2) as number[]) : []);
  if (kernel.some((k) => typeof k !== 'number')) return [x[0], w?.[0] ?? null, ...x.slice(2).map(() => null)];
  return [x[0], w?.[0] ?? null, ...windowed(node, x, kernel, false)];
}

export function convTransposeShape(node: Node, x: Shape, w: Shape): Shape {
  if (!x || x.length < 3) return null;
  const group = attrInt(node, 'group', 1);
  const channels = w && typeof w[1] === 'number' ? w[1] * group : null;
  const explicit = attrInts(node, 'output_shape');
  const spatial = x.length - 2;
  if (explicit) return [x[0], channels, ...explicit.slice(-spatial)];
  const kernel = attrInts(node, 'kernel_shape') ?? (w ? (w.slice(2) as number[]) : []);
  const p = spatialParams(node, spatial, kernel);
  const outPad = attrInts(node, 'output_padding') ?? Array(spatial).fill(0);
  const dims = x.slice(2).map((d, i) => {
    const s = p.strides[i] ?? 1;
    if (typeof d !== 'number' || typeof kernel[i] !== 'number') return null;
    if (p.autoPad === 'SAME_UPPER' || p.autoPad === 'SAME_LOWER') return d * s;
    const pad = p.autoPad === 'VALID' ? 0 : (p.pads[i] ?? 0) + (p.pads[i + spatial] ?? 0);
    return s * (d - 1) + (outPad[i] ?? 0) + ((kernel[i] - 1) * (p.dilations[i] ?? 1) + 1) - pad;
  });
  return [x[0], channels, ...dims];
}

export function poolShape(node: Node, x: Shape): Shape {
  if (!x || x.length < 3) return null;
  const kernel = attrInts(node, 'kernel_shape');
  if (!kernel) return null;
  return [x[0], x[1], ...windowed(node, x, kernel, attrInt(node, 'ceil_mode', 0) === 1)];
}

export function globalPoolShape(x: Shape): Shape {
  return x && x.length >= 2 ? [x[0], x[1], ...x.slice(2).map(() => 1)] : null;
}

/** Elements of a conv kernel window per output element (C_in/group * prod(kernel)). */
export function kernelVolume(w: Shape): Dim {
  return w ? mulDims(w.slice(1)) : null;
}
