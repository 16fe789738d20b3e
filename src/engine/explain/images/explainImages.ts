/**
 * Image attributions: each picture's segments are the feature groups and the masker gives each row its
 * background; the grouped engine computes the values, and this file lays them out as maps over the grid.
 */
import type { Attribution } from '../../../protocol/attributionTypes';
import type { ImageSettings } from '../../../protocol/explainTypes';
import { maskedBackground, type ImageMasker } from '../features/imageMaskers';
import { pixelGroups, segmentSizes, spreadOverPixels, type PixelGrid } from '../features/pixelGroups';
import { targetColumn, type GroupedRowResult, type RowFeatures } from '../grouped/explainGrouped';
import { explainKindRows } from '../grouped/explainKind';
import type { GroupedRun } from '../grouped/groupedRun';
import { LIME_IMAGE } from '../lime/limeBinary';
import { segmentImage, type ImageMethod } from './segmentation';

export interface ExplainImagesInput extends GroupedRun {
  method: ImageMethod;
  grid: PixelGrid;
  /** The preprocessed rows (model-input tensors) and the pictures as the user sees them (RGBA at the grid). */
  rows: Float64Array;
  pixels: Uint8ClampedArray[];
  files: string[];
  masker: ImageMasker;
  image?: ImageSettings;
}

export async function explainImages(input: ExplainImagesInput): Promise<Attribution> {
  const { grid } = input;
  const segmentMaps: Int32Array[] = [];
  const features = (r: number, x: Float64Array): RowFeatures => {
    const seg = segmentImage(input.method, input.pixels[r], grid.height, grid.width, input.image);
    segmentMaps[r] = seg.segmentOfPixel;
    return {
      groups: pixelGroups(seg.segmentOfPixel, seg.count, grid),
      background: maskedBackground(input.masker, x, grid),
      sizes: segmentSizes(seg.segmentOfPixel, seg.count),
      hierarchy: seg.hierarchy,
      occlusion: seg.grid,
    };
  };
  return explainKindRows(input, {
    kind: 'image',
    rows: input.rows,
    count: input.files.length,
    features,
    lime: LIME_IMAGE,
    fields: {
      image: { height: grid.height, width: grid.width },
      files: [],
      segments: [],
      pixel_values: [],
      segment_map: [],
    },
    appendRow: (a, row) => appendRow(a, input, row, segmentMaps[row.position]),
  });
}

/** One row's values for its targets, spread over the pixels of each segment. */
function appendRow(a: Attribution, input: ExplainImagesInput, row: GroupedRowResult, segmentOfPixel: Int32Array): void {
  a.files!.push(input.files[row.position]);
  a.segments!.push(row.features.groups.count);
  a.segment_map!.push(Array.from(segmentOfPixel));
  a.pixel_values!.push(
    row.targets.map((t) => Array.from(spreadOverPixels(targetColumn(row, t), segmentOfPixel, row.features.sizes))),
  );
}
