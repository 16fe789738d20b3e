/**
 * What a text explanation reads first: which inputs make a text model (input_ids and its companions), the
 * tokenizer.json, the examples, and per row the model-input values, the units (words or tokens) as feature
 * groups over input_ids and attention_mask, and the masker's background row (the units' tokens hidden).
 */
import path from 'node:path';
import type { ExplainSettings, TextInputNames } from '../../../protocol/explainTypes';
import { parseRows } from '../../data/rows';
import { readTexts } from '../../data/text/readTexts';
import { loadTokenizer, type EncodedText, type TextTokenizer } from '../../data/text/tokenizer';
import { checkTokenizerLengths, MAX_TOKENS_CEILING, textStart } from '../../data/text/lengthLimits';
import { tokenizerCandidates, tokenizerConfigOf } from '../../data/text/tokenizerFiles';
import { throwIfRefused } from '../../data/readGuard';
import { DataError } from '../../data/table';
import type { JobEnvironment, ModelFile } from './jobData';

export type TextRole = keyof TextInputNames;

export interface TextInput {
  /** Every graph input in the model's order (a data row holds each one's T elements in turn). */
  inputs: { name: string; role: TextRole }[];
  /** The input_ids input's name. */
  ids: string;
  /** The sequence length when the model fixes it. */
  fixedLength?: number;
}

const PATTERNS: Record<TextRole, RegExp> = {
  input_ids: /input_ids|^ids$/i,
  attention_mask: /attention_mask/i,
  token_type_ids: /token_type_ids|segment_ids/i,
  position_ids: /position_ids/i,
};

/** The text inputs of a model: an int64 or int32 [N, T] input named like input_ids (or mapped by text.inputs). */
export function textInputOf(file: ModelFile, settings: ExplainSettings): TextInput | undefined {
  const g = file.model.graph;
  const initialisers = new Set(g.initializers.map((t) => t.name));
  const inputs = g.inputs.filter((i) => !initialisers.has(i.name));
  const named = settings.text?.inputs ?? {};
  const roleOf = (name: string): TextRole | undefined =>
    (Object.keys(named) as TextRole[]).find((r) => named[r] === name) ??
    (Object.keys(PATTERNS) as TextRole[]).find((r) => named[r] === undefined && PATTERNS[r].test(name));
  for (const [role, name] of Object.entries(named)) {
    if (!inputs.some((i) => i.name === name)) {
      throw new Error(`${file.fileName}: text.inputs.${role} names '${name}', which is not an input (${list(inputs)})`);
    }
  }
  const ids = inputs.find((i) => roleOf(i.name) === 'input_ids' && isTokenInput(i.type));
  if (!ids || (settings.input !== undefined && settings.input !== ids.name)) return undefined;
  let fixedLength: number | undefined;
  const out: TextInput = { inputs: [], ids: ids.name };
  for (const i of inputs) {
    const role = roleOf(i.name);
    if (!role) {
      throw new Error(
        `${file.fileName}: '${i.name}' is an input of this text model that Model Lens cannot fill (it fills ` +
          `input_ids, attention_mask, token_type_ids and position_ids); map it with the sidecar's text.inputs`,
      );
    }
    if (!isTokenInput(i.type))
      throw new Error(`${file.fileName}: the ${role} input '${i.name}' is not int64 or int32 [N, T]`);
    const t = i.type.shape![1];
    if (typeof t === 'number') {
      if (fixedLength !== undefined && fixedLength !== t) {
        throw new Error(`${file.fileName}: the text inputs fix different lengths (${fixedLength} and ${t})`);
      }
      fixedLength = t;
    }
    out.inputs.push({ name: i.name, role });
  }
  return { ...out, fixedLength };
}

type GraphInput = ModelFile['model']['graph']['inputs'][number];

function isTokenInput(t: GraphInput['type']): t is GraphInput['type'] & { kind: 'tensor' } {
  return (
    t?.kind === 'tensor' &&
    (t.elemType === 'int64' || t.elemType === 'int32') &&
    t.shape !== null &&
    t.shape.length === 2
  );
}

const list = (inputs: GraphInput[]) => inputs.map((i) => `'${i.name}'`).join(', ');

