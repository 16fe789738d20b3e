/**
 * The sidecar's `image` block -> the exact preprocessing, as torchvision users write it:
 * Resize / CenterCrop, then ToTensor (scale 1/255), then Normalize(mean, std), all per model channel.
 */

import type { ImageSettings } from '../../../protocol/explainTypes';
import { DataError } from '../table';
import { isFreeDim, shapeLabel, type ImageLayout } from './layout';

export type ResizeMode = 'stretch' | 'shorter-side-then-center-crop' | 'fit-pad';
export type ChannelOrder = 'RGB' | 'BGR' | 'L';

export interface Preprocessing {
  height: number;
  width: number;
  resize: ResizeMode;
  channels: ChannelOrder;
  /** Multiplies the 0-255 pixel value before mean and std. */
  scale: number;
  /** One per model channel, in the model's channel order. */
  mean: number[];
  std: number[];
}

/** Which input the settings are for, so errors can name it and print its shape. */
export interface ImageInputInfo {
  name: string;
  shape: readonly (number | string)[];
}

/** Presets in R, G, B order (torchvision's ImageNet statistics; [0,1]; [-1,1]; 0-255). */
const PRESETS: Record<NonNullable<ImageSettings['preset']>, { scale: number; mean: number[]; std: number[] }> = {
  imagenet: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
  unit: { scale: 1 / 255, mean: [0], std: [1] },
  symmetric: { scale: 1 / 255, mean: [0.5], std: [0.5] },
  raw: { scale: 1, mean: [0], std: [1] },
};
const RESIZES: readonly ResizeMode[] = ['stretch', 'shorter-side-then-center-crop', 'fit-pad'];
const ORDERS: readonly ChannelOrder[] = ['RGB', 'BGR', 'L'];

export function resolvePreprocessing(
  settings: ImageSettings | undefined,
  layout: ImageLayout,
  where: string,
  input?: ImageInputInfo,
): Preprocessing {
  const s: ImageSettings = settings ?? {};
  const fail = (detail: string): never => {
    throw new DataError(where, detail);
  };
  if (typeof s !== 'object' || s === null || Array.isArray(s)) fail('image must be an object');
  const oneOf = <T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      fail(`image.${field} is ${JSON.stringify(value)}; use one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
    }
    return value as T;
  };

  const preset = oneOf('preset', s.preset, Object.keys(PRESETS) as (keyof typeof PRESETS)[]);
  const resize = oneOf('resize', s.resize, RESIZES) ?? 'stretch';
  const channels = oneOf('channels', s.channels, ORDERS) ?? (layout.channels === 1 ? 'L' : 'RGB');
  oneOf('layout', s.layout, ['NCHW', 'NHWC'] as const);
  if (channels === 'L' && layout.channels === 3) {
    fail('image.channels is "L" but the model takes 3 channels; use "RGB" or "BGR"');
  }
  if (channels !== 'L' && layout.channels === 1) {
    fail(`image.channels is "${channels}" but the model takes 1 channel; use "L"`);
  }

  const [height, width] = size(s.size, layout, fail, input);

  const base = preset ? PRESETS[preset] : PRESETS.unit;
  let scale = base.scale;
  if (s.scale !== undefined) {
    if (typeof s.scale !== 'number' || !Number.isFinite(s.scale) || s.scale <= 0) {
      fail(`image.scale is ${JSON.stringify(s.scale)}; it must be a positive number (1/255 maps 0-255 to 0-1)`);
    }
    scale = s.scale;
  }
  const c = layout.channels;
  // A preset's three values are for R, G, B: reversed for a BGR model, averaged for a grey one.
  const fromPreset = (v: number[]): number[] =>
    v.length === 1
      ? new Array<number>(c).fill(v[0])
      : c === 1
        ? [v.reduce((a, b) => a + b, 0) / v.length]
        : channels === 'BGR'
          ? [...v].reverse()
          : [...v];
  const mean = s.mean === undefined ? fromPreset(base.mean) : perChannel('mean', s.mean, c, fail);
  const std = s.std === undefined ? fromPreset(base.std) : perChannel('std', s.std, c, fail);
  std.forEach((v, i) => {
    if (v === 0) fail(`image.std[${i}] is 0; a standard deviation must be non-zero`);
  });
  return { height, width, resize, channels, scale, mean, std };
}

function size(
  value: unknown,
  layout: ImageLayout,
  fail: (d: string) => never,
  input: ImageInputInfo | undefined,
): [number, number] {
  const freeH = isFreeDim(layout.height);
  const freeW = isFreeDim(layout.width);
  if (value === undefined) {
    if (!freeH && !freeW) return [layout.height as number, layout.width as number];
    const free = freeH && freeW ? 'height and width' : freeH ? 'height' : 'width';
    const who = input ? `the model's input '${input.name}'` : "the model's image input";
    const shape = input ? ` (${shapeLabel(input.shape)})` : '';
    return fail(`${who} has a free ${free}${shape}; set image.size [height, width] in the sidecar`);
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0)
  ) {
    return fail(`image.size is ${JSON.stringify(value)}; it must be [height, width], two positive whole numbers`);
  }
  const [h, w] = value as [number, number];
  const fixed = (d: number | string): number | undefined => (isFreeDim(d) ? undefined : d);
  const mh = fixed(layout.height);
  const mw = fixed(layout.width);
  if ((mh !== undefined && mh !== h) || (mw !== undefined && mw !== w)) {
    fail(`image.size is [${h}, ${w}] but the model's input is ${layout.height}x${layout.width} (height x width)`);
  }
  return [h, w];
}

function perChannel(field: string, value: unknown, channels: number, fail: (d: string) => never): number[] {
  if (typeof value === 'number') value = [value];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return fail(`image.${field} is ${JSON.stringify(value)}; it must be a list of numbers`);
  }
  if (value.length === 1) return new Array<number>(channels).fill(value[0] as number);
  if (value.length !== channels) {
    fail(
      `image.${field} has ${value.length} values but the model takes ${channels} channel${channels === 1 ? '; give one value' : `s; give 1 or ${channels}`}`,
    );
  }
  return [...(value as number[])];
}
