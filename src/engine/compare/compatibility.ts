/** Whether two models can be fed the same rows and their outputs set side by side, and what an answer of no rules out. */
import type { Compatibility } from '../../protocol/compareTypes';
import type { SummaryTensor } from '../onnx/summary';

type Dim = NonNullable<SummaryTensor['shape']>[number];

const isFloat = (t: string) => /^(float|bfloat)/.test(t);
const isTensor = (t: string) => !/[<>]/.test(t) && t !== '?';

function shapeText(s: SummaryTensor['shape']): string {
  return s ? `[${s.map((d) => (d === null ? '?' : d)).join(', ')}]` : '(rank unknown)';
}

/** Fixed sizes must agree; a symbolic or unknown dim fits anything. */
function shapesFit(a: SummaryTensor['shape'], b: SummaryTensor['shape']): boolean {
  if (!a || !b) return true;
  if (a.length !== b.length) return false;
  return a.every((d: Dim, i) => typeof d !== 'number' || typeof b[i] !== 'number' || d === b[i]);
}

function tensorsFit(a: SummaryTensor, b: SummaryTensor): string | undefined {
  if (a.type !== b.type) return `'${a.name}' is ${a.type} in A and '${b.name}' is ${b.type} in B`;
  if (!shapesFit(a.shape, b.shape))
    return `'${a.name}' is ${shapeText(a.shape)} in A and '${b.name}' is ${shapeText(b.shape)} in B`;
  return undefined;
}

/** Pairs by name when every one of a's names is in b, else by position. */
function pair<T extends { name: string }>(a: readonly T[], b: readonly T[]): [T, T][] | undefined {
  const byName = new Map(b.map((t) => [t.name, t]));
  if (a.length === b.length && a.every((t) => byName.has(t.name))) return a.map((t) => [t, byName.get(t.name)!]);
  if (a.length === b.length) return a.map((t, i) => [t, b[i]]);
  return undefined;
}

export function compatibility(
  a: { inputs: SummaryTensor[]; outputs: SummaryTensor[] },
  b: { inputs: SummaryTensor[]; outputs: SummaryTensor[] },
): Compatibility {
  const messages: string[] = [];
  const ruled = new Set<string>();
  let inputs = true;
  const inputPairs = pair(a.inputs, b.inputs);
  if (!inputPairs) {
    inputs = false;
    messages.push(`A has ${a.inputs.length} input(s) and B has ${b.inputs.length}: the same rows cannot feed both`);
  } else {
    for (const [x, y] of inputPairs) {
      const why = tensorsFit(x, y);
      if (why) {
        inputs = false;
        messages.push(`inputs differ: ${why}, so the same rows cannot feed both`);
      }
    }
  }
  if (!inputs) ['predictions', 'agreement', 'differences', 'importance'].forEach((r) => ruled.add(r));

  // Outputs: those both have, by name; else all of them by position when the counts agree.
  const common = a.outputs.filter((o) => b.outputs.some((p) => p.name === o.name));
  const outputPairs: [SummaryTensor, SummaryTensor][] = common.length
    ? common.map((o) => [o, b.outputs.find((p) => p.name === o.name)!])
    : (pair(a.outputs, b.outputs) ?? []);
  const pairs: { a: string; b: string }[] = [];
  for (const [x, y] of outputPairs) {
    if (!isTensor(x.type) || !isTensor(y.type)) continue; // sequences and maps (ZipMap) are not compared value by value
    const why = tensorsFit(x, y);
    if (why) messages.push(`outputs differ: ${why}; that pair is not compared`);
    else pairs.push({ a: x.name, b: y.name });
  }
  const outputs = pairs.length > 0;
  if (!outputs) {
    messages.push(
      outputPairs.length
        ? 'no output of A has a tensor counterpart of the same type and size in B'
        : `A's outputs (${a.outputs.map((o) => o.name).join(', ')}) and B's (${b.outputs.map((o) => o.name).join(', ')}) cannot be paired`,
    );
    ['agreement', 'differences', 'importance'].forEach((r) => ruled.add(r));
  } else if (common.length && common.length < a.outputs.length) {
    const only = a.outputs.filter((o) => !common.includes(o)).map((o) => o.name);
    messages.push(`only in A: ${only.join(', ')}; compared: ${pairs.map((p) => p.a).join(', ')}`);
  }
  // The first float pair decides agreement; labels (integers) come after probabilities in scikit-learn models.
  pairs.sort((p, q) => rank(a, p.a) - rank(a, q.a));
  return { inputs, outputs, output_pairs: pairs, messages, ruled_out: [...ruled] };
}

function rank(m: { outputs: SummaryTensor[] }, name: string): number {
  const t = m.outputs.find((o) => o.name === name);
  return t && isFloat(t.type) ? 0 : 1;
}
