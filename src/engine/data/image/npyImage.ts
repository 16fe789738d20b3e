/** Already preprocessed image tensors in a .npy file: [N,C,H,W] / [N,H,W,C] as the model wants, or one image. */

import { parseNpyHeader, READERS } from '../npy';
import { DataError } from '../table';
import type { ImageLayout } from './layout';
import type { Preprocessing } from './preprocess';
import { modelViewPixels, type ImageBatch } from './view';

export function loadImageNpy(
  bytes: Uint8Array,
  fileName: string,
  layout: ImageLayout,
  pre: Pick<Preprocessing, 'height' | 'width'>,
): ImageBatch {
  const h = parseNpyHeader(bytes, fileName);
  const m = /^([<>|=])([a-z]\d+)$/.exec(h.descr);
  const reader = m ? READERS[m[2]] : undefined;
  if (!m || !reader) {
    throw new DataError(fileName, `holds dtype ${h.descr}; numbers (float, int, uint, bool) are needed`);
  }
  const { height, width, channels } = { ...pre, channels: layout.channels };
  const one = layout.layout === 'NCHW' ? [channels, height, width] : [height, width, channels];
  const shape = h.shape;
  const matches =
    (shape.length === 3 && one.every((d, i) => shape[i] === d)) ||
    (shape.length === 4 && shape[0] >= 1 && one.every((d, i) => shape[i + 1] === d));
  if (!matches) {
    throw new DataError(
      fileName,
      `has shape (${shape.join(', ')}) but the model's input takes (N, ${one.join(', ')}) (${layout.layout}), or (${one.join(', ')}) for one image`,
    );
  }
  const n = shape.length === 4 ? shape[0] : 1;
  const cols = channels * height * width;
  const [size, read] = reader;
  if (h.dataOffset + n * cols * size > bytes.length) {
    throw new DataError(fileName, `is truncated: shape (${shape.join(', ')}) needs ${n * cols * size} data bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = m[1] !== '>';
  const values = new Float64Array(n * cols);
  // Fortran order stores the first axis fastest: C-order index -> its place in the file.
  const strides = fortranStrides(shape);
  for (let flat = 0; flat < values.length; flat++) {
    const at = h.fortranOrder ? fortranIndex(flat, shape, strides) : flat;
    const v = read(view, h.dataOffset + at * size, little);
    if (!Number.isFinite(v)) {
      throw new DataError(fileName, `image ${Math.floor(flat / cols) + 1} holds ${v}; every value must be finite`);
    }
    values[flat] = v;
  }
  const batch: ImageBatch = {
    files: Array.from({ length: n }, (_, i) => `${fileName}[${i}]`),
    height,
    width,
    channels,
    layout: layout.layout,
    rows: { values, rows: n, cols },
    pixels: [],
  };
  batch.pixels = Array.from({ length: n }, (_, i) => modelViewPixels(batch, i).rgba);
  return batch;
}

function fortranStrides(shape: number[]): number[] {
  const s: number[] = [];
  let acc = 1;
  for (const d of shape) {
    s.push(acc);
    acc *= d;
  }
  return s;
}

function fortranIndex(flat: number, shape: number[], strides: number[]): number {
  let at = 0;
  for (let k = shape.length - 1; k >= 0; k--) {
    at += (flat % shape[k]) * strides[k];
    flat = Math.floor(flat / shape[k]);
  }
  return at;
}
