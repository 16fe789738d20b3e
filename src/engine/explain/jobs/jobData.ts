/**
 * What every explanation job reads first: the model file (structure, metadata, tree ensembles), the
 * explained input's width, the names of features and classes, and the data matched to the input.
 */
import path from 'node:path';
import type { Rows } from '../../data/background';
import type { FolderAccess } from '../../data/listDir';
import { loadTable } from '../../data/loadTable';
import { matchLabelled, matchToModel, type MatchedTable } from '../../data/match';
import { throwIfRefused } from '../../data/readGuard';
import { DataError, type Table } from '../../data/table';
import { readModel } from '../../onnx/reader';
import type { ModelGraph } from '../../onnx/types';
import type { CancelToken } from '../batchModel';
import type { InferenceBackend } from '../../runtime/backend';
import type { EvaluationPool } from '../evaluationPool';
import { readConfigClassNames, type ConfigClassNames } from './configClassNames';
import type { MissingPolicy } from './missingValues';
import type { PreparedCache } from './preparedCache';

/** What a job needs from its surroundings: files, a model runtime, cancel and progress. */
export interface JobEnvironment {
  readFile(file: string): Promise<Uint8Array>;
  /** Folders of images; absent where folders cannot be listed. */
  folders?: FolderAccess;
  /** The model's runtime session (opened once per model and reused). */
  backend(modelPath: string): Promise<InferenceBackend>;
  cancel?: CancelToken;
  progress?: (done: number, total: number, etaSeconds?: number) => void;
  /** Evaluation workers for the Shapley methods (one per core); in-process evaluation without. */
  pool?: EvaluationPool;
  /** What a plan prepared, for the run that follows it (the worker keeps one across its jobs). */
  prepared?: PreparedCache;
}

export interface ModelFile {
  path: string;
  fileName: string;
  model: ModelGraph;
  bytes: Uint8Array;
  /** Hugging Face's config.json beside the model or one folder up, when it has id2label. */
  configClassNames?: ConfigClassNames;
}

