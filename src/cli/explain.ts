/**
 * `model-lens explain MODEL --data FILE ...`: attributions from the command line, as JSON or a
 * self-contained HTML report. Tree ensembles are explained exactly with TreeSHAP.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom, summariseBackground, takeRows } from '../engine/data/background';
import { loadTable } from '../engine/data/loadTable';
import { matchToModel } from '../engine/data/match';
import { parseRows } from '../engine/data/rows';
import { explainTreeModel, findTreeEnsemble } from '../engine/explain/tree/explainTreeModel';
import { readModelFile } from '../engine/onnx/loadFile';
import { summarize } from '../engine/onnx/summary';
import type { ModelGraph } from '../engine/onnx/types';
import { buildReportHtml } from '../engine/report/html';
import type { CliIo } from './io';

const USAGE =
  'usage: model-lens explain MODEL --data FILE [--background FILE] [--rows 0-19] [--method auto|tree] ' +
  '[--background-size N] [--seed N] [--json] [--out FILE] [--html FILE]';

const OPTIONS = {
  data: { type: 'string' },
  background: { type: 'string' },
  rows: { type: 'string' },
  method: { type: 'string', default: 'auto' },
  output: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string', default: '0' },
  'background-size': { type: 'string', default: '100' },
  link: { type: 'string', default: 'identity' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  html: { type: 'string' },
} as const;

/** Feature names from the model's metadata: a JSON list, or comma-separated. */
export function metadataFeatureNames(model: ModelGraph): string[] | undefined {
  const raw = model.info.metadata.feature_names;
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
  } catch {
    // not JSON: comma-separated
  }
  return raw.split(',').map((s) => s.trim());
}

function int(text: string, name: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be a whole number of at least ${min}, not '${text}'`);
  return n;
}

/** The explained input's width, from the model's first graph input. */
function inputWidth(model: ModelGraph, file: string): number {
  const first = model.graph.inputs.find((i) => !model.graph.initializers.some((t) => t.name === i.name));
  const type = first?.type;
  const last = type && type.kind === 'tensor' && type.shape ? type.shape[type.shape.length - 1] : null;
  if (typeof last !== 'number') throw new Error(`${path.basename(file)}: the model input's feature count is not fixed`);
  return last;
}

async function loadMatched(file: string, width: number, names: string[] | undefined) {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    throw new Error(`cannot read the data file '${file}'`);
  }
  return matchToModel(loadTable(bytes, file), width, names);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`model-lens explain: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values: opts, positionals } = parsed;
  if (positionals.length !== 1 || !opts.data) {
    io.stderr(USAGE);
    return 2;
  }
  const modelFile = positionals[0];
  const { model, bytes } = await readModelFile(modelFile);
  const method = opts.method ?? 'auto';
  if (method !== 'auto' && method !== 'tree') {
    throw new Error(`method '${method}' is not in this build yet; 'tree' (exact TreeSHAP for tree ensembles) is`);
  }
  if (!findTreeEnsemble(model)) {
    throw new Error(
      `${path.basename(modelFile)} holds no ONNX-ML tree ensemble, which this build's only method (tree) needs`,
    );
  }
  if (opts.link !== 'identity') throw new Error('--link logit applies to model-agnostic methods, not to tree');

  const width = inputWidth(model, modelFile);
  const names = metadataFeatureNames(model);
  const data = await loadMatched(opts.data, width, names && names.length === width ? names : undefined);
  const seed = int(opts.seed ?? '0', 'seed', 0);
  const random = seededRandom(seed);
  const backgroundSource = opts.background ? await loadMatched(opts.background, width, data.featureNames) : data;
  const background = summariseBackground(backgroundSource, {
    backgroundSize: int(opts['background-size'] ?? '100', 'background-size', 1),
    method: 'sample',
    random,
  });
  const rowIndices = opts.rows ? parseRows(opts.rows, data.rows) : [...Array(Math.min(20, data.rows)).keys()];
  const rows = takeRows(data, rowIndices);
  const { attribution, notes } = explainTreeModel({
    model,
    bytes,
    featureNames: data.featureNames,
    rowIndices,
    rows,
    background,
  });
  for (const n of notes) io.stderr(`note: ${n}`);

  if (opts.html) {
    const dir = path.join(__dirname, 'webview');
    const [scriptText, cssText] = await Promise.all([
      readFile(path.join(dir, 'report.js'), 'utf8'),
      readFile(path.join(dir, 'report.css'), 'utf8'),
    ]);
    const html = buildReportHtml({
      title: `Model Lens: ${path.basename(modelFile)}`,
      modelSummary: summarize(model) as unknown as Record<string, unknown>,
      settings: {
        method: attribution.method,
        data: path.basename(opts.data),
        rows: opts.rows ?? `0-${rowIndices.length - 1}`,
        seed,
        background: `${background.rows} rows (${background.method})`,
      },
      attribution,
      scriptText,
      cssText,
    });
    await writeFile(opts.html, html);
  }
  const text = JSON.stringify(attribution, null, opts.json ? 2 : undefined);
  if (opts.out) await writeFile(opts.out, text);
  else if (opts.json || !opts.html) io.stdout(text);
  return 0;
}
