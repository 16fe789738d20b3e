/**
 * Sequence data as model rows: .npy arrays in the model's layout, CSV files (one row per time step, one
 * file one sequence) and WAV files (cut into consecutive rows of T samples when T is fixed, else whole).
 */
import path from 'node:path';
import { parseCsv } from '../csv';
import { parseNpyHeader, READERS } from '../npy';
import { DataError } from '../table';
import { rowDims, toModelLayout, type SequenceLayout } from './layout';
import { decodeWav } from './wav';

/** The model's sequence axes: T and F are undefined where the model leaves them free. */
export interface SequenceWant {
  layout: SequenceLayout;
  length?: number;
  features?: number;
}

export interface SequenceRows {
  /** Rows in the model's layout, row-major, `length * features` values each. */
  values: Float64Array;
  rows: number;
  length: number;
  features: number;
  /** Where each row came from: a file, with the row or the steps [start:end) within it. */
  labels: string[];
  /** The WAV files' sample rate (they must share one), when the data is audio. */
  sampleRate?: number;
  notes: string[];
}

export const SEQUENCE_EXTENSIONS = ['.npy', '.csv', '.tsv', '.wav'];

export function loadSequenceFiles(files: { path: string; bytes: Uint8Array }[], wanted: SequenceWant): SequenceRows {
  // An NT input has one value per step.
  const want = wanted.layout === 'NT' ? { ...wanted, features: 1 } : wanted;
  const rows: Float64Array[] = [];
  const labels: string[] = [];
  const notes: string[] = [];
  let shape: { length: number; features: number; from: string } | undefined;
  let sampleRate: number | undefined;
  const add = (name: string, row: Float64Array, length: number, features: number, label: string) => {
    if (shape && (shape.length !== length || shape.features !== features)) {
      throw new DataError(
        name,
        `has ${length} steps of ${features} features, but ${shape.from} has ${shape.length} of ${shape.features}; ` +
          'rows of one run share one shape (set sequence.length to cut recordings into rows of that many steps)',
      );
    }
    shape ??= { length, features, from: name };
    rows.push(row);
    labels.push(label);
  };
  for (const file of files) {
    const name = path.basename(file.path);
    const ext = path.extname(name).toLowerCase();
    if (ext === '.wav') {
      const wav = decodeWav(file.bytes, name);
      if (sampleRate !== undefined && wav.sampleRate !== sampleRate) {
        throw new DataError(name, `is sampled at ${wav.sampleRate} Hz, the other WAV files at ${sampleRate} Hz`);
      }
      sampleRate = wav.sampleRate;
      wavRows(name, wav.channels, want, notes, add);
    } else if (ext === '.csv' || ext === '.tsv') {
      const table = parseCsv(new TextDecoder().decode(file.bytes), name);
      const features = table.cols;
      if (want.features !== undefined && features !== want.features) {
        throw new DataError(
          name,
          `has ${features} columns (features); the model's input takes ${want.features} per time step`,
        );
      }
      if (want.length !== undefined && table.rows !== want.length) {
        throw new DataError(
          name,
          `has ${table.rows} rows (time steps); the model's input takes ${want.length} (one file is one sequence)`,
        );
      }
      add(name, toModelLayout(table.values, want.layout, table.rows, features), table.rows, features, name);
    } else if (ext === '.npy') {
      npyRows(name, file.bytes, want, add);
    } else {
      throw new DataError(name, `is not sequence data (${SEQUENCE_EXTENSIONS.join(', ')})`);
    }
  }
  if (!shape || rows.length === 0)
    throw new DataError(files[0] ? path.basename(files[0].path) : 'data', 'holds no sequences');
  const d = shape.length * shape.features;
  const values = new Float64Array(rows.length * d);
  rows.forEach((r, i) => values.set(r, i * d));
  return { values, rows: rows.length, length: shape.length, features: shape.features, labels, sampleRate, notes };
}

type Add = (name: string, row: Float64Array, length: number, features: number, label: string) => void;

function wavRows(name: string, channels: Float32Array[], want: SequenceWant, notes: string[], add: Add): void {
  const features = channels.length;
  if (want.features !== undefined && features !== want.features) {
    throw new DataError(
      name,
      `has ${features} channels; the model's input takes ${want.features}` +
        (want.features === 1 ? ' (mix it down first, e.g. sox in.wav -c 1 out.wav)' : ''),
    );
  }
  const samples = channels[0].length;
  const length = want.length ?? samples;
  if (samples < length) throw new DataError(name, `has ${samples} samples, fewer than the model's ${length} per row`);
  const count = Math.floor(samples / length);
  if (count * length < samples)
    notes.push(`${name}: the last ${samples - count * length} samples do not fill a row of ${length} and are left out`);
  for (let r = 0; r < count; r++) {
    const stepMajor = new Float64Array(length * features);
    for (let t = 0; t < length; t++)
      for (let f = 0; f < features; f++) stepMajor[t * features + f] = channels[f][r * length + t];
    const label = count === 1 && want.length === undefined ? name : `${name}[${r * length}:${(r + 1) * length}]`;
    add(name, toModelLayout(stepMajor, want.layout, length, features), length, features, label);
  }
}

function npyRows(name: string, bytes: Uint8Array, want: SequenceWant, add: Add): void {
  const h = parseNpyHeader(bytes, name);
  const m = /^([<>|=])([a-z]\d+)$/.exec(h.descr);
  const reader = m ? READERS[m[2]] : undefined;
  if (!m || !reader) throw new DataError(name, `holds dtype ${h.descr}; numbers (float, int, uint, bool) are needed`);
  if (h.fortranOrder) throw new DataError(name, 'is in Fortran order; save it with numpy.ascontiguousarray first');
  const rank = want.layout === 'NT' ? 1 : 2;
  const shape = h.shape;
  if (shape.length !== rank && shape.length !== rank + 1) {
    throw new DataError(
      name,
      `has shape (${shape.join(', ')}); the model's ${want.layout} input takes ${rank + 1} axes, or ${rank} for one sequence`,
    );
  }
  const one = shape.slice(shape.length - rank);
  const [length, features] =
    want.layout === 'NT' ? [one[0], 1] : want.layout === 'NTF' ? [one[0], one[1]] : [one[1], one[0]];
  const expected = rowDims(want.layout, want.length ?? length, want.features ?? features);
  if (expected.some((d, i) => d !== one[i])) {
    throw new DataError(
      name,
      `has shape (${shape.join(', ')}) but the model's input takes (N, ${expected.join(', ')}) (${want.layout})`,
    );
  }
  const n = shape.length === rank + 1 ? shape[0] : 1;
  const d = length * features;
  const [size, read] = reader;
  if (h.dataOffset + n * d * size > bytes.length) {
    throw new DataError(name, `is truncated: shape (${shape.join(', ')}) needs ${n * d * size} data bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = m[1] !== '>';
  for (let r = 0; r < n; r++) {
    const row = new Float64Array(d);
    for (let e = 0; e < d; e++) {
      const v = read(view, h.dataOffset + (r * d + e) * size, little);
      if (!Number.isFinite(v))
        throw new DataError(name, `${v} is not a finite number`, { row: r + 1, column: { number: e + 1 } });
      row[e] = v;
    }
    add(name, row, length, features, n === 1 && shape.length === rank ? name : `${name}[${r}]`);
  }
}
