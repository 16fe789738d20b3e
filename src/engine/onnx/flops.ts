/**
 * Multiply-accumulate counts for the compute-heavy ops from their shapes (the usual convention:
 * FLOPs = 2 x MACs; bias adds and activations are not counted). Symbolic dims count as 1.
 */
import { attrInt, attribute } from './attributes';
import { parseEinsum } from './einsum';
import type { ShapeMap } from './shapes';
import type { Dim, Node } from './types';

export const FLOP_OPS = new Set([
  'Conv',
  'ConvInteger',
  'QLinearConv',
  'ConvTranspose',
  'Gemm',
  'MatMul',
  'MatMulInteger',
  'QLinearMatMul',
  'LSTM',
  'GRU',
  'RNN',
  'Einsum',
]);

/** Product of dims with symbols as 1 (each noted in `symbols`); null when any dim is unknown. */
export function product(dims: readonly Dim[] | null | undefined, symbols: Set<string>): number | null {
  if (!dims) return null;
  let n = 1;
  for (const d of dims) {
    if (d === null) return null;
    if (typeof d === 'string') symbols.add(d);
    else n *= d;
  }
  return n;
}

/** MACs of one node, or null when its shapes are not known well enough. */
export function nodeMacs(node: Node, shapes: ShapeMap, symbols: Set<string>): number | null {
  const shape = (i: number) => (node.inputs[i] ? (shapes.get(node.inputs[i])?.shape ?? null) : null);
  const out = (i: number) => (node.outputs[i] ? (shapes.get(node.outputs[i])?.shape ?? null) : null);
  switch (node.op) {
    case 'Conv':
    case 'ConvInteger': {
      const w = shape(1);
      const o = product(out(0), symbols);
      const k = w ? product(w.slice(1), symbols) : null;
      return o !== null && k !== null ? o * k : null;
    }
    case 'QLinearConv': {
      const w = shape(3);
      const o = product(out(0), symbols);
      const k = w ? product(w.slice(1), symbols) : null;
      return o !== null && k !== null ? o * k : null;
    }
    case 'ConvTranspose': {
      const x = product(shape(0), symbols);
      const w = shape(1);
      const k = w ? product(w.slice(1), symbols) : null;
      return x !== null && k !== null ? x * k : null;
    }
    case 'Gemm': {
      const a = shape(0);
      const o = product(out(0), symbols);
      const k = a && a.length === 2 ? product([a[attrInt(node, 'transA', 0) ? 0 : 1]], symbols) : null;
      return o !== null && k !== null ? o * k : null;
    }
    case 'MatMul':
    case 'MatMulInteger':
    case 'QLinearMatMul': {
      const a = shape(0);
      const o = product(out(0), symbols);
      const k = a && a.length > 0 ? product([a[a.length - 1]], symbols) : null;
      return o !== null && k !== null ? o * k : null;
    }
    case 'LSTM':
    case 'GRU':
    case 'RNN':
      return recurrentMacs(node, shape(0), symbols);
    case 'Einsum':
      return einsumMacs(
        node,
        node.inputs.map((_, i) => shape(i)),
        symbols,
      );
    default:
      return null;
  }
}

/** Gates x hidden x (input + hidden) per step, per direction (LSTM 4 gates, GRU 3, RNN 1). */
function recurrentMacs(node: Node, x: Dim[] | null, symbols: Set<string>): number | null {
  const hidden = attrInt(node, 'hidden_size', 0);
  const steps = x && x.length === 3 ? product(x, symbols) : null;
  if (!hidden || steps === null || !x) return null;
  const input = x[2];
  if (typeof input !== 'number') return null;
  const gates = node.op === 'LSTM' ? 4 : node.op === 'GRU' ? 3 : 1;
  const dir = attribute(node, 'direction');
  const dirs = dir?.type === 'string' && dir.value === 'bidirectional' ? 2 : 1;
  return (steps / input) * dirs * gates * hidden * (input + hidden);
}

/**
 * A contraction of two or more operands multiplies once per combination of all its indices: the
 * product of every distinct index's size. One operand (a transpose, trace or sum) multiplies nothing.
 */
function einsumMacs(node: Node, shapes: (Dim[] | null)[], symbols: Set<string>): number | null {
  const eq = attribute(node, 'equation');
  if (eq?.type !== 'string') return null;
  const parsed = parseEinsum(eq.value, shapes);
  if (!parsed) return null;
  return parsed.operands < 2 ? 0 : product([...parsed.sizes.values()], symbols);
}
