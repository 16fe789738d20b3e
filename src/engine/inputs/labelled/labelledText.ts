/**
 * Labelled texts for a text model: a .csv or .jsonl file whose text column (the sidecar's text.column) is
 * tokenized as explaining does and whose label column holds class indices or names. Texts of one padded
 * length run together, a block at a time, so padding never changes what a model without attention sees.
 */
import path from 'node:path';
import type { ExplainSettings } from '../../../protocol/explainTypes';
import { csvRecords, readTexts } from '../../data/text/readTexts';
import { DataError, looksNumeric } from '../../data/table';
import { backendModel, type ExplainedModel } from '../../explain/backendModel';
import type { JobEnvironment, ModelFile } from '../../explain/jobs/jobData';
import { readTokenizer, textRow, type TextInput } from '../../explain/jobs/textData';
import type { Predictions } from './predictionTypes';
import { evaluateRows, labelsOnly } from './runRows';

/** Texts encoded and run per block. */
export const TEXT_BLOCK = 1024;

type Settings = { data: string; output?: string; label?: string } & Pick<ExplainSettings, 'text' | 'sidecarName'>;

interface Fields {
  names: string[];
  /** The data lines (1-based, as readTexts numbers them). */
  lines: number[];
  at: (line: number) => Record<string, unknown>;
}

/** The file's fields or columns by line: header names and each line's values. */
function fieldsByLine(bytes: Uint8Array, file: string): Fields {
  const name = path.basename(file);
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    const lines = text.split(/\r?\n/);
    const parseLine = (i: number): Record<string, unknown> => {
      const v: unknown = JSON.parse(lines[i - 1]);
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    };
    const data = lines.flatMap((l, i) => (l.trim() === '' ? [] : [i + 1]));
    return { names: data.length ? Object.keys(parseLine(data[0])) : [], lines: data, at: parseLine };
  }
  if (ext === '.csv' || ext === '.tsv') {
    const records = csvRecords(text);
    const header = records[0]?.record.map((h) => h.trim()) ?? [];
    const byLine = new Map(records.slice(1).map((r) => [r.info.lines, r.record]));
    const at = (line: number) => Object.fromEntries(header.map((h, j) => [h, byLine.get(line)?.[j]]));
    return { names: header, lines: [...byLine.keys()], at };
  }
  throw new DataError(name, 'holds no label column: a text model is evaluated on a .csv or .jsonl file with one');
}

/**
 * The text column: the one named, else "text", else the only column besides the label holding words (so class
 * names in the label column do not make the choice ambiguous); undefined leaves the choice (and its error) to readTexts.
 */
function textColumnOf(f: Fields, column: string | undefined, label: string | undefined): string | undefined {
  if (column !== undefined || f.names.includes('text')) return column;
  const words = (v: unknown) => typeof v === 'string' && v.trim() !== '' && !looksNumeric(v);
  const textual = f.names.filter((n) => n !== label && f.lines.some((line) => words(f.at(line)[n])));
  return textual.length === 1 ? textual[0] : undefined;
}

/** The columns of a text file: the text column and the others (label candidates). */
export function textColumns(
  bytes: Uint8Array,
  file: string,
  column?: string,
): { text: string; others: string[]; rows: number } {
  const fields = fieldsByLine(bytes, file);
  const named = textColumnOf(fields, column, undefined);
  let text = named ?? '';
  try {
    text = readTexts(bytes, file, named).column ?? text;
  } catch {
    // Several columns of words and none named: any of them may be the label (the run resolves the text column).
  }
  return { text, others: fields.names.filter((n) => n !== text), rows: fields.lines.length };
}

