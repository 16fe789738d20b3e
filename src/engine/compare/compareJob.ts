/**
 * `compare A B`: the two models' structure side by side, and on data their predictions on the same rows
 * (each model once per row, in batches), agreement, differences, metrics, latency and global importance.
 */
import path from 'node:path';
import type { CompareResult, ComparedModel, CompareSettings } from '../../protocol/compareTypes';
import type { Evaluation } from '../../protocol/evaluationTypes';
import type { ExplainSettings } from '../../protocol/explainTypes';

export type { CompareSettings };
import { summarize } from '../onnx/summary';
import { weightStats } from '../onnx/weightStats';
import { chooseOutput } from '../explain/backendModel';
import { runExplainJob } from '../commands/explainJob';
import { evaluationOf } from '../evaluate/evaluateJob';
import {
  loadWholeRows,
  readModelFor,
  wholeRowNames,
  type JobEnvironment,
  type ModelFile,
} from '../explain/jobs/jobData';
import type { MatchedTable } from '../data/match';
import type { InferenceBackend } from '../runtime/backend';
import { runRows, type RowOutputs } from '../explain/rowFeeds';
import { detectInput } from '../inputs/kinds';
import { compatibility } from './compatibility';
import { fedBackend } from './kindRows';
import { absDiffs, agreementOf, mostDifferentRows, spearman, type OutputValues } from './predictions';
import { structureDiff } from './structure';

function overview(file: ModelFile): ComparedModel {
  const summary = summarize(file.model);
  const stats = weightStats(file.model, file.bytes, { bins: 1, modelDir: path.dirname(file.path) });
  return { file: file.fileName, size_bytes: file.bytes.length, sparsity: stats.overall.sparsity, ...summary };
}

/** The sidecar's blocks for reading pictures, texts and sequences (tables need none). */
export type CompareInputSettings = CompareSettings &
  Partial<Pick<ExplainSettings, 'image' | 'text' | 'sequence' | 'sidecarName'>>;

