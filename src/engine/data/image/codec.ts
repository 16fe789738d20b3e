/**
 * PNG and JPEG decoding, resampling and PNG encoding through jimp's pure-JS parts (pngjs, jpeg-js and
 * jimp's resizer): no native binary, so it bundles into the engine and runs in any worker thread.
 * bench/image-decode.ts measured it against sharp before it was chosen.
 */

import { createJimp } from '@jimp/core';
import jpeg from '@jimp/js-jpeg';
import png from '@jimp/js-png';
import { methods as resizeMethods } from '@jimp/plugin-resize';
import { DataError } from '../table';
import { checkJpegHeader, checkPngHeader, MAX_IMAGE_PIXELS } from './headerCheck';
import type { ResizeMode } from './preprocess';

/** Pixels as RGBA bytes, row-major, 4 per pixel. */
export interface Rgba {
  data: Uint8Array;
  width: number;
  height: number;
}

const Jimp = createJimp({ formats: [], plugins: [resizeMethods] });
const PNG = png();
const JPEG = jpeg();

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string): number[] => Array.from(s, (ch) => ch.charCodeAt(0));

/** Formats users are likely to hand over by mistake, by their file signatures. */
const OTHER_FORMATS: [string, (b: Uint8Array) => boolean][] = [
  ['a GIF image', (b) => startsWith(b, ascii('GIF8'))],
  ['a BMP image', (b) => startsWith(b, ascii('BM'))],
  ['a WebP image', (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)],
  ['a TIFF image', (b) => startsWith(b, [0x49, 0x49, 0x2a, 0]) || startsWith(b, [0x4d, 0x4d, 0, 0x2a])],
  ['a .npy array (give it as the data file itself)', (b) => startsWith(b, [0x93, ...ascii('NUMPY')])],
];

/**
 * Bytes -> RGBA. Grey and palette PNGs come back as RGB with equal channels. Alpha is dropped and the
 * stored colour kept, as PIL's convert('RGB') does (what torchvision pipelines feed their models).
 */
export function decodeImage(bytes: Uint8Array, fileName: string): Rgba {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let kind: 'PNG' | 'JPEG';
  if (startsWith(bytes, [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a])) kind = 'PNG';
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) kind = 'JPEG';
  else {
    const other = OTHER_FORMATS.find(([, test]) => test(bytes))?.[0];
    if (bytes.length === 0) throw new DataError(fileName, 'is empty; a PNG or JPEG image is needed');
    throw new DataError(
      fileName,
      `is ${other ?? 'not a PNG or JPEG image'}: unsupported format (PNG and JPEG are read)`,
    );
  }
  if (kind === 'PNG') checkPngHeader(bytes, fileName);
  else checkJpegHeader(bytes, fileName);
  let image: { data: Uint8Array; width: number; height: number };
  try {
    image =
      kind === 'PNG'
        ? PNG.decode(buffer)
        : JPEG.decode(buffer, { formatAsRGBA: true, useTArray: false, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6 });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new DataError(fileName, `is a corrupt or truncated ${kind} image (${why})`);
  }
  if (!(image.width > 0 && image.height > 0) || image.data.length < image.width * image.height * 4) {
    throw new DataError(fileName, `is a corrupt ${kind} image (no pixels decoded)`);
  }
  // A copy that owns its memory: decoders may return a slice of Node's shared Buffer pool, and pixels travel
  // between threads as transferable ArrayBuffers.
  const data = new Uint8Array(image.data.subarray(0, image.width * image.height * 4));
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { data, width: image.width, height: image.height };
}

/** RGBA -> PNG bytes (8-bit RGBA). */
export function encodePng(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  if (rgba.length !== width * height * 4) {
    throw new Error(`encodePng: ${rgba.length} bytes for ${width}x${height} RGBA (${width * height * 4} expected)`);
  }
  const data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return new Uint8Array(PNG.encode({ data, width, height }));
}

/** Resample to exactly width x height with jimp's default resizer (box-averaging when shrinking, linear when growing). */
export function resample(src: Rgba, width: number, height: number): Rgba {
  if (src.width === width && src.height === height) return src;
  // jimp's fromBitmap wraps the bitmap's whole ArrayBuffer (data.buffer): a small Buffer from Node's shared pool
  // would be read as the pool's other contents. So hand it a Buffer that owns its memory, and copy the result out.
  const data = Buffer.alloc(src.data.length);
  data.set(src.data);
  const image = Jimp.fromBitmap({ data, width: src.width, height: src.height });
  image.resize({ w: width, h: height });
  const out = image.bitmap.data;
  return { data: new Uint8Array(out), width, height };
}

/** Where the scaled picture goes on the height x width grid: its scaled size and its offset (negative = cropped). */
export interface Placement {
  scaledWidth: number;
  scaledHeight: number;
  left: number;
  top: number;
}

/**
 * stretch: ignore the aspect ratio. shorter-side-then-center-crop: torchvision's Resize then CenterCrop (the
 * covering side exact, the other truncated as Resize does; crop offset rounded as CenterCrop does). fit-pad: the
 * largest size that fits, centred, the rest black.
 */
export function placement(
  srcWidth: number,
  srcHeight: number,
  width: number,
  height: number,
  mode: ResizeMode,
): Placement {
  if (mode === 'stretch') return { scaledWidth: width, scaledHeight: height, left: 0, top: 0 };
  const cover = mode === 'shorter-side-then-center-crop';
  const sx = width / srcWidth;
  const sy = height / srcHeight;
  const byWidth = cover ? sx >= sy : sx <= sy;
  const s = byWidth ? sx : sy;
  const other = (n: number): number => (cover ? Math.floor(n * s + 1e-9) : Math.round(n * s));
  let scaledWidth = byWidth ? width : other(srcWidth);
  let scaledHeight = byWidth ? other(srcHeight) : height;
  scaledWidth = cover ? Math.max(width, scaledWidth) : Math.min(width, Math.max(1, scaledWidth));
  scaledHeight = cover ? Math.max(height, scaledHeight) : Math.min(height, Math.max(1, scaledHeight));
  const offset = (target: number, scaled: number): number =>
    cover ? 0 - roundHalfEven((scaled - target) / 2) : Math.floor((target - scaled) / 2);
  return { scaledWidth, scaledHeight, left: offset(width, scaledWidth), top: offset(height, scaledHeight) };
}

/** Python's round(), which CenterCrop uses for its offset. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
}

/** Decoded picture -> exactly width x height by the resize mode; padding is opaque black. */
export function fitTo(src: Rgba, width: number, height: number, mode: ResizeMode): Rgba {
  const p = placement(src.width, src.height, width, height, mode);
  const scaled = resample(src, p.scaledWidth, p.scaledHeight);
  if (p.left === 0 && p.top === 0 && p.scaledWidth === width && p.scaledHeight === height) return scaled;
  const out = new Uint8Array(width * height * 4);
  for (let i = 3; i < out.length; i += 4) out[i] = 255;
  // Block copy of the rows and columns the two rectangles share.
  const x0 = Math.max(0, p.left);
  const x1 = Math.min(width, p.left + p.scaledWidth);
  for (let y = Math.max(0, p.top); y < Math.min(height, p.top + p.scaledHeight); y++) {
    const from = ((y - p.top) * p.scaledWidth + (x0 - p.left)) * 4;
    out.set(scaled.data.subarray(from, from + (x1 - x0) * 4), (y * width + x0) * 4);
  }
  return { data: out, width, height };
}
