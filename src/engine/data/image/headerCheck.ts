/**
 * Checks made on an image's header before decoding it, so a corrupt or hostile size field cannot make the decoder
 * allocate gigabytes or spend minutes filling a picture the file has no data for.
 */
import { DataError } from '../table';

/** Larger pictures are refused: a 24-megapixel camera photo fits, and 40 MP of RGBA is 160 MB before resizing. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** zlib's deflate expands at most 1032:1 (its documented limit), so compressed bytes bound the pixels they hold. */
const DEFLATE_MAX_RATIO = 1032;

/** Channels per PNG colour type (PNG spec, IHDR): grey, RGB, palette, grey+alpha, RGBA. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function refuseSize(fileName: string, kind: string, width: number, height: number): void {
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new DataError(
      fileName,
      `is a ${width} x ${height} ${kind} image, more than the ${MAX_IMAGE_PIXELS / 1e6} megapixels Model Lens decodes; resize it first`,
    );
  }
}

/**
 * PNG: the IHDR size within the limit, and IDAT chunks large enough to inflate to at least that many pixels
 * (a lower bound on the raw scanlines, so a valid file always passes).
 */
export function checkPngHeader(bytes: Uint8Array, fileName: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Signature (8), then IHDR: length (4), "IHDR" (4), width, height (4 each), bit depth, colour type.
  if (bytes.length < 33) throw new DataError(fileName, 'is a truncated PNG image (no IHDR header)');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24];
  const channels = PNG_CHANNELS[bytes[25]] ?? 1;
  refuseSize(fileName, 'PNG', width, height);
  let compressed = 0;
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === 'IDAT') compressed += Math.min(length, bytes.length - at - 8);
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const rawLowerBound = Math.ceil((width * height * channels * Math.max(1, depth)) / 8);
  if (compressed * DEFLATE_MAX_RATIO < rawLowerBound) {
    throw new DataError(
      fileName,
      `is a corrupt or truncated PNG image (${compressed} bytes of pixel data cannot hold ${width} x ${height} pixels)`,
    );
  }
}

/**
 * JPEG: the size in the first start-of-frame marker within the limit, and, for Huffman-coded frames, a file long
 * enough for one bit per 8x8 luma block (every block codes its DC term with a Huffman code of 1 to 16 bits).
 */
export function checkJpegHeader(bytes: Uint8Array, fileName: string): void {
  for (let at = 2; at + 9 <= bytes.length;) {
    if (bytes[at] !== 0xff) return; // not a marker: let the decoder report the corruption
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC): length (2), precision (1), height (2), width (2).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (bytes[at + 5] << 8) | bytes[at + 6];
      const width = (bytes[at + 7] << 8) | bytes[at + 8];
      refuseSize(fileName, 'JPEG', width, height);
      const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
      const huffman = marker <= 0xc3 || (marker >= 0xc5 && marker <= 0xc7);
      if (huffman && bytes.length * 8 < blocks) {
        throw new DataError(
          fileName,
          `is a corrupt or truncated JPEG image (${bytes.length} bytes cannot hold ${width} x ${height} pixels)`,
        );
      }
      return;
    }
    if (marker === 0xda || marker === 0xd9) return; // scan data or the end before any frame
    at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
  }
}
