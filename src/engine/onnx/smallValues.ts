/** Keeps the values of small numeric tensors (shape vectors, axes, scalars) on the TensorRef for shape inference. */
import { readTensorAsNumbers } from './tensorValues';
import type { Graph, TensorRef } from './types';

const SMALL = 64;

export function attachSmallValues(graph: Graph, bytes: Uint8Array, warnings: string[]): void {
  const visit = (t: TensorRef): void => {
    if (t.elements > SMALL || t.storage.kind === 'external' || t.dtype === 'string' || t.dtype.startsWith('complex'))
      return;
    try {
      t.smallValues = Array.from(readTensorAsNumbers(t, bytes));
    } catch (e) {
      warnings.push(`tensor '${t.name}': ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  graph.initializers.forEach(visit);
  for (const node of graph.nodes)
    for (const a of node.attributes) {
      if (a.type === 'tensor') visit(a.value);
      else if (a.type === 'graph') attachSmallValues(a.value, bytes, warnings);
      else if (a.type === 'graphs') a.value.forEach((g) => attachSmallValues(g, bytes, warnings));
    }
}
