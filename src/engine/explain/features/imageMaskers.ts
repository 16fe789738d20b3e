/**
 * What a hidden image segment becomes (shap's image maskers, as the engine's background sets): a
 * blurred copy of the image, a constant grey, or the pixels of background images. Blur and constant
 * depend on the explained image, so each row gets its own one-row background.
 */
import type { BackgroundSet } from '../shapley/coalitionValues';
import { elementOf, gridElements, type PixelGrid } from './pixelGroups';

export type ImageMasker =
  | { kind: 'blur'; kernel: number }
  | { kind: 'constant'; values: Float64Array /* one per channel, in the model's units */ }
  | { kind: 'background'; background: BackgroundSet };

/** shap's usual image masker is a 128-pixel box blur on 224-pixel images: the same share of the side here. */
export function defaultBlurKernel(grid: PixelGrid): number {
  return Math.max(3, Math.round((128 / 224) * Math.min(grid.height, grid.width)) | 1);
}

/** A grey of `pixel` (0-255) in each channel, normalised as the model's input is. */
export function constantMasker(
  pixel: number,
  pre: { scale: number; mean: number[]; std: number[] },
  channels: number,
): ImageMasker {
  const values = Float64Array.from({ length: channels }, (_, ch) => (pixel * pre.scale - pre.mean[ch]) / pre.std[ch]);
  return { kind: 'constant', values };
}

/** The background the value function masks row x with. */
export function maskedBackground(masker: ImageMasker, x: Float64Array, grid: PixelGrid): BackgroundSet {
  switch (masker.kind) {
    case 'background':
      return masker.background;
    case 'constant': {
      const row = new Float64Array(gridElements(grid));
      const pixels = grid.height * grid.width;
      for (let p = 0; p < pixels; p++)
        for (let ch = 0; ch < grid.channels; ch++) row[elementOf(grid, p, ch)] = masker.values[ch];
      return { values: row, rows: 1 };
    }
    case 'blur':
      return { values: boxBlur(x, grid, masker.kernel), rows: 1 };
  }
}

/** A box blur of each channel (separable running sums, the window clipped at the edges). */
export function boxBlur(x: Float64Array, grid: PixelGrid, kernel: number): Float64Array {
  const { height: h, width: w } = grid;
  const r = Math.floor(kernel / 2);
  const out = new Float64Array(x.length);
  const plane = new Float64Array(h * w);
  const pass = new Float64Array(h * w);
  for (let ch = 0; ch < grid.channels; ch++) {
    for (let p = 0; p < h * w; p++) plane[p] = x[elementOf(grid, p, ch)];
    for (let y = 0; y < h; y++) blurLine(plane, pass, y * w, 1, w, r);
    for (let xCol = 0; xCol < w; xCol++) blurLine(pass, plane, xCol, w, h, r);
    for (let p = 0; p < h * w; p++) out[elementOf(grid, p, ch)] = plane[p];
  }
  return out;
}

/** The mean over a window of radius r along one line of n values (start, stride), edges clipped. */
function blurLine(src: Float64Array, dst: Float64Array, start: number, stride: number, n: number, r: number): void {
  let sum = 0;
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const wantHi = Math.min(n - 1, i + r);
    const wantLo = Math.max(0, i - r);
    while (hi < wantHi) sum += src[start + ++hi * stride];
    while (lo < wantLo) sum -= src[start + lo++ * stride];
    dst[start + i * stride] = sum / (hi - lo + 1);
  }
}
