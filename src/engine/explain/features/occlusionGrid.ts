/**
 * The feature groups of occlusion (Zeiler and Fergus 2014): a grid of stride x stride cells, so that every
 * position of the sliding square window is a union of whole cells and the explainer sees groups only.
 */

export interface OcclusionGrid {
  /** For each pixel (row-major), its cell 0..cells-1 (cells row-major; the last row and column may be cut). */
  segmentOfPixel: Int32Array;
  cells: number;
  /** For each window position, the cells it covers. */
  windows: Int32Array[];
}

/**
 * The defaults: a window of about an eighth of the shorter side and a stride of half a window
 * (the window is kept a whole number of strides so that windows are unions of cells).
 */
export function occlusionDefaults(height: number, width: number): { window: number; stride: number } {
  const stride = Math.max(1, Math.round(Math.min(height, width) / 16));
  return { window: 2 * stride, stride };
}

/**
 * Cells of `stride` pixels; a window spans round(window / stride) cells a side (at least one) and slides one
 * cell at a time over every position where it fits (one position per axis when it does not), so the last
 * position ends at the last cell and the windows cover the image.
 */
export function occlusionGrid(height: number, width: number, window: number, stride: number): OcclusionGrid {
  if (!(stride >= 1) || !(window >= 1))
    throw new Error(`occlusion: window ${window} and stride ${stride} must be >= 1`);
  const s = Math.floor(stride);
  const rows = Math.ceil(height / s);
  const cols = Math.ceil(width / s);
  const span = Math.max(1, Math.round(window / s));
  const spanY = Math.min(span, rows);
  const spanX = Math.min(span, cols);
  const segmentOfPixel = new Int32Array(height * width);
  for (let y = 0; y < height; y++) {
    const r = Math.floor(y / s);
    for (let x = 0; x < width; x++) segmentOfPixel[y * width + x] = r * cols + Math.floor(x / s);
  }
  const windows: Int32Array[] = [];
  for (let r0 = 0; r0 + spanY <= rows; r0++) {
    for (let c0 = 0; c0 + spanX <= cols; c0++) {
      const cells = new Int32Array(spanY * spanX);
      for (let dr = 0, t = 0; dr < spanY; dr++)
        for (let dc = 0; dc < spanX; dc++) cells[t++] = (r0 + dr) * cols + c0 + dc;
      windows.push(cells);
    }
  }
  return { segmentOfPixel, cells: rows * cols, windows };
}
