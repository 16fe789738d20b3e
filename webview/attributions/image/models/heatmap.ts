/** The heat map's colours and pictures as numbers: a diverging map over transparent, composited over the image. */

export type Rgb = readonly [number, number, number];

/** 'signed': red toward the class, blue away; 'positive': only what pushes toward the class. */
export type HeatMode = 'signed' | 'positive';

export interface HeatColours {
  /** The colour of values that push toward the class (the theme's red). */
  positive: Rgb;
  /** The colour of values that push away from it (the theme's blue). */
  negative: Rgb;
}

export interface OverlayOptions extends HeatColours {
  /** 0..1: the alpha of the largest |value|. */
  opacity: number;
  mode: HeatMode;
  /** The |value| drawn at full opacity; default the map's largest |value|. */
  scale?: number;
}

/** The largest finite |value|: the symmetric colour scale runs from -scale to +scale. */
export function mapScale(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (Number.isFinite(a) && a > m) m = a;
  }
  return m;
}

/** RGBA (0..255) of one value: the sign picks the hue, |value| / scale the alpha; 0, NaN and hidden negatives are clear. */
export function heatColour(value: number, scale: number, o: OverlayOptions): [number, number, number, number] {
  if (!Number.isFinite(value) || value === 0 || scale <= 0 || (o.mode === 'positive' && value < 0)) return [0, 0, 0, 0];
  const t = Math.min(1, Math.abs(value) / scale);
  const [r, g, b] = value > 0 ? o.positive : o.negative;
  return [r, g, b, Math.round(255 * t * Math.max(0, Math.min(1, o.opacity)))];
}

/** The overlay of a map (row-major height*width) as straight-alpha RGBA, ready for ImageData. */
export function overlayRgba(values: ArrayLike<number>, o: OverlayOptions): Uint8ClampedArray<ArrayBuffer> {
  const scale = o.scale ?? mapScale(values);
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) out.set(heatColour(values[i], scale, o), i * 4);
  return out;
}

/** Porter-Duff "source over" of straight-alpha RGBA pictures of the same size (the overlay on top). */
export function compositeOver(base: Uint8ClampedArray, overlay: Uint8ClampedArray): Uint8ClampedArray<ArrayBuffer> {
  if (base.length !== overlay.length) throw new Error('The overlay and the picture differ in size.');
  const out = new Uint8ClampedArray(base.length);
  for (let i = 0; i < base.length; i += 4) {
    const as = overlay[i + 3] / 255;
    const ab = base[i + 3] / 255;
    const a = as + ab * (1 - as);
    out[i + 3] = Math.round(a * 255);
    if (a === 0) continue;
    for (let c = 0; c < 3; c++) out[i + c] = Math.round((overlay[i + c] * as + base[i + c] * ab * (1 - as)) / a);
  }
  return out;
}

/** Each pixel repeated factor x factor times (nearest neighbour), so a 28x28 map stays crisp when saved large. */
export function upscaleNearest(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  factor: number,
): Uint8ClampedArray<ArrayBuffer> {
  const f = Math.max(1, Math.floor(factor));
  const w = width * f;
  const out = new Uint8ClampedArray(w * height * f * 4);
  for (let y = 0; y < height * f; y++) {
    const sy = Math.floor(y / f);
    for (let x = 0; x < w; x++) {
      const from = (sy * width + Math.floor(x / f)) * 4;
      out.set(rgba.subarray(from, from + 4), (y * w + x) * 4);
    }
  }
  return out;
}

/** The integer factor that makes the longer side at least `target` pixels (1 for large pictures). */
export function readableFactor(width: number, height: number, target = 448): number {
  return Math.max(1, Math.ceil(target / Math.max(1, width, height)));
}

/** Numbers printed on the colour legend: -scale, 0, +scale (0 and +scale when only positives are shown). */
export function legendTicks(scale: number, mode: HeatMode): number[] {
  if (scale <= 0) return [0];
  return mode === 'positive' ? [0, scale / 2, scale] : [-scale, -scale / 2, 0, scale / 2, scale];
}

/** A CSS colour ("#e51400", "rgb(229, 20, 0)") as RGB; the fallback when it is not one of those. */
export function parseRgb(css: string, fallback: Rgb): Rgb {
  const s = css.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(s);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : fallback;
}
