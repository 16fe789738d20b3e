/**
 * A sequence model as the grouped engine sees it: rows of the explained input only ([T], [T,F] or [C,T]),
 * the model's other inputs held at fixed values in every call (the sidecar's `sequence.hold`, a WAV's
 * sample rate for an input named like `sr`, zeros for state tensors), and the explained output as float64.
 */
import type { InferenceBackend, TensorData, TensorInfo } from '../../runtime/backend';
import { chooseOutput, copyNumbers, type ExplainedModel } from '../backendModel';
import { applyTransform, logitsTransform, outputChoice, transformNote } from '../logitsOutput';

export interface HeldValues {
  /** The sidecar's values by input name. */
  hold?: Record<string, number>;
  /** The data's sample rate (WAV), for a scalar input named like a sample rate. */
  sampleRate?: number;
}

const isFree = (d: TensorInfo['shape'][number]) => typeof d !== 'number' || d <= 0;
const SAMPLE_RATE = /^(sr|sample_?rate|sampling_?rate|rate)$/i;

/** What each other input holds, decided once and said in the plan's notes. */
export function heldInputs(
  backend: InferenceBackend,
  explained: string,
  held: HeldValues,
): { info: TensorInfo; value: number; why: string }[] {
  const others = backend.inputs.filter((i) => i.name !== explained);
  for (const name of Object.keys(held.hold ?? {})) {
    if (!others.some((i) => i.name === name)) {
      throw new Error(
        `sequence.hold names '${name}', which is not one of the model's other inputs (${others.map((i) => `'${i.name}'`).join(', ') || 'none'})`,
      );
    }
  }
  return others.map((info) => {
    if (!info.isTensor) throw new Error(`input '${info.name}' is not a tensor; Model Lens cannot feed it`);
    if (info.shape.filter(isFree).length > 1) {
      throw new Error(
        `input '${info.name}' ([${info.shape.join(', ')}]) has several free axes; only its batch axis may be free`,
      );
    }
    const given = held.hold?.[info.name];
    if (given !== undefined) return { info, value: given, why: 'sequence.hold' };
    const scalar = info.shape.length === 0 || (info.shape.length === 1 && info.shape[0] === 1);
    if (scalar && SAMPLE_RATE.test(info.name) && held.sampleRate !== undefined) {
      return { info, value: held.sampleRate, why: "the WAV's sample rate" };
    }
    if (scalar) {
      throw new Error(
        `input '${info.name}' is a scalar Model Lens cannot guess: give it in the sidecar, e.g. "sequence": { "hold": { "${info.name}": 16000 } }`,
      );
    }
    return { info, value: 0, why: 'a state tensor' };
  });
}

/** Streaming models carry state between chunks; each explained row starts from zeros instead. */
export const RESET_STATE_NOTE =
  "recurrent state is reset to zeros for each chunk; the model's streaming output may differ";

/** The plan's notes on what each other input holds, and on recurrent state reset per chunk. */
export function heldNotes(others: { info: TensorInfo; value: number; why: string }[]): string[] {
  const notes = others.map(
    (o) => `input '${o.info.name}' holds ${o.why === 'a state tensor' ? 'zeros' : o.value} (${o.why})`,
  );
  return others.some((o) => o.why === 'a state tensor') ? [...notes, RESET_STATE_NOTE] : notes;
}

/** A tensor of `info`'s shape with its free axis (the batch) set to n, filled with value. */
function heldTensor(info: TensorInfo, n: number, value: number): TensorData {
  const dims = info.shape.map((d) => (isFree(d) ? n : (d as number)));
  const count = dims.reduce((a, b) => a * b, 1);
  switch (info.elementType) {
    case 'float32':
      return { type: 'float32', dims, data: new Float32Array(count).fill(value) };
    case 'float64':
      return { type: 'float64', dims, data: new Float64Array(count).fill(value) };
    case 'int32':
      return { type: 'int32', dims, data: new Int32Array(count).fill(Math.round(value)) };
    case 'int64':
      return { type: 'int64', dims, data: new BigInt64Array(count).fill(BigInt(Math.round(value))) };
    case 'bool':
      return { type: 'bool', dims, data: new Uint8Array(count).fill(value ? 1 : 0) };
    default:
      throw new Error(`input '${info.name}' is ${info.elementType}; Model Lens holds float, int and bool inputs`);
  }
}

export async function sequenceModel(
  backend: InferenceBackend,
  choice: { input: string; output?: string; rowDims: number[] },
  held: HeldValues,
  probeRow: Float64Array,
): Promise<ExplainedModel & { notes: string[]; sampleRate?: number }> {
  const input = backend.inputs.find((i) => i.name === choice.input);
  if (!input) throw new Error(`the model has no input '${choice.input}'`);
  const wanted = outputChoice(backend.outputs, choice.output);
  const output = chooseOutput(backend.outputs, wanted.name);
  const others = heldInputs(backend, input.name, held);
  const width = choice.rowDims.reduce((a, b) => a * b, 1);
  const maxBatch = input.shape[0] === 1 ? 1 : Number.MAX_SAFE_INTEGER;
  const run = async (rows: Float32Array, n: number): Promise<TensorData> => {
    const x = rows.subarray(0, n * width);
    const feeds: Record<string, TensorData> = {
      [input.name]:
        input.elementType === 'float64'
          ? { type: 'float64', dims: [n, ...choice.rowDims], data: Float64Array.from(x) }
          : { type: 'float32', dims: [n, ...choice.rowDims], data: x },
    };
    for (const o of others) feeds[o.info.name] = heldTensor(o.info, n, o.value);
    let result: TensorData | undefined;
    try {
      result = (await backend.run(feeds, [output.name]))[output.name];
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
      throw new Error(
        `the model failed on a block of ${n} rows of '${input.name}' ([${n}, ${choice.rowDims.join(', ')}]): ${why}`,
      );
    }
    if (!result) throw new Error(`the model returned no '${output.name}'`);
    return result;
  };
  const probe = await run(Float32Array.from(probeRow), 1);
  const columns = probe.data.length;
  // A sequence classifier's logits are read as probabilities too, as the other kinds read them.
  const transform = logitsTransform(output.name, probe.dims.slice(1), wanted.raw);
  return {
    features: width,
    columns,
    maxBatch,
    inputName: input.name,
    outputName: output.name,
    explained: { start: 0, width },
    outputDims: probe.dims.slice(1),
    notes: heldNotes(others),
    ...(transform ? { outputTransform: { kind: transform, note: transformNote(output.name, transform) } } : {}),
    ...(held.sampleRate !== undefined ? { sampleRate: held.sampleRate } : {}),
    async evaluate(rows, n) {
      const out = new Float64Array(n * columns);
      for (let start = 0; start < n; start += maxBatch === 1 ? 1 : n) {
        const count = maxBatch === 1 ? 1 : n;
        // This model declares float32 rows (no rowType), so the evaluator hands it Float32Array blocks.
        const block = rows.subarray(start * width);
        const result = await run(block instanceof Float32Array ? block : Float32Array.from(block), count);
        if (result.data.length !== count * columns) {
          throw new Error(`output '${output.name}' gave ${result.data.length} values for ${count} rows`);
        }
        copyNumbers(result, out, start * columns);
      }
      return transform ? applyTransform(out, n, columns, transform) : out;
    },
  };
}
