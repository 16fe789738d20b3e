/**
 * NumPy .npy -> Table. Format (numpy's "NEP 1" / numpy.lib.format docs): magic "\x93NUMPY", version
 * major.minor, header length (uint16 LE for 1.x, uint32 LE for 2.x/3.x), then a Python dict literal
 * {'descr': '<f8', 'fortran_order': False, 'shape': (r, c), } padded with spaces, then the raw data.
 */

import { DataError, type Table } from './table';

export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

export function parseNpyHeader(bytes: Uint8Array, fileName: string): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new DataError(fileName, 'is not a .npy file');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wide = major >= 2;
  const headerLength = wide ? view.getUint32(8, true) : view.getUint16(8, true);
  const start = wide ? 12 : 10;
  if (start + headerLength > bytes.length) throw new DataError(fileName, 'has a truncated .npy header');
  const text = new TextDecoder(major >= 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new DataError(fileName, `has a .npy header numpy would not write: ${text.trim()}`);
  }
  const dims = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  // Each axis a whole number (a corrupt header could say "1e3", "-2" or "nan", which Number() would accept).
  if (dims.some((d) => !/^\d{1,15}L?$/.test(d))) {
    throw new DataError(fileName, `has a .npy shape numpy would not write: (${shapeText.trim()})`);
  }
  const shape = dims.map((d) => Number.parseInt(d, 10));
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset: start + headerLength };
}

export type Reader = (view: DataView, at: number, little: boolean) => number;

export const READERS: Record<string, [number, Reader]> = {
  f4: [4, (v, at, le) => v.getFloat32(at, le)],
  f8: [8, (v, at, le) => v.getFloat64(at, le)],
  i1: [1, (v, at) => v.getInt8(at)],
  u1: [1, (v, at) => v.getUint8(at)],
  b1: [1, (v, at) => (v.getUint8(at) ? 1 : 0)],
  i2: [2, (v, at, le) => v.getInt16(at, le)],
  u2: [2, (v, at, le) => v.getUint16(at, le)],
  i4: [4, (v, at, le) => v.getInt32(at, le)],
  u4: [4, (v, at, le) => v.getUint32(at, le)],
  i8: [8, (v, at, le) => Number(v.getBigInt64(at, le))],
  u8: [8, (v, at, le) => Number(v.getBigUint64(at, le))],
};

/** A 2-D array is rows x columns; a 1-D array is one row. */
export function parseNpy(bytes: Uint8Array, fileName: string, options: { allowMissing?: boolean } = {}): Table {
  const h = parseNpyHeader(bytes, fileName);
  const m = /^([<>|=])([a-z]\d+)$/.exec(h.descr);
  const reader = m ? READERS[m[2]] : undefined;
  if (!m || !reader)
    throw new DataError(fileName, `holds dtype ${h.descr}; numbers (float, int, uint, bool) are needed`);
  if (h.shape.length < 1 || h.shape.length > 2) {
    throw new DataError(fileName, `has shape (${h.shape.join(', ')}); a 1-D or 2-D array is needed`);
  }
  const [size, read] = reader;
  const little = m[1] !== '>';
  const rows = h.shape.length === 2 ? h.shape[0] : 1;
  const cols = h.shape.length === 2 ? h.shape[1] : h.shape[0];
  if (h.dataOffset + rows * cols * size > bytes.length) {
    throw new DataError(fileName, `is truncated: shape (${h.shape.join(', ')}) needs ${rows * cols * size} data bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const flat = h.fortranOrder ? j * rows + i : i * cols + j;
      const v = read(view, h.dataOffset + flat * size, little);
      if (Number.isNaN(v) && options.allowMissing) {
        values[i * cols + j] = NaN;
        continue;
      }
      if (!Number.isFinite(v)) {
        throw new DataError(fileName, `${v} is not a finite number`, { row: i + 1, column: { number: j + 1 } });
      }
      // 64-bit integers are kept exactly up to 2^53 (a float64's integers); past it they would change.
      if (size === 8 && m[2][0] !== 'f' && !Number.isSafeInteger(v)) {
        throw new DataError(fileName, `${v} is past 2^53 and cannot be kept exactly`, {
          row: i + 1,
          column: { number: j + 1 },
        });
      }
      values[i * cols + j] = v;
    }
  }
  return {
    fileName,
    featureNames: Array.from({ length: cols }, (_, j) => `column ${j + 1}`),
    named: false,
    rows,
    cols,
    values,
    rowNumbers: Int32Array.from({ length: rows }, (_, i) => i + 1),
    columnNumbers: Int32Array.from({ length: cols }, (_, j) => j + 1),
  };
}
