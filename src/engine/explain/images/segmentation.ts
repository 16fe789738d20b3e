/**
 * The features of an image explanation per method: partition refines a grid hierarchy, kernel, lime,
 * exact and permutation use superpixels of the picture, occlusion a grid of cells under a sliding patch.
 */
import type { ImageSettings } from '../../../protocol/explainTypes';
import type { GroupedMethod } from '../grouped/explainGrouped';
import { gridHierarchy, type Hierarchy } from '../features/hierarchy';
import { occlusionDefaults, occlusionGrid, type OcclusionGrid } from '../features/occlusionGrid';
import { slic } from '../features/slic';

export type ImageMethod = GroupedMethod;

export interface Segmentation {
  segmentOfPixel: Int32Array;
  count: number;
  /** partition: the hierarchy over the segments. */
  hierarchy?: Hierarchy;
  /** occlusion: the cells and the windows over them. */
  grid?: OcclusionGrid;
}

/** Partition leaves: about this many cells at most, so the map is fine where the budget lets it refine. */
const PARTITION_LEAVES = 1024;

export function partitionLeafPixels(height: number, width: number): number {
  return Math.max(1, Math.ceil((height * width) / PARTITION_LEAVES));
}

/** Segments of one picture (RGBA at the model grid) for a method; partition's and occlusion's do not depend on it. */
export function segmentImage(
  method: ImageMethod,
  rgba: Uint8ClampedArray,
  height: number,
  width: number,
  image: ImageSettings | undefined,
): Segmentation {
  if (method === 'partition') {
    const { hierarchy, segmentOfPixel } = gridHierarchy(height, width, partitionLeafPixels(height, width));
    return { segmentOfPixel, count: hierarchy.leaves, hierarchy };
  }
  if (method === 'occlusion') {
    const defaults = occlusionDefaults(height, width);
    const grid = occlusionGrid(height, width, image?.window ?? defaults.window, image?.stride ?? defaults.stride);
    return { segmentOfPixel: grid.segmentOfPixel, count: grid.cells, grid };
  }
  const { segmentOfPixel, count } = slic(rgba, height, width, { segments: image?.segments ?? 50 });
  return { segmentOfPixel, count };
}