export async function runCompareJob(
  env: JobEnvironment,
  pathA: string,
  pathB: string,
  settings: CompareInputSettings = {},
): Promise<CompareResult> {
  const fileA = await readModelFor(env, pathA);
  const fileB = await readModelFor(env, pathB);
  const a = overview(fileA);
  const b = overview(fileB);
  const compat = compatibility(a, b);
  const result: CompareResult = {
    a,
    b,
    structure: structureDiff(a, b),
    compatibility: compat,
    notes: [],
  };
  if (a.flops.not_estimated || b.flops.not_estimated)
    result.notes.push('some nodes have no FLOP estimate: the FLOP counts are lower bounds');
  if (!settings.data) return result;
  if (!compat.inputs) {
    result.notes.push('the inputs are not compatible: nothing was run on the data');
    return result;
  }
  const backendA = await env.backend(pathA);
  const backendB = await env.backend(pathB);
  const read = await readCompared(env, fileA, backendA, backendB, settings);
  const { data, names } = read;
  const pairs = compat.output_pairs.filter((p) => isTensorOutput(backendA, p.a) && isTensorOutput(backendB, p.b));
  if (pairs.length === 0) {
    result.notes.push('no tensor output to compare: latency only');
  }
  if (settings.label && data.table === undefined) {
    result.notes.push(`${read.kind} are not a table with a label column: evaluate each model for its metrics`);
  }
  // With a label, each model's evaluation reads the output `evaluate` would: run in the same pass as the compared ones.
  const labelled = settings.label && data.table !== undefined;
  const evaluatedA = labelled ? evaluatedOutput(backendA, 'A', result.notes) : undefined;
  const evaluatedB = labelled ? evaluatedOutput(backendB, 'B', result.notes) : undefined;
  const rows = data.values;
  // Held inputs (a sequence model's state) are filled for one row a call.
  const batch = read.oneRowPerCall ? 1 : (settings.batch ?? 64);
  const runOptions = { batch, cancel: env.cancel };
  const runModel = (feed: typeof read.feedA, outputs: string[], evaluated: string | undefined) =>
    runRows(feed, rows, data.rows, withOutput(outputs, evaluated), runOptions);
  const outA = await runModel(read.feedA, pairs.length ? pairs.map((p) => p.a) : firstOutput(backendA), evaluatedA);
  const outB = await runModel(read.feedB, pairs.length ? pairs.map((p) => p.b) : firstOutput(backendB), evaluatedB);
  result.data = { file: path.basename(settings.data), rows: data.rows, batch: outA.batch };
  result.latency_ms_a = outA.msPerRow;
  result.latency_ms_b = outB.msPerRow;
  const table = data.table;
  if (settings.label && table) {
    result.label = settings.label;
    const evaluate = (file: ModelFile, modelPath: string, out: RowOutputs, output?: string) =>
      output === undefined ? undefined : evaluationFor(file, modelPath, out, output, table, settings);
    result.metrics_a = evaluate(fileA, pathA, outA, evaluatedA);
    result.metrics_b = evaluate(fileB, pathB, outB, evaluatedB);
  }
  if (pairs.length === 0) return result;

  const valuesOf = (out: RowOutputs, backend: InferenceBackend, name: string): OutputValues => {
    const v = out.values.get(name)!;
    const type = backend.outputs.find((o) => o.name === name)?.elementType ?? 'float32';
    return { ...v, integer: !/^float/.test(type) };
  };
  result.max_abs_diff = {};
  result.mean_abs_diff = {};
  for (const p of pairs) {
    const va = valuesOf(outA, backendA, p.a);
    const vb = valuesOf(outB, backendB, p.b);
    if (va.data.length !== vb.data.length) {
      result.notes.push(`'${p.a}' has ${va.columns} values a row in A and ${vb.columns} in B: not compared`);
      continue;
    }
    const d = absDiffs(va.data, vb.data);
    result.max_abs_diff[p.a] = d.max;
    result.mean_abs_diff[p.a] = d.mean;
  }
  const primary = pairs[0];
  const pa = valuesOf(outA, backendA, primary.a);
  const pb = valuesOf(outB, backendB, primary.b);
  if (pa.data.length === pb.data.length) {
    const agreement = agreementOf(pa, pb, data.rows);
    result.agreement = agreement.agreement;
    result.agreement_basis = agreement.basis;
    result.agreement_output = primary.a;
    result.differing_rows = mostDifferentRows(pa, pb, data.rows, (r) => r);
  }
  const importanceRows = Math.min(settings.importanceRows ?? 10, data.rows);
  if (importanceRows > 0 && pa.columns === pb.columns && !table) {
    result.notes.push(`global importance compares a table's features; ${read.kind} have none: not compared`);
  } else if (importanceRows > 0 && pa.columns === pb.columns && table) {
    // A model without feature names reads the labelled file by the names its label was set aside from.
    const featureNames = settings.label && !names ? table.featureNames : undefined;
    await addImportance(env, result, pathA, pathB, primary, { ...settings, featureNames }, importanceRows);
  }
  return result;
}

interface ComparedRows {
  kind: string;
  /** Every row the data holds, as model inputs; `table` when the kind is a table (metrics and importance need it). */
  data: { values: Float32Array; rows: number; table?: MatchedTable };
  names?: string[];
  feedA: InferenceBackend;
  feedB: InferenceBackend;
  oneRowPerCall: boolean;
}

/** The data as model A's kind of input reads it; both models run the same rows. */
async function readCompared(
  env: JobEnvironment,
  fileA: ModelFile,
  backendA: InferenceBackend,
  backendB: InferenceBackend,
  settings: CompareInputSettings,
): Promise<ComparedRows> {
  const explain: ExplainSettings = {
    data: settings.data!,
    method: 'auto',
    rows: `0-${MAX_KIND_ROWS - 1}`,
    image: settings.image,
    text: settings.text,
    sequence: settings.sequence,
    sidecarName: settings.sidecarName,
  };
  const detected = detectInput(fileA, explain);
  if (detected.kind !== 'table') {
    const kindRows = await detected.rows(env, explain, backendA);
    return {
      kind: KIND_WORDS[detected.kind],
      data: { values: kindRows.values, rows: kindRows.rows },
      feedA: fedBackend(backendA, kindRows, backendA.inputs),
      feedB: fedBackend(backendB, kindRows, backendA.inputs),
      oneRowPerCall: Object.keys(kindRows.held).length > 0,
    };
  }
  const { data: table, names } = await loadWholeRows(env, fileA, { data: settings.data!, label: settings.label });
  return {
    kind: 'tables',
    data: { values: Float32Array.from(table.values), rows: table.rows, table },
    names,
    feedA: backendA,
    feedB: backendB,
    oneRowPerCall: false,
  };
}