/** The first tokenizer.json of `tokenizerCandidates` that exists, with its tokenizer_config.json when there is one. */
export async function readTokenizer(
  env: JobEnvironment,
  file: ModelFile,
  settings: ExplainSettings,
): Promise<TextTokenizer> {
  const candidates = tokenizerCandidates(file.path, settings.text?.tokenizer);
  for (const candidate of candidates) {
    let bytes: Uint8Array;
    try {
      bytes = await env.readFile(candidate);
    } catch (e) {
      throwIfRefused(e); // a FIFO or a huge tokenizer.json is named, not passed over as missing
      continue;
    }
    const where = path.basename(candidate);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new Error(`${where} is not JSON`);
    }
    let config: unknown;
    try {
      config = JSON.parse(new TextDecoder().decode(await env.readFile(tokenizerConfigOf(candidate))));
    } catch {
      config = undefined; // tokenizer_config.json is optional
    }
    checkTokenizerLengths(json, config, where);
    return loadTokenizer(json, config, where);
  }
  throw new Error(
    `${file.fileName} is a text model and needs its tokenizer: no tokenizer.json at ${candidates.join(' or ')}; ` +
      "name one with --tokenizer or the sidecar's text.tokenizer",
  );
}

/** One explained text as the model sees it: its input values, units and masked background. */
export interface TextRow {
  /** The model-input row: each input's T values in the model's input order. */
  x: Float64Array;
  /** The masker's background: x with every unit's tokens hidden. */
  background: Float64Array;
  /** For each element of x, its unit; -1 for special tokens, padding and the other inputs' held values. */
  groupOf: Int32Array;
  units: number;
  /** Tokens per unit. */
  sizes: Int32Array;
  labels: string[];
  truncated: boolean;
}

export interface PreparedText {
  tokenizer: TextTokenizer;
  /** Sequence length every row is padded to. */
  length: number;
  rowIndices: number[];
  rows: TextRow[];
  /** Indices of data rows, their lines, and the text as written. */
  lines: number[];
  texts: string[];
  dataRows: number;
  masker: 'mask' | 'pad';
  maskerText: string;
  notes: string[];
}

export async function prepareText(
  env: JobEnvironment,
  file: ModelFile,
  input: TextInput,
  settings: ExplainSettings,
): Promise<PreparedText> {
  const tokenizer = await readTokenizer(env, file, settings);
  const text = settings.text ?? {};
  const examples =
    text.sentence !== undefined ? { texts: [text.sentence], lines: [1] } : await readExamples(env, settings);
  const rowIndices = settings.rows
    ? parseRows(settings.rows, examples.texts.length, true)
    : Array.from({ length: Math.min(8, examples.texts.length) }, (_, i) => i);
  const limit = input.fixedLength ?? MAX_TOKENS_CEILING;
  const maxLength = Math.min(limit, text.maxLength ?? tokenizer.maxLength ?? 512);
  const encoded = rowIndices.map((r) => encodeStart(tokenizer, examples.texts[r], maxLength));
  const longest = Math.max(...encoded.map((e) => e.ids.length));
  const length = input.fixedLength ?? Math.max(longest, Math.min(tokenizer.padTo ?? 0, maxLength));
  const masker = text.masker ?? (tokenizer.mask ? 'mask' : 'pad');
  const where = settings.sidecarName ?? 'the tokenizer';
  if (masker === 'mask' && !tokenizer.mask)
    throw new Error(`${where}: text.masker "mask" needs a mask token, and the tokenizer has none`);
  const hasAttention = input.inputs.some((i) => i.role === 'attention_mask');
  if (masker === 'pad' && !tokenizer.pad)
    throw new Error('the tokenizer has neither a mask token nor a pad token for hidden words');
  const notes: string[] = [];
  const units = text.units ?? 'words';
  if (units === 'words' && encoded.some((e) => !e.wordsFound)) {
    notes.push("some texts' words could not be matched to their tokens: those are explained token by token");
  }
  const rows = encoded.map((e, i) => {
    const row = textRow(e, input, tokenizer, { length, masker, units });
    if (row.units === 0) {
      throw new DataError(
        path.basename(settings.data || 'text'),
        `line ${examples.lines[rowIndices[i]]}: has no tokens to explain`,
      );
    }
    return row;
  });
  const cut = rows.filter((r) => r.truncated).length;
  if (cut) notes.push(`${cut} of ${rows.length} texts were cut to ${maxLength} tokens`);
  if (!hasAttention && longest < length)
    notes.push('the model has no attention_mask: shorter texts are padded with the pad token');
  const hidden =
    masker === 'mask'
      ? `the mask token ${tokenizer.mask!.token}`
      : `the pad token ${tokenizer.pad!.token}${hasAttention ? ' with attention 0' : ''}`;
  return {
    tokenizer,
    length,
    rowIndices,
    rows,
    lines: rowIndices.map((r) => examples.lines[r]),
    texts: rowIndices.map((r) => examples.texts[r]),
    dataRows: examples.texts.length,
    masker,
    maskerText: `hidden ${units} become ${hidden}`,
    notes,
  };
}

