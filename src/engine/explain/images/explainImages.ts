/**
 * Image attributions on the one engine: each picture's segments are feature groups, the masker gives
 * each row its background (a blurred copy, a grey, or background images), and the same value function
 * and explainers as tables compute the values; maps, targets and faithfulness curves come after.
 */
import type { Attribution, FaithfulnessCurves } from '../../../protocol/attributionTypes';
import type { ImageSettings } from '../../../protocol/explainTypes';
import type { BatchModel, CancelToken } from '../batchModel';
import { BatchEvaluator } from '../evaluator';
import { faithfulnessCurves } from '../faithfulness';
import { maskedBackground, type ImageMasker } from '../features/imageMaskers';
import { pixelGroups, segmentSizes, spreadOverPixels, type PixelGrid } from '../features/pixelGroups';
import { LIME_IMAGE, limeBinary } from '../lime/limeBinary';
import { occlusionExplainer } from '../occlusion/occlusion';
import { partitionExplainer } from '../partition/partition';
import { seededRandom } from '../random';
import { valueFunction, type BackgroundSet, type FeatureGroups, type ValueFunction } from '../shapley/coalitionValues';
import { exactExplainer } from '../shapley/exact';
import { kernelExplainer } from '../shapley/kernel';
import { linkValue, type Link } from '../shapley/link';
import { permutationExplainer } from '../shapley/permutation';
import type { GroupValues, RowProblem } from '../shapley/types';
import { segmentImage, type ImageMethod, type Segmentation } from './segmentation';
import { chooseTargets } from './targets';

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
  pooledValues?: (
    background: BackgroundSet,
    groups: FeatureGroups,
    link: Link,
    onRows: (rows: number) => void,
  ) => Promise<ValueFunction & { dispose?(): void }>;
}

export async function explainImages(input: ExplainImagesInput): Promise<Attribution> {
  const t0 = performance.now();
  const { model, grid } = input;
  const c = model.columns;
  const d = model.features;
  const n = input.files.length;
  const link = input.link ?? 'identity';
  const evaluator = new BatchEvaluator(model, {
    cancel: input.cancel,
    onRows: (done) => input.progress?.(done, input.plannedEvaluations),
  });
  const predictions = await evaluator.evaluateRows(input.rows, n);
  const attribution: Attribution = {
    kind: 'image',
    method: input.method,
    output: input.outputName,
    output_columns: input.columnNames,
    feature_names: [],
    rows: [],
    feature_values: [],
    values: [],
    base_values: new Array<number>(c).fill(0),
    row_base_values: [],
    predictions: [],
    evaluations: 0,
    seconds: 0,
    link,
    image: { height: grid.height, width: grid.width },
    files: [],
    segments: [],
    targets: [],
    pixel_values: [],
    segment_map: [],
    faithfulness: [],
    ...(input.method === 'lime' ? { intercept: [], local_prediction: [], score: [] } : {}),
  };
  const seed = input.seed ?? 0;
  for (let r = 0; r < n; r++) {
    const x = input.rows.subarray(r * d, (r + 1) * d);
    const fx = Float64Array.from(predictions.subarray(r * c, (r + 1) * c), (v) => linkValue(v, link));
    const targets = chooseTargets(predictions.subarray(r * c, (r + 1) * c), input.columnNames, {
      classes: input.classes,
      targetClass: input.targetClass,
    });
    const seg = segmentImage(input.method, input.pixels[r], grid.height, grid.width, input.image);
    const groups = pixelGroups(seg.segmentOfPixel, seg.count, grid);
    const background = maskedBackground(input.masker, x, grid);
    const vf = input.pooledValues
      ? await input.pooledValues(background, groups, link, (rows) => evaluator.countRows(rows))
      : valueFunction(evaluator, background, groups, link);
    try {
      const empty = await vf.values(x, new Uint8Array(seg.count), 1);
      const problem: RowProblem = { vf, x, full: fx, empty, random: seededRandom(seed) };
      const sizes = segmentSizes(seg.segmentOfPixel, seg.count);
      const partialRow = (phi: GroupValues) => {
        if (!input.onPartial) return;
        const draft = structuredClone(attribution);
        appendRow(draft, r, phi, empty, predictions, targets, seg, sizes);
        input.onPartial(draft);
      };
      const result = await explainRow(input, seg, problem, targets, partialRow);
      appendRow(attribution, r, result.phi, empty, predictions, targets, seg, sizes);
      if (result.lime) {
        attribution.intercept!.push(Array.from(result.lime.intercept));
        attribution.local_prediction!.push(Array.from(result.lime.localPrediction));
        attribution.score!.push(Array.from(result.lime.score));
      }
      const curves: FaithfulnessCurves[] = [];
      for (const t of targets) {
        const values = Float64Array.from({ length: seg.count }, (_, s) => result.phi[s * c + t]);
        curves.push(
          await faithfulnessCurves(problem, values, t, sizes, { random: seededRandom((seed * 7919 + r) >>> 0) }),
        );
      }
      attribution.faithfulness!.push(curves);
    } finally {
      (vf as { dispose?(): void }).dispose?.();
    }
    attribution.rows.push(input.rowIndices[r]);
    attribution.files!.push(input.files[r]);
    attribution.evaluations = evaluator.evaluations;
    attribution.seconds = (performance.now() - t0) / 1000;
    // The base of a Shapley map is the fully masked picture's output; base_values is their mean over rows.
    attribution.base_values = meanOver(attribution.row_base_values!, c);
    input.onPartial?.(structuredClone(attribution));
  }
  return attribution;
}

