/**
 * Adapts a runtime backend (onnxruntime in the worker) to the attribution methods' BatchModel:
 * picks the explained input and output, converts rows to the input's element type, holds the
 * other inputs at given values, and reads the output's columns as float64.
 */
import type { InferenceBackend, NumericArray, TensorData, TensorInfo } from '../runtime/backend';
import { halfToFloat } from '../onnx/minifloat';
import { asRows, type BatchModel, type RowBuffer, type RowType } from './batchModel';
import { applyTransform, logitsTransform, outputChoice, transformNote, type OutputTransform } from './logitsOutput';

export interface ModelChoice {
  /** The explained input (default: the first numeric tensor input). */
  input?: string;
  /** The explained output (default: the first floating-point tensor output, never an integer label). */
  output?: string;
  /** The explained input's dims after the batch axis, where the model leaves some free (an image's size). */
  inputDims?: number[];
  /** Any input's dims after the batch axis, by name, where the model leaves some free (a text model's sequence length). */
  dimsOf?: Record<string, number[]>;
}

/**
 * A row holds every input's elements, in the model's input order; the explained input is the slice
 * `explained` of it (the whole row for a one-input model). Other inputs come from the row as they are.
 */
export interface ExplainedModel extends BatchModel {
  readonly inputName: string;
  readonly outputName: string;
  readonly explained: { start: number; width: number };
  /** The explained output's dims after the batch axis (from a probe run). */
  readonly outputDims: number[];
  /** Logits read as probabilities, and the plan's note saying so. */
  readonly outputTransform?: { kind: OutputTransform; note: string };
}

const NUMERIC_INPUTS = new Set(['float32', 'float64', 'int64', 'int32']);
/** Inputs whose values float32 would not keep (past 2^24 for integers): their rows travel as float64. */
const FLOAT64_ROWS = new Set(['float64', 'int64', 'int32']);
const FLOAT_OUTPUTS = new Set(['float32', 'float64', 'float16']);
const NUMERIC_OUTPUTS = new Set([...FLOAT_OUTPUTS, 'int64', 'int32', 'uint8', 'int8', 'bool']);

export function chooseInput(inputs: readonly TensorInfo[], name?: string): TensorInfo {
  if (name !== undefined) {
    const found = inputs.find((i) => i.name === name);
    if (!found) throw new Error(`the model has no input '${name}' (it has ${list(inputs)})`);
    return found;
  }
  const found = inputs.find((i) => i.isTensor && NUMERIC_INPUTS.has(i.elementType));
  if (!found) throw new Error(`the model has no numeric tensor input to explain (it has ${list(inputs)})`);
  return found;
}

export function chooseOutput(outputs: readonly TensorInfo[], name?: string): TensorInfo {
  if (name !== undefined) {
    const found = outputs.find((o) => o.name === name);
    if (!found) throw new Error(`the model has no output '${name}' (it has ${list(outputs)})`);
    if (!found.isTensor || !NUMERIC_OUTPUTS.has(found.elementType)) {
      throw new Error(`output '${name}' is ${found.elementType}, not a numeric tensor: choose another output`);
    }
    return found;
  }
  const found = outputs.find((o) => o.isTensor && FLOAT_OUTPUTS.has(o.elementType));
  if (!found) throw new Error(`the model has no floating-point tensor output to explain (it has ${list(outputs)})`);
  return found;
}

/** Elements per row of an input: the product of its dims after the batch axis, which must be fixed. */
export function rowElements(info: TensorInfo): { elements: number; fixedBatch?: number } {
  const rest = info.shape.slice(1);
  if (rest.some((d) => typeof d !== 'number')) {
    throw new Error(`input '${info.name}' has free dimensions after the batch axis ([${info.shape.join(', ')}])`);
  }
  const first = info.shape[0];
  return {
    elements: (rest as number[]).reduce((a, b) => a * b, 1),
    fixedBatch: typeof first === 'number' ? first : undefined,
  };
}