/** Pictures, texts or sequences compared at most this many (each is held in memory, preprocessed). */
const MAX_KIND_ROWS = 10000;
const KIND_WORDS: Record<string, string> = { image: 'pictures', text: 'texts', sequence: 'sequences' };

function isTensorOutput(backend: InferenceBackend, name: string): boolean {
  return backend.outputs.some((o) => o.name === name && o.isTensor && o.elementType !== 'string');
}

function firstOutput(backend: InferenceBackend): string[] {
  const o = backend.outputs.find((t) => t.isTensor);
  return o ? [o.name] : [];
}

/** The output `evaluate` reads by default (the first floating-point tensor), or a note saying why there is none. */
function evaluatedOutput(backend: InferenceBackend, side: string, notes: string[]): string | undefined {
  try {
    return chooseOutput(backend.outputs).name;
  } catch (e) {
    notes.push(`${side}: no metrics: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

function withOutput(outputs: string[], extra: string | undefined): string[] {
  return extra === undefined || outputs.includes(extra) ? outputs : [...outputs, extra];
}

/** The model's evaluation from the outputs this comparison ran: the same object `model-lens evaluate` gives. */
function evaluationFor(
  file: ModelFile,
  modelPath: string,
  out: RowOutputs,
  output: string,
  data: MatchedTable,
  settings: CompareSettings,
): Evaluation {
  const values = out.values.get(output)!;
  const names = wholeRowNames(file);
  return evaluationOf(
    {
      file,
      data,
      featureNames: names ?? data.featureNames,
      outputs: values.data,
      model: { columns: values.columns, outputName: output },
    },
    { data: settings.data!, label: settings.label!, seed: settings.seed },
    modelPath,
  );
}

async function addImportance(
  env: JobEnvironment,
  result: CompareResult,
  pathA: string,
  pathB: string,
  primary: { a: string; b: string },
  settings: CompareSettings & { featureNames?: string[] },
  rows: number,
): Promise<void> {
  const explain = (modelPath: string, output: string) =>
    runExplainJob({ ...env, progress: undefined }, modelPath, {
      data: settings.data!,
      rows: `0-${rows - 1}`,
      method: 'auto',
      output,
      backgroundSize: 50,
      seed: settings.seed ?? 0,
      featureNames: settings.featureNames,
    });
  const ea = await explain(pathA, primary.a);
  const eb = await explain(pathB, primary.b);
  const ia = meanAbs(ea.attribution.values);
  const ib = meanAbs(eb.attribution.values);
  if (ia.length !== ib.length) {
    result.notes.push('the two explanations have different feature counts: importance not compared');
    return;
  }
  result.importance = {
    feature_names: ea.attribution.feature_names,
    a: ia,
    b: ib,
    rows,
    method_a: ea.attribution.method,
    method_b: eb.attribution.method,
  };
  result.importance_rank_correlation = spearman(ia, ib);
}

/** Global importance: mean |value| over rows and output columns, per feature. */
export function meanAbs(values: number[][][]): number[] {
  if (values.length === 0) return [];
  const features = values[0].length;
  const out = new Array<number>(features).fill(0);
  let count = 0;
  for (const row of values) {
    for (let f = 0; f < features; f++) for (const v of row[f]) out[f] += Math.abs(v);
    count += row[0]?.length ?? 0;
  }
  return out.map((s) => s / Math.max(1, count));
}
