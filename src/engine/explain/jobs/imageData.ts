/**
 * What an image explanation reads first: which input is an image and its layout, the preprocessing
 * (sidecar `image`), the pictures (PNG/JPEG files, a folder, or a preprocessed .npy), the masker and
 * the class names (sidecar, labels file, model metadata).
 */
import path from 'node:path';
import type { ExplainSettings, ImagePreview } from '../../../protocol/explainTypes';
import { imageLayoutOf, type ImageLayout } from '../../data/image/layout';
import {
  encodePng,
  listImageFiles,
  loadImageNpy,
  loadImages,
  modelViewPixels,
  type ImageBatch,
} from '../../data/image/load';
import { resolvePreprocessing, type Preprocessing } from '../../data/image/preprocess';
import { parseRows } from '../../data/rows';
import { throwIfRefused } from '../../data/readGuard';
import { DataError } from '../../data/table';
import { constantMasker, defaultBlurKernel, type ImageMasker } from '../features/imageMaskers';
import type { PixelGrid } from '../features/pixelGroups';
import { classNamesFor, type JobEnvironment, type ModelFile } from './jobData';

export interface ImageInput {
  name: string;
  shape: (number | string)[];
  layout: ImageLayout;
}

/** The explained input when it is an image (rank 4, a channel axis of 1 or 3, or declared by the sidecar). */
export function imageInputOf(file: ModelFile, settings: ExplainSettings): ImageInput | undefined {
  const g = file.model.graph;
  const initialisers = new Set(g.initializers.map((t) => t.name));
  const inputs = g.inputs.filter((i) => !initialisers.has(i.name));
  const input = settings.input === undefined ? inputs[0] : inputs.find((i) => i.name === settings.input);
  if (!input || input.type?.kind !== 'tensor' || !input.type.shape) return undefined;
  const shape = input.type.shape.map((d, i) => (d === null ? `${input.name}[${i}]` : d));
  const layout = imageLayoutOf(shape, settings.image?.layout);
  if (!layout) return undefined;
  if (inputs.length > 1) {
    throw new Error(
      `${file.fileName}: '${input.name}' is an image, and explaining one input of a model with ${inputs.length} inputs is for tables only so far`,
    );
  }
  return { name: input.name, shape, layout };
}

export interface PreparedImages {
  batch: ImageBatch;
  pre: Preprocessing;
  grid: PixelGrid;
  rowIndices: number[];
  /** The explained rows' tensors and pictures (a subset of the batch). */
  rows: Float64Array;
  pixels: Uint8ClampedArray[];
  files: string[];
  masker: ImageMasker;
  maskerText: string;
  dataRows: number;
}

export async function prepareImages(
  env: JobEnvironment,
  file: ModelFile,
  input: ImageInput,
  settings: ExplainSettings,
): Promise<PreparedImages> {
  const where = settings.sidecarName ?? file.fileName;
  const pre = resolvePreprocessing(settings.image, input.layout, where, { name: input.name, shape: input.shape });
  const batch = await readImages(env, [settings.data, ...(settings.moreData ?? [])], pre, input.layout);
  const grid: PixelGrid = { layout: batch.layout, channels: batch.channels, height: batch.height, width: batch.width };
  const rowIndices = settings.rows
    ? parseRows(settings.rows, batch.rows.rows, true)
    : Array.from({ length: Math.min(8, batch.rows.rows) }, (_, i) => i);
  const d = batch.rows.cols;
  const rows = new Float64Array(rowIndices.length * d);
  rowIndices.forEach((r, i) => rows.set(batch.rows.values.subarray(r * d, (r + 1) * d), i * d));
  const { masker, text } = await chooseMasker(env, settings, pre, input.layout, grid);
  return {
    batch,
    pre,
    grid,
    rowIndices,
    rows,
    pixels: rowIndices.map((r) => batch.pixels[r]),
    files: rowIndices.map((r) => batch.files[r]),
    masker,
    maskerText: text,
    dataRows: batch.rows.rows,
  };
}

async function readImages(
  env: JobEnvironment,
  paths: string[],
  pre: Preprocessing,
  layout: ImageLayout,
): Promise<ImageBatch> {
  const data = paths[0];
  if (paths.length === 1 && data.toLowerCase().endsWith('.npy')) {
    let bytes: Uint8Array;
    try {
      bytes = await env.readFile(data);
    } catch (e) {
      throwIfRefused(e);
      throw new DataError(path.basename(data), 'cannot be read (does it exist?)');
    }
    const batch = loadImageNpy(bytes, data, layout, pre);
    return { ...batch, files: batch.files.map((f) => path.basename(f)) };
  }
  if (!env.folders) throw new Error('this environment cannot list folders of images');
  const files = await listImageFiles(paths, env.folders.readDir, env.folders.isDirectory);
  return loadImages(files, pre, layout, (f) => env.readFile(f));
}

async function chooseMasker(
  env: JobEnvironment,
  settings: ExplainSettings,
  pre: Preprocessing,
  layout: ImageLayout,
  grid: PixelGrid,
): Promise<{ masker: ImageMasker; text: string }> {
  const kind = settings.image?.masker ?? (settings.background ? 'background' : 'blur');
  if (kind === 'constant') {
    const value = settings.image?.maskValue ?? 128;
    return {
      masker: constantMasker(value, pre, grid.channels),
      text: `a grey of ${value} in place of hidden segments`,
    };
  }
  if (kind === 'background') {
    if (!settings.background) throw new Error('image.masker "background" needs a background file or folder of images');
    const batch = await readImages(env, [settings.background], pre, layout);
    const size = Math.min(batch.rows.rows, settings.backgroundSize ?? 100);
    const d = batch.rows.cols;
    return {
      masker: { kind: 'background', background: { values: batch.rows.values.slice(0, size * d), rows: size } },
      text: `${size} background images' pixels in place of hidden segments`,
    };
  }
  const kernel = defaultBlurKernel(grid);
  return {
    masker: { kind: 'blur', kernel },
    text: `each picture blurred (a ${kernel}-pixel box blur) in place of hidden segments`,
  };
}

/** Class names: the sidecar's, a labels file (one per line), the model's metadata, else indices. */
export async function imageClassNames(
  env: JobEnvironment,
  file: ModelFile,
  columns: number,
  settings: ExplainSettings,
): Promise<string[]> {
  if (settings.image?.labels && !settings.classNames) {
    let text: string;
    try {
      text = new TextDecoder().decode(await env.readFile(settings.image.labels));
    } catch (e) {
      throwIfRefused(e);
      throw new DataError(path.basename(settings.image.labels), 'cannot be read (the image.labels file)');
    }
    const labels = text.split(/\r?\n/).map((l) => l.trim());
    while (labels.length && labels[labels.length - 1] === '') labels.pop();
    if (labels.length !== columns) {
      throw new DataError(
        path.basename(settings.image.labels),
        `has ${labels.length} labels for an output of ${columns} columns`,
      );
    }
    return labels;
  }
  return classNamesFor(file, columns, settings.classNames);
}

/** The explained pictures as PNG data URIs, for the panel and the report. */
export function imagePreviews(p: PreparedImages): ImagePreview[] {
  return p.rowIndices.map((r, i) => {
    const { rgba, range } = modelViewPixels(p.batch, r);
    return {
      file: p.files[i],
      original: dataUri(encodePng(p.pixels[i], p.grid.width, p.grid.height)),
      asModelSees: dataUri(encodePng(rgba, p.grid.width, p.grid.height)),
      range,
    };
  });
}

function dataUri(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