export async function backendModel(
  backend: InferenceBackend,
  choice: ModelChoice,
  probeRow: Float64Array,
): Promise<ExplainedModel> {
  const input = chooseInput(backend.inputs, choice.input);
  const wanted = outputChoice(backend.outputs, choice.output);
  const output = chooseOutput(backend.outputs, wanted.name);
  const slices: { info: TensorInfo; start: number; width: number }[] = [];
  let features = 0;
  let fixed: number | undefined;
  for (const declared of backend.inputs) {
    if (!declared.isTensor) throw new Error(`input '${declared.name}' is not a tensor; Model Lens cannot feed it`);
    const dims = (declared.name === input.name && choice.inputDims) || choice.dimsOf?.[declared.name];
    const info = dims ? { ...declared, shape: [declared.shape[0], ...dims] } : declared;
    const { elements, fixedBatch } = rowElements(info);
    if (fixedBatch !== undefined && fixedBatch !== 1) {
      throw new Error(
        `input '${info.name}' has a fixed batch of ${fixedBatch}; Model Lens needs a free batch axis or 1`,
      );
    }
    if (fixedBatch === 1) fixed = 1;
    slices.push({ info, start: features, width: elements });
    features += elements;
  }
  const explained = slices.find((sl) => sl.info.name === input.name)!;
  const maxBatch = fixed === 1 ? 1 : Number.MAX_SAFE_INTEGER;
  const rowType: RowType = slices.some((sl) => FLOAT64_ROWS.has(sl.info.elementType)) ? 'float64' : 'float32';
  const runBlock = async (rows: RowBuffer, n: number): Promise<TensorData> => {
    const feeds: Record<string, TensorData> = {};
    for (const sl of slices) feeds[sl.info.name] = toTensor(sl.info, columnsOf(rows, n, features, sl), n, sl.width);
    let result: TensorData | undefined;
    try {
      result = (await backend.run(feeds, [output.name]))[output.name];
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
      throw new Error(`the model failed on a block of ${n} rows of '${input.name}': ${why}`);
    }
    if (!result) throw new Error(`the model returned no '${output.name}'`);
    return result;
  };
  const probe = await runBlock(asRows({ rowType }, probeRow), 1);
  const columns = probe.data.length;
  const transform = logitsTransform(output.name, probe.dims.slice(1), wanted.raw);
  const model: ExplainedModel = {
    features,
    columns,
    maxBatch,
    rowType,
    inputName: input.name,
    outputName: output.name,
    explained: { start: explained.start, width: explained.width },
    outputDims: probe.dims.slice(1),
    ...(transform ? { outputTransform: { kind: transform, note: transformNote(output.name, transform) } } : {}),
    async evaluate(rows, n) {
      if (maxBatch !== 1) {
        const result = await runBlock(rows, n);
        if (result.data.length !== n * columns) {
          throw new Error(`output '${output.name}' gave ${result.data.length} values for ${n} rows`);
        }
        // float32 outputs go back as they are (no copy); others are converted.
        if (result.data instanceof Float32Array || result.data instanceof Float64Array) return result.data;
        const out = new Float64Array(n * columns);
        copyNumbers(result, out, 0);
        return out;
      }
      const out = new Float64Array(n * columns);
      for (let start = 0; start < n; start += maxBatch === 1 ? 1 : n) {
        const count = maxBatch === 1 ? 1 : n;
        const block = rows.subarray(start * features, (start + count) * features);
        const result = await runBlock(block, count);
        if (result.data.length !== count * columns) {
          throw new Error(`output '${output.name}' gave ${result.data.length} values for ${count} rows`);
        }
        copyNumbers(result, out, start * columns);
      }
      return out;
    },
  };
  if (!transform) return model;
  const evaluate = model.evaluate.bind(model);
  return { ...model, evaluate: async (rows, n) => applyTransform(await evaluate(rows, n), n, columns, transform) };
}

export function toTensor(info: TensorInfo, rows: RowBuffer, n: number, elements: number): TensorData {
  const dims = [n, ...(info.shape.slice(1) as number[])];
  const values = rows.subarray(0, n * elements);
  switch (info.elementType) {
    case 'float32':
      return { type: 'float32', dims, data: values instanceof Float32Array ? values : Float32Array.from(values) };
    case 'float64':
      return { type: 'float64', dims, data: values instanceof Float64Array ? values : Float64Array.from(values) };
    case 'int32':
      return { type: 'int32', dims, data: Int32Array.from(values, (v) => integer(info, v)) };
    case 'int64':
      // From the float64 value: exact for every integer up to 2^53.
      return { type: 'int64', dims, data: BigInt64Array.from(values, (v) => BigInt(integer(info, v))) };
    default:
      throw new Error(`input '${info.name}' is ${info.elementType}; Model Lens explains numeric inputs`);
  }
}

/** An integer input's value: rounded, and refused when it is missing (NaN) or infinite. */
function integer(info: TensorInfo, v: number): number {
  if (!Number.isFinite(v))
    throw new Error(`input '${info.name}' is ${info.elementType} and cannot take the value ${v}`);
  return Math.round(v);
}

/** One input's columns of n rows (the rows themselves when the model has that input only). */
export function columnsOf(
  rows: RowBuffer,
  n: number,
  width: number,
  slice: { start: number; width: number },
): RowBuffer {
  if (slice.width === width) return rows;
  const out = rows instanceof Float64Array ? new Float64Array(n * slice.width) : new Float32Array(n * slice.width);
  for (let r = 0; r < n; r++)
    out.set(rows.subarray(r * width + slice.start, r * width + slice.start + slice.width), r * slice.width);
  return out;
}

/** A tensor's numbers into float64 (half floats and 64-bit integers converted). */
export function copyNumbers(t: TensorData, out: Float64Array, at: number): void {
  const data: NumericArray | string[] = t.data;
  if (Array.isArray(data)) throw new Error('the explained output holds strings');
  if (t.type === 'float16' && data instanceof Uint16Array) {
    for (let i = 0; i < data.length; i++) out[at + i] = halfToFloat(data[i]);
  } else if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    for (let i = 0; i < data.length; i++) out[at + i] = Number(data[i]);
  } else {
    out.set(data, at);
  }
}

function list(infos: readonly TensorInfo[]): string {
  return infos.map((i) => `'${i.name}' (${i.elementType})`).join(', ');
}

/** What the model says about how its output is read, for the plan's notes. */
export function modelNotes(model: object): string[] {
  const t = (model as Partial<ExplainedModel>).outputTransform;
  return t ? [t.note] : [];
}
