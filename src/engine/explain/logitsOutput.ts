/**
 * A classifier's logits are explained as users read them, as probabilities: softmax over the classes, or a
 * sigmoid for one column. Choosing the output as "<name> raw" explains the logits themselves.
 */
import type { TensorInfo } from '../runtime/backend';

export type OutputTransform = 'softmax' | 'sigmoid';

const RAW = ' raw';

/** The output a choice names, and whether it asks for the raw values ("logits raw"). */
export function outputChoice(outputs: readonly TensorInfo[], name?: string): { name?: string; raw: boolean } {
  if (name === undefined || !name.endsWith(RAW) || outputs.some((o) => o.name === name)) return { name, raw: false };
  return { name: name.slice(0, -RAW.length), raw: true };
}

/** Softmax or sigmoid for an output named like logits with one score per class per row; none otherwise. */
export function logitsTransform(
  outputName: string,
  rowDims: readonly number[],
  raw: boolean,
): OutputTransform | undefined {
  if (raw || !/logit/i.test(outputName) || rowDims.length !== 1) return undefined;
  return rowDims[0] === 1 ? 'sigmoid' : 'softmax';
}

/** The plan's note saying what is explained and how to explain the logits instead. */
export function transformNote(outputName: string, transform: OutputTransform): string {
  return (
    `explaining ${transform}(${outputName}): probabilities, as users read them; ` +
    `choose output '${outputName}${RAW}' (the sidecar's "output" or --output) to explain the logits`
  );
}

/** n rows of `columns` logits as probabilities (softmax shifted by each row's largest value, for range). */
export function applyTransform(
  values: ArrayLike<number>,
  n: number,
  columns: number,
  transform: OutputTransform,
): Float64Array {
  const out = new Float64Array(n * columns);
  if (transform === 'sigmoid') {
    for (let i = 0; i < n * columns; i++) out[i] = 1 / (1 + Math.exp(-values[i]));
    return out;
  }
  for (let r = 0; r < n; r++) {
    const at = r * columns;
    let max = -Infinity;
    for (let j = 0; j < columns; j++) max = Math.max(max, values[at + j]);
    let sum = 0;
    for (let j = 0; j < columns; j++) sum += out[at + j] = Math.exp(values[at + j] - max);
    for (let j = 0; j < columns; j++) out[at + j] /= sum;
  }
  return out;
}
