/**
 * A model's free input dimensions given sizes (the Overview's free-dimension fields), so shapes, and FLOPs
 * from them, are computed for those sizes instead of counting every symbol as 1.
 */
import { dimKey } from '../../protocol/modelTypes';
import type { FreeDimSizes } from '../../protocol/modelTypes';
import type { Dim, ModelGraph, ValueInfo } from './types';

export type { FreeDimSizes };

/** The model with its graph inputs' free dims set, and which dims were set to what. */
export function withFreeDimSizes(
  model: ModelGraph,
  sizes: FreeDimSizes,
): { model: ModelGraph; assumed: Record<string, number> } {
  const assumed: Record<string, number> = {};
  const initializers = new Set(model.graph.initializers.map((t) => t.name));
  const sized = (v: ValueInfo): ValueInfo => {
    const type = v.type;
    if (initializers.has(v.name) || type?.kind !== 'tensor' || !type.shape) return v;
    const shape: Dim[] = type.shape.map((d, axis) => {
      if (typeof d === 'number') return d;
      const key = dimKey(v.name, axis, d ?? '');
      const size = sizes.dimSizes?.[key] ?? sizes.defaultDimSize;
      assumed[key] = size;
      return size;
    });
    return { ...v, type: { ...type, shape } };
  };
  return { model: { ...model, graph: { ...model.graph, inputs: model.graph.inputs.map(sized) } }, assumed };
}