/** Encodes a text's start only: a text of a million words is cut before the tokenizer walks it all. */
function encodeStart(tokenizer: TextTokenizer, text: string, maxLength: number): EncodedText {
  const start = textStart(text, maxLength);
  const e = tokenizer.encode(start.text, maxLength);
  return start.cut ? { ...e, truncated: true } : e;
}

async function readExamples(env: JobEnvironment, settings: ExplainSettings) {
  if (!settings.data) throw new Error('a text model needs data (a .txt, .jsonl or .csv file) or a text to explain');
  let bytes: Uint8Array;
  try {
    bytes = await env.readFile(settings.data);
  } catch (e) {
    throwIfRefused(e);
    throw new DataError(path.basename(settings.data), 'cannot be read (does it exist?)');
  }
  return readTexts(bytes, settings.data, settings.text?.column);
}

/** Lays one encoded text out as model inputs, groups its tokens into units and builds the masked row. */
export function textRow(
  e: EncodedText,
  input: TextInput,
  tokenizer: TextTokenizer,
  o: { length: number; masker: 'mask' | 'pad'; units: 'words' | 'tokens' },
): TextRow {
  const t = o.length;
  const d = input.inputs.length * t;
  const x = new Float64Array(d);
  const padId = tokenizer.pad?.id ?? 0;
  const n = Math.min(e.ids.length, t);
  // Units in order: a word's tokens (or each token); special tokens belong to none.
  const unitOf = new Int32Array(t).fill(-1);
  let units = 0;
  let lastWord = -1;
  for (let p = 0; p < n; p++) {
    if (e.wordOf[p] < 0) continue;
    if (o.units === 'tokens' || e.wordOf[p] !== lastWord) units++;
    lastWord = e.wordOf[p];
    unitOf[p] = units - 1;
  }
  const groupOf = new Int32Array(d).fill(-1);
  const background = new Float64Array(d);
  input.inputs.forEach(({ role }, k) => {
    const at = k * t;
    for (let p = 0; p < t; p++) {
      const real = p < n;
      let v = 0;
      if (role === 'input_ids') v = real ? e.ids[p] : padId;
      else if (role === 'attention_mask') v = real ? 1 : 0;
      else if (role === 'token_type_ids') v = real ? e.typeIds[p] : 0;
      else v = p;
      x[at + p] = v;
      background[at + p] = v;
      const u = unitOf[p];
      if (u < 0) continue;
      if (role === 'input_ids') {
        groupOf[at + p] = u;
        background[at + p] = o.masker === 'mask' ? tokenizer.mask!.id : padId;
      } else if (role === 'attention_mask' && o.masker === 'pad') {
        groupOf[at + p] = u;
        background[at + p] = 0;
      }
    }
  });
  const sizes = new Int32Array(units);
  const members: number[][] = Array.from({ length: units }, () => []);
  for (let p = 0; p < n; p++) {
    if (unitOf[p] < 0) continue;
    sizes[unitOf[p]]++;
    members[unitOf[p]].push(p);
  }
  const labels = members.map((ps) =>
    o.units === 'tokens'
      ? e.tokens[ps[0]]
      : tokenizer.decode(ps.map((p) => e.ids[p])) || ps.map((p) => e.tokens[p]).join(''),
  );
  return { x, background, groupOf, units, sizes, labels, truncated: e.truncated };
}
