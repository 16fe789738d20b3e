/**
 * `model-lens explain MODEL --data FILE ...`: attributions from the command line, as JSON or a
 * self-contained HTML report; the same job the panel's worker runs, so the numbers agree.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readModelFile } from '../engine/onnx/loadFile';
import { summarize } from '../engine/onnx/summary';
import { runExplainJob } from '../engine/explain/jobs/explainJob';
import { buildReportHtml } from '../engine/report/html';
import type { ExplainSettings, MethodChoice, TextSettings } from '../protocol/explainTypes';
import type { CliIo } from './io';
import { cliEnvironment, intOption, oneOf, RUNTIME_FLAGS, RUNTIME_USAGE, runtimeFlags } from './jobEnv';
import { readSidecarFor } from './sidecar';
import { parseTarget } from '../engine/explain/outputTarget';

const USAGE =
  'usage: model-lens explain MODEL --data FILE|IMAGE|DIR [--background FILE] [--background-size N] [--rows 0-19]\n' +
  '  [--method auto|exact|kernel|permutation|tree|lime|partition|occlusion] [--input NAME] [--output NAME]\n' +
  '  [--samples N] [--tolerance T] [--seed N] [--link identity|logit] [--missing auto|reject|allow]\n' +
  '  [--classes K] [--class NAME|INDEX]\n' +
  '  [--target element:I|region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL]|predicted] [--sidecar FILE] [--window N]\n' +
  '  [--tokenizer tokenizer.json] [--text "..."] [--units words|tokens] (text models)\n' +
  '  [--json] [--out FILE] [--html FILE] [--progress]\n' +
  RUNTIME_USAGE;

const METHODS: readonly MethodChoice[] = [
  'auto',
  'exact',
  'kernel',
  'permutation',
  'tree',
  'lime',
  'partition',
  'occlusion',
];

const OPTIONS = {
  data: { type: 'string', multiple: true },
  classes: { type: 'string' },
  class: { type: 'string' },
  target: { type: 'string' },
  sidecar: { type: 'string' },
  window: { type: 'string' },
  background: { type: 'string' },
  rows: { type: 'string' },
  method: { type: 'string' },
  input: { type: 'string' },
  output: { type: 'string' },
  samples: { type: 'string' },
  tolerance: { type: 'string' },
  seed: { type: 'string' },
  'background-size': { type: 'string' },
  link: { type: 'string' },
  missing: { type: 'string' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  html: { type: 'string' },
  progress: { type: 'boolean', default: false },
  tokenizer: { type: 'string' },
  text: { type: 'string' },
  units: { type: 'string' },
  ...RUNTIME_FLAGS,
} as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`model-lens explain: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values: opts, positionals } = parsed;
  if (positionals.length !== 1) {
    io.stderr(USAGE);
    return 2;
  }
  const modelFile = positionals[0];
  // Flags win over the sidecar beside the model (or the one --sidecar names).
  const side = await readSidecarFor(modelFile, opts.sidecar);
  // A typed-in text (--text) stands in for the data file.
  const data = opts.data?.[0] ?? side.data ?? (opts.text !== undefined ? '' : undefined);
  if (data === undefined) {
    io.stderr(`model-lens explain: --data or --text is required (or "data" in ${side.name})\n${USAGE}`);
    return 2;
  }
  const settings: ExplainSettings = {
    ...side.settings,
    data,
    moreData: opts.data && opts.data.length > 1 ? opts.data.slice(1) : undefined,
    background: opts.background ?? side.settings.background,
    backgroundSize: intOption(opts['background-size'], 'background-size', 1) ?? side.settings.backgroundSize ?? 100,
    rows: opts.rows ?? side.settings.rows,
    method: oneOf(opts.method, 'method', METHODS) ?? side.settings.method ?? 'auto',
    input: opts.input ?? side.settings.input,
    output: opts.output ?? side.settings.output,
    samples: intOption(opts.samples, 'samples', 1) ?? side.settings.samples,
    tolerance: positiveOption(opts.tolerance, 'tolerance') ?? side.settings.tolerance,
    seed: intOption(opts.seed, 'seed', 0) ?? side.settings.seed ?? 0,
    link: oneOf(opts.link, 'link', ['identity', 'logit'] as const) ?? side.settings.link ?? 'identity',
    classes: intOption(opts.classes, 'classes', 1) ?? side.settings.classes,
    targetClass: opts.class ?? side.settings.targetClass,
    target: opts.target !== undefined ? parseTarget(opts.target) : side.settings.target,
    missingValues: oneOf(opts.missing, 'missing', ['auto', 'reject', 'allow'] as const) ?? 'auto',
    text: textFlags(side.settings.text, opts),
  };
  // --window declares the input a sequence explained by windows of N time steps.
  const window = intOption(opts.window, 'window', 1);
  if (window !== undefined) settings.sequence = { ...settings.sequence, window };
  const env = cliEnvironment(io, opts.progress, runtimeFlags(opts));
  let outcome;
  try {
    outcome = await runExplainJob(env, modelFile, settings);
  } finally {
    await env.close();
  }
  const { attribution, plan } = outcome;
  for (const n of plan.notes) io.stderr(`note: ${n}`);

  if (opts.html) {
    const dir = path.join(__dirname, 'webview');
    const [scriptText, cssText] = await Promise.all([
      readFile(path.join(dir, 'report.js'), 'utf8'),
      readFile(path.join(dir, 'report.css'), 'utf8'),
    ]);
    const { model } = await readModelFile(modelFile);
    const html = buildReportHtml({
      title: `Model Lens: ${path.basename(modelFile)}`,
      modelSummary: summarize(model) as unknown as Record<string, unknown>,
      settings: {
        method: attribution.method,
        data: data ? path.basename(data) : 'typed-in text',
        rows: opts.rows ?? `0-${attribution.rows.length - 1}`,
        seed: settings.seed ?? 0,
        background: outcome.background,
        link: attribution.link,
        ...(env.runtimeLine() ? { runtime: env.runtimeLine() } : {}),
      },
      attribution,
      images: outcome.images,
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

/** A positive number flag (e.g. --tolerance 0.001). */
function positiveOption(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${name} must be a number above 0, not '${text}'`);
  return n;
}

/** The sidecar's text settings with the flags on top (a typed-in text wins over the data file). */
function textFlags(
  fromSidecar: TextSettings | undefined,
  opts: { tokenizer?: string; text?: string; units?: string },
): TextSettings | undefined {
  const text: TextSettings = {
    ...fromSidecar,
    ...(opts.tokenizer !== undefined ? { tokenizer: path.resolve(opts.tokenizer) } : {}),
    ...(opts.text !== undefined ? { sentence: opts.text } : {}),
    ...(opts.units !== undefined ? { units: oneOf(opts.units, 'units', ['words', 'tokens'] as const) } : {}),
  };
  return Object.keys(text).length ? text : undefined;
}
