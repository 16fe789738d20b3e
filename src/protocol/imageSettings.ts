/** Checks the sidecar's `image` block field by field, so each mistake is named and the rest still apply. */
import type { ImageSettings } from './explainTypes';
import { parseBlock, type FieldChecks } from './settingsBlock';

const positiveNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const wholeNumber = (v: unknown, lo: number, hi: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
const numberList = (v: unknown, ok: (n: number) => boolean) =>
  Array.isArray(v) &&
  (v.length === 1 || v.length === 3) &&
  v.every((n) => typeof n === 'number' && Number.isFinite(n) && ok(n));

const FIELDS: FieldChecks<ImageSettings> = {
  size: (v) =>
    Array.isArray(v) && v.length === 2 && v.every((n) => wholeNumber(n, 1, 16384))
      ? undefined
      : 'must be [height, width], two whole numbers from 1',
  resize: (v) =>
    v === 'stretch' || v === 'shorter-side-then-center-crop' || v === 'fit-pad'
      ? undefined
      : 'must be stretch, shorter-side-then-center-crop or fit-pad',
  channels: (v) => (v === 'RGB' || v === 'BGR' || v === 'L' ? undefined : 'must be RGB, BGR or L'),
  scale: (v) => (positiveNumber(v) ? undefined : 'must be a positive number (such as 0.00392156862745098 for 1/255)'),
  mean: (v) => (numberList(v, () => true) ? undefined : 'must be a list of one number or one per channel'),
  std: (v) => (numberList(v, (n) => n > 0) ? undefined : 'must be a list of one positive number or one per channel'),
  preset: (v) =>
    v === 'imagenet' || v === 'unit' || v === 'symmetric' || v === 'raw'
      ? undefined
      : 'must be imagenet, unit, symmetric or raw',
  layout: (v) => (v === 'NCHW' || v === 'NHWC' ? undefined : 'must be NCHW or NHWC'),
  labels: (v) => (typeof v === 'string' && v.length > 0 && v.length < 1024 ? undefined : 'must be a file name'),
  masker: (v) =>
    v === 'blur' || v === 'constant' || v === 'background' ? undefined : 'must be blur, constant or background',
  maskValue: (v) => (typeof v === 'number' && v >= 0 && v <= 255 ? undefined : 'must be a pixel value from 0 to 255'),
  segments: (v) => (wholeNumber(v, 2, 10000) ? undefined : 'must be a whole number from 2 to 10000'),
  window: (v) => (wholeNumber(v, 1, 16384) ? undefined : 'must be a whole number of pixels from 1'),
  stride: (v) => (wholeNumber(v, 1, 16384) ? undefined : 'must be a whole number of pixels from 1'),
};

/** The valid fields of an `image` block, and one line per invalid or unknown field. */
export function parseImageSettings(v: unknown): { image: ImageSettings; problems: string[] } {
  const { block, problems } = parseBlock<ImageSettings>('image', v, FIELDS);
  return { image: block as ImageSettings, problems };
}
