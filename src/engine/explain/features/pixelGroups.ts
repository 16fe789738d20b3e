/**
 * Image features as groups of input elements: a segment of pixels (a superpixel, a cell of the
 * partition grid, an occlusion cell) covers each of its pixels in every channel of the model's layout.
 */
import type { FeatureGroups } from '../shapley/coalitionValues';

/** The model-input grid of an image input, with its sizes fixed. */
export interface PixelGrid {
  layout: 'NCHW' | 'NHWC';
  channels: number;
  height: number;
  width: number;
}

export function gridElements(grid: PixelGrid): number {
  return grid.channels * grid.height * grid.width;
}

/** The element of pixel p (row-major over height x width) in channel ch. */
export function elementOf(grid: PixelGrid, p: number, ch: number): number {
  return grid.layout === 'NCHW' ? ch * grid.height * grid.width + p : p * grid.channels + ch;
}

/** Groups of a row's elements from a map of pixels to segments (0..count-1). */
export function pixelGroups(segmentOfPixel: Int32Array, count: number, grid: PixelGrid): FeatureGroups {
  const pixels = grid.height * grid.width;
  if (segmentOfPixel.length !== pixels) {
    throw new Error(`a segment map of ${segmentOfPixel.length} pixels for a ${grid.height}x${grid.width} input`);
  }
  const groupOf = new Int32Array(gridElements(grid));
  for (let p = 0; p < pixels; p++) {
    for (let ch = 0; ch < grid.channels; ch++) groupOf[elementOf(grid, p, ch)] = segmentOfPixel[p];
  }
  return { count, groupOf };
}

/** Pixels in each segment. */
export function segmentSizes(segmentOfPixel: Int32Array, count: number): Int32Array {
  const sizes = new Int32Array(count);
  for (const s of segmentOfPixel) sizes[s]++;
  return sizes;
}

/** A segment's value spread evenly over its pixels, so the map sums to the segment values. */
export function spreadOverPixels(
  values: ArrayLike<number>,
  segmentOfPixel: Int32Array,
  sizes: Int32Array,
): Float64Array {
  const map = new Float64Array(segmentOfPixel.length);
  for (let p = 0; p < map.length; p++) {
    const s = segmentOfPixel[p];
    map[p] = values[s] / sizes[s];
  }
  return map;
}
