/** Data rows (every input's elements, in the model's input order) as onnxruntime feeds, a block of rows at a time. */
import { columnsOf, rowElements, toTensor } from './backendModel';
import type { InferenceBackend, NumericArray, TensorData, TensorInfo } from '../runtime/backend';
import { halfToFloat } from '../onnx/minifloat';

export interface RowLayout {
  slices: { info: TensorInfo; start: number; width: number }[];
  /** Elements per data row. */
  width: number;
  /** Rows per call at most: 1 when an input's batch axis is fixed at 1. */
  maxBatch: number;
}

export function rowLayout(inputs: readonly TensorInfo[]): RowLayout {
  const slices: RowLayout['slices'] = [];
  let width = 0;
  let maxBatch = Number.MAX_SAFE_INTEGER;
  for (const info of inputs) {
    if (!info.isTensor) throw new Error(`input '${info.name}' is not a tensor; Model Lens cannot feed it`);
    const { elements, fixedBatch } = rowElements(info);
    if (fixedBatch !== undefined && fixedBatch !== 1)
      throw new Error(
        `input '${info.name}' has a fixed batch of ${fixedBatch}; Model Lens needs a free batch axis or 1`,
      );
    if (fixedBatch === 1) maxBatch = 1;
    slices.push({ info, start: width, width: elements });
    width += elements;
  }
  return { slices, width, maxBatch };
}

/** Feeds for `n` rows taken from `rows` (row-major, `layout.width` values a row). */
export function rowFeeds(layout: RowLayout, rows: Float32Array, n: number): Record<string, TensorData> {
  const feeds: Record<string, TensorData> = {};
  for (const sl of layout.slices)
    feeds[sl.info.name] = toTensor(sl.info, columnsOf(rows, n, layout.width, sl), n, sl.width);
  return feeds;
}

/** A numeric tensor's values as float64 (float16 decoded, int64 as numbers). */
export function numbersOf(t: TensorData): Float64Array {
  const data: NumericArray | string[] = t.data;
  if (Array.isArray(data)) throw new Error('the output holds strings');
  if (t.type === 'float16' && data instanceof Uint16Array) return Float64Array.from(data, halfToFloat);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float64Array.from(data, Number);
  return Float64Array.from(data);
}

export interface RowOutputs {
  /** Per output: rows x columns values, and the columns (elements per row). */
  values: Map<string, { data: Float64Array; columns: number }>;
  /** Milliseconds spent in the model's run calls. */
  runMs: number;
  /** The median over calls of a call's milliseconds per row: one call the OS preempted does not move it. */
  msPerRow: number;
  batch: number;
}

/** Runs every row once, `batch` rows per call, and keeps the named outputs. */
export async function runRows(
  backend: InferenceBackend,
  rows: Float32Array,
  count: number,
  outputs: readonly string[],
  options: { batch: number; cancel?: { isCancellationRequested: boolean } },
): Promise<RowOutputs> {
  const layout = rowLayout(backend.inputs);
  const batch = Math.max(1, Math.min(options.batch, layout.maxBatch));
  const parts = new Map<string, Float64Array[]>(outputs.map((o) => [o, []]));
  // One row first, untimed: a session's first run pays for its allocations, which is not the model's latency.
  if (count > 0) await backend.run(rowFeeds(layout, rows.subarray(0, layout.width), 1), outputs);
  let runMs = 0;
  const perRow: number[] = [];
  for (let start = 0; start < count; start += batch) {
    if (options.cancel?.isCancellationRequested) throw new Error('The comparison was cancelled.');
    const n = Math.min(batch, count - start);
    const feeds = rowFeeds(layout, rows.subarray(start * layout.width, (start + n) * layout.width), n);
    const t0 = performance.now();
    const result = await backend.run(feeds, outputs);
    const ms = performance.now() - t0;
    runMs += ms;
    perRow.push(ms / n);
    for (const o of outputs) {
      const t = result[o];
      if (!t) throw new Error(`the model returned no '${o}'`);
      parts.get(o)!.push(numbersOf(t));
    }
  }
  const values = new Map<string, { data: Float64Array; columns: number }>();
  for (const [o, list] of parts) {
    const total = list.reduce((s, p) => s + p.length, 0);
    const data = new Float64Array(total);
    let at = 0;
    for (const p of list) {
      data.set(p, at);
      at += p.length;
    }
    values.set(o, { data, columns: count > 0 ? total / count : 0 });
  }
  perRow.sort((x, y) => x - y);
  const mid = perRow.length >> 1;
  const msPerRow = perRow.length === 0 ? 0 : perRow.length % 2 ? perRow[mid] : (perRow[mid - 1] + perRow[mid]) / 2;
  return { values, runMs, msPerRow, batch };
}
