/**
 * SLIC superpixels (Achanta et al. 2012, "SLIC superpixels compared to state-of-the-art superpixel methods"):
 * k-means in (L, a, b, x, y) with each centre searching a 2S x 2S window, then connectivity enforced.
 * The segments are the feature groups of an image explanation; everything downstream sees groups only.
 */

export interface SlicOptions {
  /** Superpixels wanted, about (default 50). */
  segments?: number;
  /** Weight of space against colour: larger gives squarer segments (default 10, Lab units). */
  compactness?: number;
  /** k-means passes (default 10; the paper finds 10 enough for most images). */
  iterations?: number;
}

export interface Segmentation {
  /** For each pixel (row-major), its segment 0..count-1. */
  segmentOfPixel: Int32Array;
  count: number;
}

export function slic(rgb: Uint8ClampedArray, height: number, width: number, options: SlicOptions = {}): Segmentation {
  const n = height * width;
  if (n === 0) return { segmentOfPixel: new Int32Array(0), count: 0 };
  if (rgb.length < n * 4) throw new Error(`slic: ${rgb.length} bytes for a ${height}x${width} RGBA image`);
  const wanted = Math.max(1, Math.min(n, Math.round(options.segments ?? 50)));
  const m = options.compactness ?? 10;
  const iterations = options.iterations ?? 10;
  const lab = toLab(rgb, n);

  // A grid of about `wanted` cells, as square as the image allows; S is the mean cell side.
  const s = Math.sqrt(n / wanted);
  const rows = Math.max(1, Math.min(height, Math.round(height / s)));
  const cols = Math.max(1, Math.min(width, Math.round(width / s)));
  const stepY = height / rows;
  const stepX = width / cols;
  const step = Math.sqrt(stepY * stepX);
  const k = rows * cols;
  // Centres: L, a, b, y, x.
  const centre = new Float64Array(k * 5);
  const gradient = gradients(lab, height, width);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // The cell's middle; off edges and noisy pixels, the lowest gradient of the 3x3 pixels around it
      // (strictly lower than the middle pixel's, first found on ties, so flat regions keep the exact grid).
      const y0 = Math.min(height - 1, Math.floor((r + 0.5) * stepY));
      const x0 = Math.min(width - 1, Math.floor((c + 0.5) * stepX));
      let y = (r + 0.5) * stepY - 0.5;
      let x = (c + 0.5) * stepX - 0.5;
      let at = y0 * width + x0;
      let best = gradient[at];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y0 + dy;
          const xx = x0 + dx;
          if (yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
          if (gradient[yy * width + xx] < best) {
            best = gradient[yy * width + xx];
            at = yy * width + xx;
            y = yy;
            x = xx;
          }
        }
      }
      setCentre(centre, r * cols + c, lab, at, y, x);
    }
  }

  const label = new Int32Array(n).fill(-1);
  const distance = new Float64Array(n);
  const spatial = (m / step) ** 2;
  // Window half-sides per axis: a full grid step, so every pixel lies in some centre's window.
  const halfY = Math.ceil(stepY);
  const halfX = Math.ceil(stepX);
  const sums = new Float64Array(k * 6);
  for (let it = 0; it < iterations; it++) {
    distance.fill(Infinity);
    for (let i = 0; i < k; i++) {
      const o = i * 5;
      const cy = Math.round(centre[o + 3]);
      const cx = Math.round(centre[o + 4]);
      const yEnd = Math.min(height, cy + halfY + 1);
      const xEnd = Math.min(width, cx + halfX + 1);
      for (let y = Math.max(0, cy - halfY); y < yEnd; y++) {
        const dy2 = (y - centre[o + 3]) ** 2;
        for (let x = Math.max(0, cx - halfX); x < xEnd; x++) {
          const p = y * width + x;
          const dl = lab[p * 3] - centre[o];
          const da = lab[p * 3 + 1] - centre[o + 1];
          const db = lab[p * 3 + 2] - centre[o + 2];
          // D^2 = dc^2 + (ds / S)^2 m^2: the square root is monotone, so it is left out.
          const d = dl * dl + da * da + db * db + (dy2 + (x - centre[o + 4]) ** 2) * spatial;
          if (d < distance[p]) {
            distance[p] = d;
            label[p] = i;
          }
        }
      }
    }
    sums.fill(0);
    for (let y = 0, p = 0; y < height; y++) {
      for (let x = 0; x < width; x++, p++) {
        const i = label[p];
        if (i < 0) continue;
        sums[i * 6] += lab[p * 3];
        sums[i * 6 + 1] += lab[p * 3 + 1];
        sums[i * 6 + 2] += lab[p * 3 + 2];
        sums[i * 6 + 3] += y;
        sums[i * 6 + 4] += x;
        sums[i * 6 + 5]++;
      }
    }
    // A centre that won no pixel stays where it was.
    for (let i = 0; i < k; i++) {
      const count = sums[i * 6 + 5];
      if (count > 0) for (let t = 0; t < 5; t++) centre[i * 5 + t] = sums[i * 6 + t] / count;
    }
  }
  // Tiny as in the paper's code: a quarter of a mean superpixel.
  return enforceConnectivity(label, lab, height, width, Math.floor(n / k / 4));
}

function setCentre(centre: Float64Array, i: number, lab: Float64Array, p: number, y: number, x: number) {
  centre.set([lab[p * 3], lab[p * 3 + 1], lab[p * 3 + 2], y, x], i * 5);
}

