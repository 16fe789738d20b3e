/**
 * Image attributions: each picture's segments are the feature groups and the masker gives each row its
 * background; the grouped engine computes the values, and this file lays them out as maps over the grid.
 */
import type { Attribution } from '../../../protocol/attributionTypes';
import type { ImageSettings } from '../../../protocol/explainTypes';
import type { BatchModel, CancelToken } from '../batchModel';
import { maskedBackground, type ImageMasker } from '../features/imageMaskers';
import { pixelGroups, segmentSizes, spreadOverPixels, type PixelGrid } from '../features/pixelGroups';
import {
  appendGroupedRow,
  explainInto,
  targetColumn,
  type GroupedRowResult,
  type RowFeatures,
} from '../grouped/explainGrouped';
import { LIME_IMAGE } from '../lime/limeBinary';
import type { BackgroundSet, FeatureGroups, ValueFunction } from '../shapley/coalitionValues';
import type { Link } from '../shapley/link';
import { segmentImage, type ImageMethod } from './segmentation';

export interface ExplainImagesInput {
  model: BatchModel;
  method: ImageMethod;
  outputName: string;
  columnNames: string[];
  grid: PixelGrid;
  /** The preprocessed rows (model-input tensors) and the pictures as the user sees them (RGBA at the grid). */
  rows: Float64Array;
  pixels: Uint8ClampedArray[];
  files: string[];
  rowIndices: number[];
  masker: ImageMasker;
  image?: ImageSettings;
  classes?: number;
  targetClass?: string | number;
  /** Coalitions per row: partition's budget, kernel's coalitions, permutations, or LIME's samples. */
  samples?: number;
  seed?: number;
  link?: Link;
  cancel?: CancelToken;
  progress?: (done: number, total: number) => void;
  /** Model rows the whole run is planned to take (for progress). */
  plannedEvaluations: number;
  onPartial?: (attribution: Attribution) => void;
  rowsInFlight?: number;
  pooledValues?: (
    background: BackgroundSet,
    groups: FeatureGroups,
    link: Link,
    onRows: (rows: number) => void,
  ) => Promise<ValueFunction & { dispose?(): void }>;
}

export async function explainImages(input: ExplainImagesInput): Promise<Attribution> {
  const { model, grid } = input;
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
  return explainInto(
    emptyImageAttribution(input),
    (a, row) => appendRow(a, input, row, segmentMaps[row.position]),
    {
      model,
      method: input.method,
      columnNames: input.columnNames,
      rows: input.rows,
      count: input.files.length,
      features,
      classes: input.classes,
      targetClass: input.targetClass,
      samples: input.samples,
      lime: LIME_IMAGE,
      seed: input.seed,
      link: input.link,
      cancel: input.cancel,
      onRows: (done) => input.progress?.(done, input.plannedEvaluations),
      pooledValues: input.pooledValues,
      rowsInFlight: input.rowsInFlight,
    },
    input.onPartial,
  );
}

function emptyImageAttribution(input: ExplainImagesInput): Attribution {
  return {
    kind: 'image',
    method: input.method,
    output: input.outputName,
    output_columns: input.columnNames,
    feature_names: [],
    rows: [],
    feature_values: [],
    values: [],
    base_values: new Array<number>(input.model.columns).fill(0),
    row_base_values: [],
    predictions: [],
    evaluations: 0,
    seconds: 0,
    link: input.link ?? 'identity',
    image: { height: input.grid.height, width: input.grid.width },
    files: [],
    segments: [],
    targets: [],
    pixel_values: [],
    segment_map: [],
    faithfulness: [],
    ...(input.method === 'lime' ? { intercept: [], local_prediction: [], score: [] } : {}),
  };
}

/** One row's values for its targets, spread over the pixels of each segment. */
function appendRow(a: Attribution, input: ExplainImagesInput, row: GroupedRowResult, segmentOfPixel: Int32Array): void {
  appendGroupedRow(a, row, input.rowIndices[row.position]);
  a.files!.push(input.files[row.position]);
  a.segments!.push(row.features.groups.count);
  a.segment_map!.push(Array.from(segmentOfPixel));
  a.pixel_values!.push(
    row.targets.map((t) => Array.from(spreadOverPixels(targetColumn(row, t), segmentOfPixel, row.features.sizes))),
  );
}
