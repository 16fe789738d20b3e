/** The image view's files: the overlay composited over the picture as PNG, the maps as .npy. */
import { compositeOver, overlayRgba, readableFactor, upscaleNearest, type OverlayOptions } from './models/heatmap';
import type { MapView } from './models/imageView';
import { bytesToBase64, npyFloat32 } from './models/npy';

/** The picture's pixels at the map's grid (the browser decodes the PNG; nothing is decoded by hand). */
async function picturePixels(src: string, width: number, height: number): Promise<Uint8ClampedArray> {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas is available to draw the PNG.');
  ctx.drawImage(image, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height).data;
}

/** The composited picture, enlarged by whole pixels to a readable size, as PNG base64 (no data: prefix). */
export async function overlayPngBase64(m: MapView, picture: string | undefined, o: OverlayOptions): Promise<string> {
  const base = picture
    ? await picturePixels(picture, m.width, m.height)
    : new Uint8ClampedArray(m.width * m.height * 4);
  const composed = compositeOver(base, overlayRgba(m.values, { ...o, scale: m.scale }));
  const f = readableFactor(m.width, m.height);
  const canvas = document.createElement('canvas');
  canvas.width = m.width * f;
  canvas.height = m.height * f;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas is available to draw the PNG.');
  ctx.putImageData(new ImageData(upscaleNearest(composed, m.width, m.height, f), canvas.width, canvas.height), 0, 0);
  const url = canvas.toDataURL('image/png');
  return url.slice(url.indexOf(',') + 1);
}

/** One map as float32 [height, width], or several as [targets, height, width], in base64. */
export function mapsNpyBase64(maps: MapView[]): string {
  if (maps.length === 0) throw new Error('There is no map to save yet.');
  const { height, width } = maps[0];
  const data = new Float64Array(maps.length * height * width);
  maps.forEach((m, k) => data.set(m.values, k * height * width));
  const shape = maps.length === 1 ? [height, width] : [maps.length, height, width];
  return bytesToBase64(npyFloat32(shape, data));
}
