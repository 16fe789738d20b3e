// Test-only: pictures drawn pixel by pixel and encoded with the library's own encoders, and an N-d .npy writer
// (numpy's format docs: magic, version 1.0, header dict padded to 64 bytes, then little-endian float64 data).

import jpeg from '@jimp/js-jpeg';
import png, { PNGColorType } from '@jimp/js-png';
import { encodePng } from '../../../../src/engine/data/image/load';

export type Colour = [number, number, number];

/** RGBA pixels of a width x height picture whose colour at (x, y) is paint(x, y); alpha 255 unless given. */
export function draw(width: number, height: number, paint: (x: number, y: number) => Colour | number[]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b, a = 255] = paint(x, y);
      data.set([r, g, b, a], (y * width + x) * 4);
    }
  }
  return data;
}

export const pngOf = (w: number, h: number, paint: (x: number, y: number) => Colour | number[]): Uint8Array =>
  encodePng(draw(w, h, paint), w, h);

export function jpegOf(w: number, h: number, paint: (x: number, y: number) => Colour, quality = 95): Uint8Array {
  return new Uint8Array(jpeg().encode({ data: Buffer.from(draw(w, h, paint)), width: w, height: h }, { quality }));
}

/** An 8-bit greyscale PNG (colour type 0) of the picture's red channel. */
export function greyPngOf(w: number, h: number, paint: (x: number, y: number) => number): Uint8Array {
  const data = Buffer.from(draw(w, h, (x, y) => [paint(x, y), paint(x, y), paint(x, y)]));
  return new Uint8Array(png().encode({ data, width: w, height: h }, { colorType: PNGColorType.GRAYSCALE }));
}

/** .npy bytes; `values` are in the file's order (row-major, or first axis fastest when `fortran`). */
export function npyOf(values: ArrayLike<number>, shape: number[], fortran = false): Uint8Array {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f8', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${dims}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + values.length * 8);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  for (let i = 0; i < values.length; i++) view.setFloat64(10 + header.length + i * 8, values[i], true);
  return out;
}
