/**
 * What a sequence explanation reads first: which input is a sequence and where its time axis is (shape,
 * sidecar `sequence`), the data (.npy, CSV, WAV, or a folder of them) as rows of T steps, and the masker.
 */
import path from 'node:path';
import type { ExplainSettings } from '../../../protocol/explainTypes';
import { parseRows } from '../../data/rows';
import { sequenceShapeOf, type SequenceShape } from '../../data/sequence/layout';
import { loadSequenceFiles, SEQUENCE_EXTENSIONS, type SequenceRows, type SequenceWant } from '../../data/sequence/load';
import { throwIfRefused } from '../../data/readGuard';
import { DataError } from '../../data/table';
import { defaultWindow, type SequenceGrid } from '../sequence/windows';
import type { JobEnvironment, ModelFile } from './jobData';

export interface SequenceInput {
  name: string;
  shape: (number | string)[];
  sequence: SequenceShape;
}

const FLOATS = new Set(['float32', 'float64']);
const fixed = (d: number | string) => (typeof d === 'number' && d > 0 ? d : undefined);

/**
 * The explained input when it is a sequence: a float input of rank 3 (not an image), or of rank 2 when
 * nothing else fits a table: the sidecar has a `sequence` block (or --window), the data is a WAV, or T is free.
 */
export function sequenceInputOf(file: ModelFile, settings: ExplainSettings): SequenceInput | undefined {
  const g = file.model.graph;
  const initialisers = new Set(g.initializers.map((t) => t.name));
  const inputs = g.inputs.filter((i) => !initialisers.has(i.name));
  const input =
    settings.input === undefined
      ? inputs.find((i) => i.type?.kind === 'tensor' && FLOATS.has(i.type.elemType))
      : inputs.find((i) => i.name === settings.input);
  if (!input || input.type?.kind !== 'tensor' || !input.type.shape || !FLOATS.has(input.type.elemType))
    return undefined;
  const shape = input.type.shape.map((d, i) => (d === null ? `${input.name}[${i}]` : d));
  const declared = settings.sequence !== undefined || settings.data.toLowerCase().endsWith('.wav');
  if (shape.length === 2 && !declared && fixed(shape[1]) !== undefined) return undefined;
  let sequence: SequenceShape | undefined;
  try {
    sequence = sequenceShapeOf(shape, settings.sequence?.layout);
  } catch (e) {
    throw new Error(`${settings.sidecarName ?? file.fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return sequence && { name: input.name, shape, sequence };
}

export interface PreparedSequences {
  data: SequenceRows;
  grid: SequenceGrid;
  window: number;
  rowIndices: number[];
  rows: Float64Array;
  labels: string[];
  /** What a hidden window becomes, one row in the model's layout, and how the plan says it. */
  masked: Float64Array;
  maskerText: string;
}

export async function prepareSequences(
  env: JobEnvironment,
  file: ModelFile,
  input: SequenceInput,
  settings: ExplainSettings,
): Promise<PreparedSequences> {
  const s = settings.sequence ?? {};
  const where = settings.sidecarName ?? file.fileName;
  const modelLength = fixed(input.sequence.length);
  if (modelLength !== undefined && s.length !== undefined && s.length !== modelLength) {
    throw new Error(`${where}: sequence.length is ${s.length} but the model fixes ${modelLength} steps`);
  }
  const want: SequenceWant = {
    layout: input.sequence.layout,
    length: modelLength ?? s.length,
    features: fixed(input.sequence.features),
  };
  const data = await readSequences(env, settings.data, want);
  const grid: SequenceGrid = { layout: input.sequence.layout, length: data.length, features: data.features };
  const rowIndices = settings.rows
    ? parseRows(settings.rows, data.rows, true)
    : Array.from({ length: Math.min(8, data.rows) }, (_, i) => i);
  const d = data.length * data.features;
  const rows = new Float64Array(rowIndices.length * d);
  rowIndices.forEach((r, i) => rows.set(data.values.subarray(r * d, (r + 1) * d), i * d));
  const background = settings.background
    ? await readSequences(env, settings.background, { ...want, length: data.length, features: data.features })
    : data;
  const { masked, text } = masker(s.masker ?? 'mean', background, settings.background);
  const window = Math.min(data.length, s.window ?? defaultWindow(data.length));
  return {
    data,
    grid,
    window,
    rowIndices,
    rows,
    labels: rowIndices.map((r) => data.labels[r]),
    masked,
    maskerText: text,
  };
}

/** The data's mean at each step and feature over its rows, or zeros (also when there is one row: its mean is itself). */
function masker(
  kind: 'mean' | 'zero',
  from: SequenceRows,
  file: string | undefined,
): { masked: Float64Array; text: string } {
  const d = from.length * from.features;
  const masked = new Float64Array(d);
  if (kind === 'zero') return { masked, text: 'hidden windows are zeros' };
  if (from.rows < 2) {
    return { masked, text: 'hidden windows are zeros (one sequence: the mean of one row is the row itself)' };
  }
  for (let r = 0; r < from.rows; r++) for (let e = 0; e < d; e++) masked[e] += from.values[r * d + e] / from.rows;
  const source = file ? path.basename(file) : 'the data';
  return { masked, text: `hidden windows take the mean of ${from.rows} rows of ${source} at each step and feature` };
}

async function readSequences(env: JobEnvironment, data: string, want: SequenceWant): Promise<SequenceRows> {
  let files = [data];
  if (!SEQUENCE_EXTENSIONS.includes(path.extname(data).toLowerCase())) {
    if (!env.folders || !(await env.folders.isDirectory(data))) {
      throw new DataError(
        path.basename(data),
        `is not sequence data (${SEQUENCE_EXTENSIONS.join(', ')}, or a folder of them)`,
      );
    }
    const names = (await env.folders.readDir(data)).filter((n) =>
      SEQUENCE_EXTENSIONS.includes(path.extname(n).toLowerCase()),
    );
    if (names.length === 0)
      throw new DataError(path.basename(data), `holds no ${SEQUENCE_EXTENSIONS.join(', ')} files`);
    files = names.sort().map((n) => path.join(data, n));
  }
  const read = await Promise.all(
    files.map(async (f) => {
      try {
        return { path: f, bytes: await env.readFile(f) };
      } catch (e) {
        throwIfRefused(e);
        throw new DataError(path.basename(f), 'cannot be read (does it exist?)');
      }
    }),
  );
  return loadSequenceFiles(read, want);
}
