/** The model's input tensor drawn back as a picture, so a wrong normalisation or channel order shows at once. */

export interface ImageBatch {
  /** The path of each image, in order (for an .npy file: `file[i]`). */
  files: string[];
  height: number;
  width: number;
  channels: 1 | 3;
  layout: 'NCHW' | 'NHWC';
  /** Model-input tensors, one row per image, in the model's layout (cols = C*H*W), after normalisation. */
  rows: { values: Float64Array; rows: number; cols: number };
  /** Per image: RGBA, height*width*4, after resize/crop/pad, before normalisation (what the user sees). */
  pixels: Uint8ClampedArray[];
}

export interface ChannelRange {
  min: number;
  max: number;
  mean: number;
}

/** Index of channel c of pixel p (= y*width + x) in one row of a batch. */
export function elementIndex(
  layout: 'NCHW' | 'NHWC',
  channels: number,
  pixelsPerImage: number,
  p: number,
  c: number,
): number {
  return layout === 'NCHW' ? c * pixelsPerImage + p : p * channels + c;
}

/**
 * Each channel's values stretched linearly from its min..max to 0-255 (a constant channel is drawn mid-grey), channels
 * in the model's order as R, G, B (so a BGR model's input shows swapped colours); one channel is drawn grey.
 */
export function modelViewPixels(
  batch: Pick<ImageBatch, 'rows' | 'height' | 'width' | 'channels' | 'layout'>,
  row: number,
): { rgba: Uint8ClampedArray; range: ChannelRange[] } {
  const { height, width, channels, layout } = batch;
  const n = height * width;
  const values = batch.rows.values.subarray(row * batch.rows.cols, (row + 1) * batch.rows.cols);
  const rgba = new Uint8ClampedArray(n * 4);
  const range: ChannelRange[] = [];
  for (let c = 0; c < channels; c++) {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let p = 0; p < n; p++) {
      const v = values[elementIndex(layout, channels, n, p, c)];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    range.push({ min, max, mean: sum / n });
    const span = max - min;
    for (let p = 0; p < n; p++) {
      const v = values[elementIndex(layout, channels, n, p, c)];
      const byte = span > 0 ? ((v - min) / span) * 255 : 128;
      if (channels === 1) rgba.fill(byte, p * 4, p * 4 + 3);
      else rgba[p * 4 + c] = byte;
    }
  }
  for (let p = 0; p < n; p++) rgba[p * 4 + 3] = 255;
  return { rgba, range };
}