export async function readModelFor(env: JobEnvironment, modelPath: string): Promise<ModelFile> {
  const fileName = path.basename(modelPath);
  let bytes: Uint8Array;
  try {
    bytes = await env.readFile(modelPath);
  } catch (e) {
    throwIfRefused(e);
    throw new Error(`${fileName}: the model file cannot be read`);
  }
  let model: ModelGraph;
  try {
    model = readModel(bytes, { modelPath });
  } catch (e) {
    throw new Error(`${fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const configClassNames = await readConfigClassNames((f) => env.readFile(f), modelPath);
  return { path: modelPath, fileName, model, bytes, ...(configClassNames && { configClassNames }) };
}

/** A list of names kept in metadata_props: JSON, or comma-separated. */
export function metadataNames(
  model: { info: Pick<ModelGraph['info'], 'metadata'> },
  key: string,
): string[] | undefined {
  const raw = model.info.metadata[key];
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
  } catch {
    // not JSON: comma-separated
  }
  return raw.split(',').map((s) => s.trim());
}

export interface InputLayout {
  name: string;
  /** Elements of the explained input per row, and where they start in a data row. */
  width: number;
  start: number;
  /** Elements per data row: every input's, in the model's input order (other inputs are held at the row's values). */
  total: number;
}

/** The explained graph input within a data row that holds every input's elements (each the product of its dims after the batch axis). */
export function explainedInput(file: ModelFile, name?: string): InputLayout {
  const g = file.model.graph;
  const initialisers = new Set(g.initializers.map((t) => t.name));
  const inputs = g.inputs.filter((i) => !initialisers.has(i.name));
  const input = name === undefined ? inputs[0] : inputs.find((i) => i.name === name);
  if (!input) {
    throw new Error(
      name === undefined
        ? `${file.fileName} has no graph input`
        : `${file.fileName} has no input '${name}' (it has ${inputs.map((i) => `'${i.name}'`).join(', ')})`,
    );
  }
  let start = 0;
  let total = 0;
  let width = 0;
  for (const i of inputs) {
    const t = i.type;
    const rest = t && t.kind === 'tensor' && t.shape ? t.shape.slice(1) : null;
    if (!rest || rest.some((d) => typeof d !== 'number')) {
      throw new Error(`${file.fileName}: input '${i.name}' has no fixed width per row to match data columns to`);
    }
    const w = (rest as number[]).reduce((a, b) => a * b, 1);
    if (i === input) {
      start = total;
      width = w;
    }
    total += w;
  }
  return { name: input.name, width, start, total };
}

/** `missing`: whether empty and NaN cells may stand for missing values (without it they are refused as before). */
export async function loadData(
  env: JobEnvironment,
  file: string,
  width: number,
  names: readonly string[] | undefined,
  missing?: MissingPolicy,
): Promise<MatchedTable> {
  const table = await readDataTable(env, file, missing !== undefined);
  const matched = matchToModel(table, width, names && names.length === width ? names : undefined);
  if (missing && !missing.allow) {
    // Only the model's columns matter: a gap in a column the model does not read is no problem.
    const at = matched.values.findIndex((v) => Number.isNaN(v));
    if (at >= 0) {
      const k = at % matched.cols;
      const column = {
        name: table.named ? matched.featureNames[k] : undefined,
        number: table.columnNumbers[matched.sourceColumns[k]],
      };
      const row = matched.rowNumbers[Math.floor(at / matched.cols)];
      throw new DataError(table.fileName, `is empty or NaN, and ${missing.reason}`, { row, column });
    }
  }
  return matched;
}

/** Labelled data (evaluate, rules, importance, compare): the label column is set aside before matching the width. */
export async function loadLabelledData(
  env: JobEnvironment,
  file: string,
  label: string,
  width: number,
  names: readonly string[] | undefined,
): Promise<MatchedTable> {
  const table = await readDataTable(env, file);
  return matchLabelled(table, label, width, names && names.length === width ? names : undefined);
}

/** A data file as a table, not yet matched to a model. */
export async function readDataTable(env: JobEnvironment, file: string, allowMissing = false): Promise<Table> {
  let bytes: Uint8Array;
  try {
    bytes = await env.readFile(file);
  } catch (e) {
    throwIfRefused(e);
    throw new DataError(path.basename(file), 'cannot be read (does it exist?)');
  }
  const table = loadTable(bytes, file, { allowMissing });
  if (table.rows === 0) throw new DataError(path.basename(file), 'has no rows of data');
  return table;
}

export function asRows(t: MatchedTable): Rows {
  return { values: t.values, rows: t.rows, cols: t.cols };
}

/** Feature names: the sidecar's, else the model's metadata, else the data's header. */
/** The feature names of whole rows (every input's columns), where the explained input is all the model reads. */
export function wholeRowNames(
  file: ModelFile,
  s: { input?: string; featureNames?: string[] } = {},
): string[] | undefined {
  const input = explainedInput(file, s.input);
  return input.width === input.total ? featureNamesFor(file, input.width, s.featureNames) : undefined;
}

/** Whole rows of the data, labelled when a label column is named, with the names they were matched by. */
export async function loadWholeRows(
  env: JobEnvironment,
  file: ModelFile,
  s: { data: string; label?: string; input?: string; featureNames?: string[] },
): Promise<{ data: MatchedTable; names: string[] | undefined }> {
  const { total } = explainedInput(file, s.input);
  const names = wholeRowNames(file, s);
  const data = s.label
    ? await loadLabelledData(env, s.data, s.label, total, names)
    : await loadData(env, s.data, total, names);
  return { data, names };
}

export function featureNamesFor(file: ModelFile, width: number, fromSettings?: string[]): string[] | undefined {
  if (fromSettings) {
    if (fromSettings.length !== width) {
      throw new Error(`${fromSettings.length} feature names are set for a model input of width ${width}`);
    }
    return fromSettings;
  }
  const meta = metadataNames(file.model, 'feature_names');
  return meta && meta.length === width ? meta : undefined;
}

/**
 * Class names for `columns` output columns: the sidecar's, the model's metadata, the tree's labels, config.json's
 * id2label, else indices. The one place explain, evaluate and the panel's plan get them from.
 */
export function classNamesFor(
  file: ModelFile,
  columns: number,
  fromSettings?: string[],
  labels?: string[],
  /** The explained output: one number from it is named as the model names it. */
  outputName?: string,
): string[] {
  for (const names of [fromSettings, metadataNames(file.model, 'class_names'), labels]) {
    if (names && names.length === columns) return names;
  }
  const config = file.configClassNames;
  // A broken id2label matters only when nothing before it named the classes.
  if (config && 'problem' in config) throw new Error(config.problem);
  if (config && config.names.length === columns) return config.names;
  // One number from the explained output (or the model's only output) is named as the model names it, not "0".
  const scalar = outputName ?? (file.model.graph.outputs.length === 1 ? file.model.graph.outputs[0].name : undefined);
  if (columns === 1 && scalar !== undefined) return [scalar];
  return Array.from({ length: columns }, (_, j) => String(j));
}
