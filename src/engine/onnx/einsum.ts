/**
 * Einsum equations (ONNX Einsum, numpy's notation): each index's size from the operands' shapes, and
 * the output's indices. "..." stands for the dims the letters leave, aligned from the right.
 */
import type { Dim } from './types';

export interface EinsumIndices {
  /** Every index's size: letters, and ".k" for the k-th dim from the right inside "...". */
  sizes: Map<string, Dim>;
  /** The output's indices, in order. */
  output: string[];
  operands: number;
}

export function parseEinsum(equation: string, shapes: readonly (readonly Dim[] | null)[]): EinsumIndices | null {
  const [lhs, rhs] = equation.replace(/\s+/g, '').split('->');
  const terms = lhs.split(',');
  if (terms.length !== shapes.length) return null;
  const sizes = new Map<string, Dim>();
  let widestEllipsis = 0;
  const counts = new Map<string, number>();
  for (let t = 0; t < terms.length; t++) {
    const dims = shapes[t];
    if (!dims) return null;
    const names = expand(terms[t], dims.length);
    if (!names) return null;
    widestEllipsis = Math.max(widestEllipsis, names.filter((n) => n.startsWith('.')).length);
    names.forEach((name, axis) => {
      const known = sizes.get(name);
      // A broadcast dim of 1 gives way to the other operand's size.
      if (known === undefined || known === 1) sizes.set(name, dims[axis]);
      if (!name.startsWith('.')) counts.set(name, (counts.get(name) ?? 0) + 1);
    });
  }
  const ellipsisNames = Array.from({ length: widestEllipsis }, (_, i) => `.${widestEllipsis - i}`);
  let output: string[];
  if (rhs === undefined) {
    const once = [...counts].filter(([, n]) => n === 1).map(([name]) => name);
    output = [...ellipsisNames, ...once.sort()];
  } else {
    const [before, after = ''] = rhs.includes('...') ? rhs.split('...') : [rhs];
    output = [...before, ...(rhs.includes('...') ? ellipsisNames : []), ...after];
  }
  if (output.some((name) => !sizes.has(name))) return null;
  return { sizes, output, operands: terms.length };
}

function expand(term: string, rank: number): string[] | null {
  const hasEllipsis = term.includes('...');
  const letters = term.replace('...', '');
  const ellipsis = rank - letters.length;
  if (ellipsis < 0 || (ellipsis > 0 && !hasEllipsis)) return null;
  const [before, after = ''] = hasEllipsis ? term.split('...') : [term];
  return [...before, ...Array.from({ length: ellipsis }, (_, i) => `.${ellipsis - i}`), ...after];
}
