/**
 * Labelled pictures for an image model: a folder with one subfolder per class (named as the class, or by its
 * index), decoded and preprocessed as explaining does, run through the model a block of pictures at a time.
 */
import path from 'node:path';
import type { ExplainSettings } from '../../../protocol/explainTypes';
import { listImageFiles, loadImages } from '../../data/image/load';
import { resolvePreprocessing } from '../../data/image/preprocess';
import { DataError } from '../../data/table';
import { backendModel } from '../../explain/backendModel';
import { imageClassNames, type ImageInput } from '../../explain/jobs/imageData';
import type { JobEnvironment, ModelFile } from '../../explain/jobs/jobData';
import type { Predictions } from './predictionTypes';
import { evaluateRows, labelsOnly } from './runRows';

/** Pictures decoded and run per block: memory stays that of one block whatever the folder holds. */
export const IMAGE_BLOCK = 256;

/** The class folders' pictures in the order explaining lists them (so row numbers agree with the Attributions tab). */
export async function classFolderFiles(
  env: JobEnvironment,
  folder: string,
): Promise<{ files: string[]; folders: string[] }> {
  const name = path.basename(folder);
  const access = env.folders;
  if (!access) throw new Error('this environment cannot list folders of images');
  if (!(await access.isDirectory(folder))) {
    throw new DataError(name, 'is not a folder: an image model is evaluated on a folder with one subfolder per class');
  }
  const files = await listImageFiles([folder], access.readDir, access.isDirectory);
  const loose = files.filter((f) => path.dirname(f) === folder);
  // A flat folder of pictures (the usual first try) says what layout is missing.
  if (loose.length > 0 && loose.length === files.length) {
    throw new DataError(
      name,
      `needs one subfolder per class (named as the class or its index); it holds ${loose.length} pictures directly`,
    );
  }
  if (loose.length > 0) {
    throw new DataError(
      name,
      `${path.basename(loose[0])} is not in a class folder: put each picture in the subfolder of its class`,
    );
  }
  return { files, folders: files.map((f) => path.basename(path.dirname(f))) };
}

/** A folder's class: its name among the class names, else a class index. */
export function classOfFolder(folder: string, classes: readonly string[], where: string): number {
  const named = classes.indexOf(folder);
  if (named >= 0) return named;
  if (/^\d+$/.test(folder) && Number(folder) < classes.length) return Number(folder);
  throw new DataError(
    where,
    `the subfolder "${folder}" is not a class: subfolders are named as the classes (${classes.join(', ')}) or by their index 0..${classes.length - 1}`,
  );
}

export async function imageFolderPredictions(
  env: JobEnvironment,
  file: ModelFile,
  input: ImageInput,
  s: { data: string; output?: string; classNames?: string[] } & Pick<ExplainSettings, 'image' | 'sidecarName'>,
): Promise<Predictions> {
  const where = s.sidecarName ?? file.fileName;
  const pre = resolvePreprocessing(s.image, input.layout, where, { name: input.name, shape: input.shape });
  const { files, folders } = await classFolderFiles(env, s.data);
  const read = (f: string) => env.readFile(f);
  const load = (from: number, to: number) => loadImages(files.slice(from, to), pre, input.layout, read);
  const first = await load(0, 1);
  const dims =
    first.layout === 'NCHW' ? [first.channels, pre.height, pre.width] : [pre.height, pre.width, first.channels];
  const backend = await env.backend(file.path);
  const model = await backendModel(
    backend,
    { input: input.name, output: s.output, inputDims: dims },
    first.rows.values,
  );
  const c = model.columns;
  const settings: ExplainSettings = { data: s.data, method: 'auto', image: s.image, classNames: s.classNames };
  // One output column is a binary model's P(class 1) or its logit: two classes.
  const classes = await imageClassNames(env, file, Math.max(2, c), settings);
  const byFolder = new Map<string, number>();
  for (const f of new Set(folders)) byFolder.set(f, classOfFolder(f, classes, path.basename(s.data)));
  const n = files.length;
  const outputs = new Float64Array(n * c);
  let modelMs = 0;
  for (let from = 0; from < n; from += IMAGE_BLOCK) {
    const to = Math.min(n, from + IMAGE_BLOCK);
    const block = await load(from, to);
    const run = await evaluateRows(model, block.rows.values, to - from, {
      cancel: env.cancel,
      progress: (done) => env.progress?.(from + done, n),
    });
    outputs.set(run.values, from * c);
    modelMs += run.ms;
  }
  return {
    kind: 'image',
    file,
    data: labelsOnly(
      { name: 'class folder', values: Float64Array.from(folders, (f) => byFolder.get(f)!) },
      Int32Array.from({ length: n }, (_, i) => i),
    ),
    model,
    featureNames: [],
    classes,
    labelColumn: 'class folder',
    outputs,
    modelMs,
  };
}