/** Each example's label: numbers when every label is one (class indices), else text (class names). */
function labelsOf(
  at: (line: number) => Record<string, unknown>,
  lines: number[],
  label: string,
  file: string,
  names: string[],
): Float64Array | string[] {
  const raw = lines.map((line) => {
    const v = at(line)[label];
    if (v === undefined || v === null || String(v).trim() === '') {
      const why = names.includes(label) ? 'has no label' : `has no field "${label}" (it has ${names.join(', ')})`;
      throw new DataError(path.basename(file), `line ${line}: ${why}`);
    }
    return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : JSON.stringify(v);
  });
  return raw.every((v) => looksNumeric(v)) ? Float64Array.from(raw, Number) : raw;
}

export async function textFilePredictions(
  env: JobEnvironment,
  file: ModelFile,
  input: TextInput,
  s: Settings,
): Promise<Predictions> {
  const name = path.basename(s.data);
  if (!s.label) throw new Error(`${file.fileName} is a text model: name the label column of ${name}`);
  let bytes: Uint8Array;
  try {
    bytes = await env.readFile(s.data);
  } catch {
    throw new DataError(name, 'cannot be read (does it exist?)');
  }
  const settings: ExplainSettings = { data: s.data, method: 'auto', text: s.text, sidecarName: s.sidecarName };
  const tokenizer = await readTokenizer(env, file, settings);
  const fields = fieldsByLine(bytes, s.data);
  const examples = readTexts(bytes, s.data, textColumnOf(fields, s.text?.column, s.label));
  if (s.label === examples.column) throw new Error(`${name}: "${s.label}" is the text column, not a label column`);
  const labels = labelsOf(fields.at, examples.lines, s.label, s.data, fields.names);
  const maxLength = Math.min(input.fixedLength ?? Infinity, s.text?.maxLength ?? tokenizer.maxLength ?? 512);
  const masker = tokenizer.mask ? 'mask' : 'pad';
  const encoded = examples.texts.map((t) => tokenizer.encode(t, maxLength));
  // Each text at the length explaining it alone would give it: its own, the tokenizer's padding, or the model's.
  const lengthOf = (ids: number) => input.fixedLength ?? Math.max(ids, Math.min(tokenizer.padTo ?? 0, maxLength));
  const byLength = new Map<number, number[]>();
  encoded.forEach((e, i) => {
    const t = lengthOf(e.ids.length);
    byLength.set(t, [...(byLength.get(t) ?? []), i]);
  });
  const n = examples.texts.length;
  const backend = await env.backend(file.path);
  const rowOf = (i: number, length: number) =>
    textRow(encoded[i], input, tokenizer, { length, masker, units: 'tokens' }).x;
  let outputs: Float64Array | undefined;
  let first: ExplainedModel | undefined;
  let modelMs = 0;
  let done = 0;
  for (const [length, members] of [...byLength].sort((a, b) => a[0] - b[0])) {
    const dimsOf = Object.fromEntries(input.inputs.map((i) => [i.name, [length]]));
    const model = await backendModel(
      backend,
      { input: input.ids, output: s.output, dimsOf },
      rowOf(members[0], length),
    );
    first ??= model;
    const c = model.columns;
    outputs ??= new Float64Array(n * c);
    const d = model.features;
    for (let from = 0; from < members.length; from += TEXT_BLOCK) {
      const block = members.slice(from, from + TEXT_BLOCK);
      const rows = new Float64Array(block.length * d);
      block.forEach((i, r) => rows.set(rowOf(i, length), r * d));
      const before = done;
      const run = await evaluateRows(model, rows, block.length, {
        cancel: env.cancel,
        progress: (k) => env.progress?.(before + k, n),
      });
      block.forEach((i, r) => outputs!.set(run.values.subarray(r * c, (r + 1) * c), i * c));
      modelMs += run.ms;
      done += block.length;
    }
  }
  return {
    kind: 'text',
    file,
    data: labelsOnly({ name: s.label, values: labels }, Int32Array.from(examples.lines)),
    model: first!,
    featureNames: [],
    labelColumn: s.label,
    outputs: outputs!,
    modelMs,
  };
}