async function explainRow(
  input: ExplainImagesInput,
  seg: Segmentation,
  problem: RowProblem,
  targets: number[],
  partialRow: (phi: GroupValues) => void,
): Promise<{ phi: GroupValues; lime?: Awaited<ReturnType<typeof limeBinary>> }> {
  const random = seededRandom(input.seed ?? 0);
  switch (input.method) {
    case 'partition': {
      let last = 0;
      const explain = partitionExplainer(seg.hierarchy!, {
        budget: input.samples,
        priorityColumns: targets,
        onRefine: (values) => {
          // Coarse maps go out while the row refines, at most every 250 ms.
          const now = performance.now();
          if (now - last < 250) return;
          last = now;
          partialRow(values);
        },
      });
      return { phi: await explain(problem) };
    }
    case 'kernel':
      return { phi: await kernelExplainer(seg.count, random, { budget: input.samples })(problem) };
    case 'permutation':
      return { phi: await permutationExplainer(seg.count, random, input.samples)(problem) };
    case 'exact':
      return { phi: await exactExplainer(seg.count)(problem) };
    case 'occlusion':
      return { phi: await occlusionExplainer(seg.grid!)(problem) };
    case 'lime': {
      const lime = await limeBinary(problem, {
        samples: input.samples ?? LIME_IMAGE.samples,
        kernelWidth: LIME_IMAGE.kernelWidth,
        distance: 'cosine',
        sampling: 'coin',
        random: seededRandom(((input.seed ?? 0) * 1_000_003 + problem.x.length) >>> 0),
      });
      return { phi: lime.weights, lime };
    }
  }
}

function appendRow(
  a: Attribution,
  r: number,
  phi: GroupValues,
  empty: Float64Array,
  predictions: Float64Array,
  targets: number[],
  seg: Segmentation,
  sizes: Int32Array,
): void {
  const c = empty.length;
  a.predictions.push(Array.from(predictions.subarray(r * c, (r + 1) * c)));
  a.row_base_values!.push(Array.from(empty));
  a.feature_values.push([]);
  a.targets!.push(targets);
  a.segments!.push(seg.count);
  a.segment_map!.push(Array.from(seg.segmentOfPixel));
  a.values.push(Array.from({ length: seg.count }, (_, s) => targets.map((t) => phi[s * c + t])));
  a.pixel_values!.push(
    targets.map((t) =>
      Array.from(
        spreadOverPixels(
          Float64Array.from({ length: seg.count }, (_, s) => phi[s * c + t]),
          seg.segmentOfPixel,
          sizes,
        ),
      ),
    ),
  );
}

function meanOver(rows: number[][], c: number): number[] {
  const mean = new Array<number>(c).fill(0);
  for (const row of rows) for (let j = 0; j < c; j++) mean[j] += row[j] / rows.length;
  return mean;
}
