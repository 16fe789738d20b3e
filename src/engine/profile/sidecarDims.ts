/**
 * Sizes for the free dimensions of generated inputs from the sidecar, so a profile without data runs at the
 * size explaining would: an image input's image.size (and a declared layout's channels), a sequence input's
 * sequence.length, a text model's text.maxLength tokens.
 */
import type { ProfileSettings } from '../../protocol/profileTypes';
import { imageLayoutOf, isFreeDim } from '../data/image/layout';
import { resolvePreprocessing } from '../data/image/preprocess';
import { sequenceShapeOf } from '../data/sequence/layout';
import type { TensorInfo } from '../runtime/backend';
import { dimKey, type SampleOptions } from '../../protocol/modelTypes';

const FLOATS = new Set(['float32', 'float64']);
const TOKENS = new Set(['int32', 'int64']);

/** Free dimension sizes by dimKey; the batch axis is never set here. */
export function sidecarDimSizes(inputs: readonly TensorInfo[], settings: ProfileSettings): Record<string, number> {
  const sizes: Record<string, number> = {};
  const where = settings.sidecarName ?? 'the sidecar';
  // Symbolic or unnamed dims as the shape helpers take them: a name, or `input[axis]`.
  const shapeOf = (info: TensorInfo) =>
    info.shape.map((d, axis) => (typeof d === 'number' ? d : dimKey(info.name, axis, d)));
  const setFree = (info: TensorInfo, axis: number, size: number) => {
    const d = shapeOf(info)[axis];
    if (isFreeDim(d)) sizes[dimKey(info.name, axis, info.shape[axis])] = size;
  };
  const tensors = inputs.filter((i) => i.isTensor);
  const named = settings.input === undefined ? undefined : tensors.find((i) => i.name === settings.input);

  const image = named ?? tensors[0];
  const size = settings.image?.size;
  if (image && size) {
    const shape = shapeOf(image);
    const layout = imageLayoutOf(shape, settings.image?.layout);
    if (layout) {
      // Checks image.size against fixed axes as explaining does, with the same message.
      const pre = resolvePreprocessing(settings.image, layout, where, { name: image.name, shape });
      const [c, h, w] = layout.layout === 'NCHW' ? [1, 2, 3] : [3, 1, 2];
      setFree(image, h, pre.height);
      setFree(image, w, pre.width);
      setFree(image, c, pre.channels === 'L' ? 1 : 3);
    }
  }

  const length = settings.sequence?.length;
  const series = named ?? tensors.find((i) => FLOATS.has(i.elementType));
  if (series && length !== undefined && FLOATS.has(series.elementType)) {
    let shape;
    try {
      shape = sequenceShapeOf(shapeOf(series), settings.sequence?.layout);
    } catch (e) {
      throw new Error(`${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (shape) setFree(series, shape.layout === 'NCT' ? 2 : 1, length);
  }

  const tokens = settings.text?.maxLength;
  if (tokens !== undefined) {
    for (const info of tensors) if (TOKENS.has(info.elementType) && info.shape.length === 2) setFree(info, 1, tokens);
  }
  return sizes;
}

/** The panel sends every free dim; one still at the default was not chosen, so the sidecar's size stands. */
export function chosenDimSizes(dimSizes: Record<string, number>, defaultDimSize: number): Record<string, number> {
  return Object.fromEntries(Object.entries(dimSizes).filter(([, size]) => size !== defaultDimSize));
}

/** A scalar input named like a sample rate: Run once feeds a common rate rather than 0. */
const SAMPLE_RATE = /^(sr|sample_?rate|sampling_?rate|rate)$/i;
const DEFAULT_SAMPLE_RATE = 16000;

/**
 * What Run once generates: the sidecar's sizes (image.size, sequence.length, text.maxLength) and held values
 * (sequence.hold), overridden by the panel's fields where the user moved one off its default.
 */
export function runOnceSample(
  inputs: readonly TensorInfo[],
  settings: ProfileSettings,
  panel: { dimSizes: Record<string, number>; fill: Record<string, number> },
  defaultDimSize: number,
): SampleOptions {
  const dimSizes = { ...sidecarDimSizes(inputs, settings), ...chosenDimSizes(panel.dimSizes, defaultDimSize) };
  const fill: Record<string, number> = {};
  for (const info of inputs)
    if (info.isTensor && info.shape.length === 0 && SAMPLE_RATE.test(info.name)) fill[info.name] = DEFAULT_SAMPLE_RATE;
  Object.assign(fill, settings.sequence?.hold);
  for (const [name, value] of Object.entries(panel.fill))
    if (value !== 0 || fill[name] === undefined) fill[name] = value;
  return { dimSizes, fill, defaultDimSize };
}