/**
 * Each 4-connected piece of one k-means label is a segment, except pieces of at most `minSize` pixels: the
 * smallest of those joins, pass after pass, its neighbour closest in mean Lab colour until none is left
 * (region merging, so noise neither leaves specks nor chains everything into one segment). Segments are then
 * numbered in the raster order of their first pixel.
 */
function enforceConnectivity(label: Int32Array, lab: Float64Array, height: number, width: number, minSize: number) {
  const n = height * width;
  const { pieceOf, pieces } = connectedPieces(label, height, width);
  const size = new Float64Array(pieces);
  const colour = new Float64Array(pieces * 3);
  const near = Array.from({ length: pieces }, () => new Set<number>());
  for (let p = 0; p < n; p++) {
    const a = pieceOf[p];
    size[a]++;
    for (let c = 0; c < 3; c++) colour[a * 3 + c] += lab[p * 3 + c];
    const x = p % width;
    if (x + 1 < width && pieceOf[p + 1] !== a) link(near, a, pieceOf[p + 1]);
    if (p + width < n && pieceOf[p + width] !== a) link(near, a, pieceOf[p + width]);
  }
  const parent = Int32Array.from({ length: pieces }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let merged = true; merged;) {
    merged = false;
    const tiny = [];
    for (let i = 0; i < pieces; i++) if (parent[i] === i && size[i] <= minSize) tiny.push(i);
    tiny.sort((a, b) => size[a] - size[b] || a - b);
    for (const t of tiny) {
      if (parent[t] !== t || size[t] > minSize) continue;
      let best = -1;
      let bestDistance = Infinity;
      for (const q of near[t]) {
        const r = root(q);
        if (r === t) continue;
        let d = 0;
        for (let c = 0; c < 3; c++) d += (colour[r * 3 + c] / size[r] - colour[t * 3 + c] / size[t]) ** 2;
        if (d < bestDistance || (d === bestDistance && r < best)) [best, bestDistance] = [r, d];
      }
      if (best < 0) continue;
      // The larger side keeps its neighbour set; the other's is poured in.
      const [big, small] = near[best].size >= near[t].size ? [best, t] : [t, best];
      for (const q of near[small]) near[big].add(q);
      near[small].clear();
      parent[small] = big;
      size[big] += size[small];
      for (let c = 0; c < 3; c++) colour[big * 3 + c] += colour[small * 3 + c];
      merged = true;
    }
  }
  const number = new Int32Array(pieces).fill(-1);
  const segmentOfPixel = new Int32Array(n);
  let count = 0;
  for (let p = 0; p < n; p++) {
    const r = root(pieceOf[p]);
    if (number[r] < 0) number[r] = count++;
    segmentOfPixel[p] = number[r];
  }
  return { segmentOfPixel, count };
}

function link(near: Set<number>[], a: number, b: number) {
  near[a].add(b);
  near[b].add(a);
}

/** 4-connected pieces of equal labels, numbered in raster order (a flood fill per piece). */
function connectedPieces(label: Int32Array, height: number, width: number) {
  const n = height * width;
  const pieceOf = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let pieces = 0;
  for (let start = 0; start < n; start++) {
    if (pieceOf[start] >= 0) continue;
    pieceOf[start] = pieces;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const p = stack[--top];
      const x = p % width;
      const visit = (q: number) => {
        if (pieceOf[q] < 0 && label[q] === label[p]) {
          pieceOf[q] = pieces;
          stack[top++] = q;
        }
      };
      if (p >= width) visit(p - width);
      if (p + width < n) visit(p + width);
      if (x > 0) visit(p - 1);
      if (x + 1 < width) visit(p + 1);
    }
    pieces++;
  }
  return { pieceOf, pieces };
}

/** G(x, y) = |I(x+1, y) - I(x-1, y)|^2 + |I(x, y+1) - I(x, y-1)|^2 in Lab, edges clamped. */
function gradients(lab: Float64Array, height: number, width: number): Float64Array {
  const g = new Float64Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = y * width + Math.max(0, x - 1);
      const r = y * width + Math.min(width - 1, x + 1);
      const u = Math.max(0, y - 1) * width + x;
      const d = Math.min(height - 1, y + 1) * width + x;
      let acc = 0;
      for (let t = 0; t < 3; t++)
        acc += (lab[r * 3 + t] - lab[l * 3 + t]) ** 2 + (lab[d * 3 + t] - lab[u * 3 + t]) ** 2;
      g[y * width + x] = acc;
    }
  }
  return g;
}

/** sRGB (8 bits, D65) to CIELAB: undo the sRGB curve, the sRGB-to-XYZ matrix, then the CIE 1976 formulas. */
export function toLab(rgba: Uint8ClampedArray, pixels: number): Float64Array {
  const linear = new Float64Array(256);
  for (let v = 0; v < 256; v++) {
    const c = v / 255;
    linear[v] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }
  const lab = new Float64Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    const r = linear[rgba[p * 4]];
    const g = linear[rgba[p * 4 + 1]];
    const b = linear[rgba[p * 4 + 2]];
    // Reference white D65 (0.95047, 1, 1.08883), the rows of the sRGB matrix divided by it.
    const fx = labF((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047);
    const fy = labF(0.2126729 * r + 0.7151522 * g + 0.072175 * b);
    const fz = labF((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883);
    lab[p * 3] = 116 * fy - 16;
    lab[p * 3 + 1] = 500 * (fx - fy);
    lab[p * 3 + 2] = 200 * (fy - fz);
  }
  return lab;
}

const DELTA = 6 / 29;

function labF(t: number): number {
  return t > DELTA ** 3 ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4 / 29;
}
