/** Picture files -> model-input rows: decode, resize, channel order, then (pixel*scale - mean)/std per channel. */

import path from 'node:path';
import { throwIfRefused } from '../readGuard';
import { DataError } from '../table';
import { decodeImage, fitTo } from './codec';
import type { ImageLayout } from './layout';
import type { Preprocessing } from './preprocess';
import { elementIndex, type ImageBatch } from './view';

export { encodePng } from './codec';
export { loadImageNpy } from './npyImage';
export { modelViewPixels, type ImageBatch } from './view';

const IMAGE_EXT = /\.(png|jpe?g)$/i;
export const isImageFile = (f: string): boolean => IMAGE_EXT.test(f);

/**
 * Files, several files, or folders -> image files in order. A folder gives its images sorted by name, and those of
 * its subfolders one level deep (a folder per class is how labelled images are kept).
 */
export async function listImageFiles(
  paths: string[],
  readDir: (dir: string) => Promise<string[]>,
  isDirectory: (p: string) => Promise<boolean>,
): Promise<string[]> {
  const out: string[] = [];
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  for (const p of paths) {
    if (!(await isDirectory(p))) {
      if (!isImageFile(p)) throw new DataError(p, 'is not a PNG or JPEG image (.png, .jpg or .jpeg)');
      out.push(p);
      continue;
    }
    const found: string[] = [];
    for (const name of [...(await readDir(p))].sort(byName)) {
      const full = path.join(p, name);
      if (await isDirectory(full)) {
        for (const inner of [...(await readDir(full))].sort(byName)) {
          const f = path.join(full, inner);
          if (isImageFile(inner) && !(await isDirectory(f))) found.push(f);
        }
      } else if (isImageFile(name)) found.push(full);
    }
    if (!found.length) {
      throw new DataError(p, 'is a folder with no .png, .jpg or .jpeg image (nor in its subfolders)');
    }
    out.push(...found);
  }
  return out;
}

/** ITU-R 601 luma in PIL's fixed point (convert('L'): R*299/1000 + G*587/1000 + B*114/1000, rounded). */
export const luma601 = (r: number, g: number, b: number): number => (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;

export async function loadImages(
  files: string[],
  pre: Preprocessing,
  layout: ImageLayout,
  readFile: (f: string) => Promise<Uint8Array>,
): Promise<ImageBatch> {
  const { height, width } = pre;
  const channels = layout.channels;
  const n = height * width;
  const cols = channels * n;
  const values = new Float64Array(files.length * cols);
  const pixels: Uint8ClampedArray[] = [];
  // Each model channel c reads RGBA byte src[c] of a pixel (L computes luma instead).
  const src = pre.channels === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const a = pre.mean.map((m, c) => -m / pre.std[c]);
  const k = pre.std.map((s) => pre.scale / s);
  for (let i = 0; i < files.length; i++) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(files[i]);
    } catch (e) {
      throwIfRefused(e);
      throw new DataError(files[i], `cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
    const image = fitTo(decodeImage(bytes, files[i]), width, height, pre.resize);
    const rgba = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, n * 4);
    pixels.push(rgba);
    const row = values.subarray(i * cols, (i + 1) * cols);
    for (let p = 0; p < n; p++) {
      const q = p * 4;
      for (let c = 0; c < channels; c++) {
        const v = pre.channels === 'L' ? luma601(rgba[q], rgba[q + 1], rgba[q + 2]) : rgba[q + src[c]];
        row[elementIndex(layout.layout, channels, n, p, c)] = v * k[c] + a[c];
      }
    }
  }
  return {
    files: [...files],
    height,
    width,
    channels,
    layout: layout.layout,
    rows: { values, rows: files.length, cols },
    pixels,
  };
}
