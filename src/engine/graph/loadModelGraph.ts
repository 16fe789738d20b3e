/** Reads a model file into the graph view's source: structure, propagated shapes, weight stats on demand. */
import { readModelFile } from '../onnx/loadFile';
import { inferModelShapes } from '../onnx/shapes';
import { readTensorAsNumbers } from '../onnx/tensorValues';
import type { Dim } from '../onnx/types';
import { statsOf } from '../onnx/weightStats';
import { modelGraphSource } from './fromModel';
import type { ModelGraphSource } from './graphService';

export async function loadModelGraph(path: string): Promise<ModelGraphSource> {
  const { model, bytes } = await readModelFile(path);
  const shapes = inferModelShapes(model);
  const maps = [shapes.main, ...shapes.byGraph.values()];
  const shapeOf = (tensor: string): Dim[] | null => {
    for (const m of maps) {
      const s = m.own.get(tensor);
      if (s?.shape) return s.shape;
    }
    return null;
  };
  return modelGraphSource(model, {
    shapeOf,
    weightStats(tensor) {
      if (tensor.dtype === 'string') return {};
      try {
        const s = statsOf(readTensorAsNumbers(tensor, bytes, model.modelDir), 32);
        return {
          stats: { min: s.min, max: s.max, mean: s.mean, std: s.std, zeros: s.zeros, count: s.elements },
          histogram: s.histogram,
        };
      } catch {
        return {}; // e.g. a missing external-data file: the details say where the data should be
      }
    },
  });
}
