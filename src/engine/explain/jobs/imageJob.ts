/**
 * An image explanation run from a user's settings, shared by the worker (the panel) and the CLI:
 * the plan with its model rows and ETA before anything long starts, then the maps row by row.
 */
import type { ExplainPlanInfo, ExplainSettings } from '../../../protocol/explainTypes';
import { backendModel, modelNotes, type ExplainedModel } from '../backendModel';
import { explainImages } from '../images/explainImages';
import { segmentImage, type ImageMethod, type Segmentation } from '../images/segmentation';
import { partitionEvaluations } from '../partition/partition';
import { defaultKernelBudget } from '../shapley/kernelPlan';
import { exactCoalitionCount } from '../shapley/exact';
import { defaultPermutations } from '../shapley/permutation';
import { LIME_IMAGE } from '../lime/limeBinary';
import { imageClassNames, imagePreviews, prepareImages, type ImageInput, type PreparedImages } from './imageData';
import { groupedRun } from '../grouped/groupedRun';
import { groupedJob, groupedOutcome, groupedPlanInfo, rowsPerSecondOn, scoredModel } from './groupedJob';
import type { JobEnvironment, ModelFile } from './jobData';
import type { PixelGrid } from '../features/pixelGroups';

/** The image input's dims after the batch axis at the preprocessed size (fixing a free height and width). */
function gridDims(g: PixelGrid): number[] {
  return g.layout === 'NCHW' ? [g.channels, g.height, g.width] : [g.height, g.width, g.channels];
}

const DEFAULT_BUDGET = 500;

export function imageMethodOf(settings: ExplainSettings, fileName: string): ImageMethod {
  const m = settings.method;
  if (m === 'auto') return 'partition';
  if (m === 'tree')
    throw new Error(
      `${fileName}: the tree method reads tree ensembles; an image model is explained with partition, kernel, lime or occlusion`,
    );
  return m;
}

const IMAGE_TARGETS =
  'an element, a region or the predicted class (--target element:I | region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] | predicted)';

/** Coalitions per row for a method over `segments` features, plus the faithfulness curves of each target. */
export function perRowCoalitions(
  method: ImageMethod,
  seg: Segmentation,
  samples: number | undefined,
  targets: number,
): number {
  const segments = seg.count;
  const steps = Math.min(segments, 20);
  // Deletion and insertion curves, in the map's order and three random orders.
  const curves = targets * 8 * steps;
  const one = 1; // the fully masked picture
  switch (method) {
    case 'partition':
      return one + curves + partitionEvaluations(seg.hierarchy!, samples ?? DEFAULT_BUDGET);
    case 'kernel':
      return one + curves + Math.min(samples ?? defaultKernelBudget(segments), exactCoalitionCount(segments));
    case 'permutation':
      return one + curves + 2 * Math.ceil((samples ?? defaultPermutations(segments)) / 2) * (segments - 1);
    case 'exact':
      return one + curves + exactCoalitionCount(segments);
    case 'lime':
      return one + curves + (samples ?? LIME_IMAGE.samples);
    case 'occlusion':
      return one + curves + (seg.grid?.windows.length ?? 0);
  }
}

interface ImagePlan {
  method: ImageMethod;
  info: ExplainPlanInfo;
  model: ExplainedModel;
  prepared: PreparedImages;
  columns: string[];
}

async function planImages(
  env: JobEnvironment,
  file: ModelFile,
  input: ImageInput,
  settings: ExplainSettings,
  timeIt: boolean,
): Promise<ImagePlan> {
  const method = imageMethodOf(settings, file.fileName);
  // The plan keeps its pictures for the run that follows; the run prepares them only when no plan did.
  const key = preparedKey(file, settings);
  const prepared =
    (timeIt ? undefined : env.prepared?.take<PreparedImages>(key)) ?? (await prepareImages(env, file, input, settings));
  if (timeIt) env.prepared?.keep(key, prepared);
  const d = prepared.batch.rows.cols;
  const backend = await env.backend(file.path);
  const dims = { input: input.name, output: settings.output, inputDims: gridDims(prepared.grid) };
  const model = scoredModel(
    file,
    await backendModel(backend, dims, prepared.rows.subarray(0, d)),
    settings,
    IMAGE_TARGETS,
  );
  const columns = await imageClassNames(env, file, model.columns, settings);
  const first = segmentImage(method, prepared.pixels[0], prepared.grid.height, prepared.grid.width, settings.image);
  const targets = settings.targetClass !== undefined ? 1 : Math.min(model.columns, settings.classes ?? 1);
  const backgroundRows = prepared.masker.kind === 'background' ? prepared.masker.background.rows : 1;
  const coalitions = perRowCoalitions(method, first, settings.samples, targets);
  const rows = prepared.rowIndices.length;
  const evaluations = rows + rows * coalitions * backgroundRows;
  let etaSeconds: number | undefined;
  if (timeIt) etaSeconds = evaluations / (await rowsPerSecondOn(model, prepared.rows.subarray(0, d)));
  const reasons: Record<ImageMethod, string> = {
    partition: `hierarchical Shapley (Owen) values over halves of the picture, refined where they matter within ${settings.samples ?? DEFAULT_BUDGET} evaluations per image`,
    kernel: `KernelSHAP over ${first.count} superpixels`,
    permutation: `permutation Shapley values over ${first.count} superpixels`,
    exact: `exact Shapley values over ${first.count} superpixels`,
    lime: `LIME over ${first.count} superpixels (${settings.samples ?? LIME_IMAGE.samples} samples, kernel width ${LIME_IMAGE.kernelWidth})`,
    occlusion: `occlusion: a sliding patch (${first.grid?.windows.length ?? 0} positions)`,
  };
  const cost = { evaluations, etaSeconds, explainedRows: rows };
  const info = groupedPlanInfo('image', settings, method, reasons, cost, {
    model,
    columns,
    notes: [prepared.maskerText, ...modelNotes(model)],
  });
  return { method, info, model, prepared, columns };
}

/** What preparing the pictures depends on: the model and the settings that pick, read and preprocess them. */
function preparedKey(file: ModelFile, s: ExplainSettings): string {
  const { data, moreData, rows, input, image, background, backgroundSize, sidecarName } = s;
  return JSON.stringify([file.path, data, moreData, rows, input, image, background, backgroundSize, sidecarName]);
}

export const imageJob = groupedJob(planImages, async (env, file, input, settings, plan) => {
  const { info, prepared } = plan;
  const run = groupedRun(
    env,
    settings,
    plan,
    { modelPath: file.path, input: input.name, inputDims: gridDims(prepared.grid) },
    // A picture's refinement rounds wait on each other; several pictures at once keep every worker busy.
    env.pool ? env.pool.size * 4 : 1,
  );
  const attribution = await explainImages({
    ...run,
    grid: prepared.grid,
    rows: prepared.rows,
    pixels: prepared.pixels,
    files: prepared.files,
    masker: prepared.masker,
    image: settings.image,
  });
  return {
    ...groupedOutcome(attribution, info, prepared.dataRows, prepared.maskerText),
    images: imagePreviews(prepared),
  };
});
