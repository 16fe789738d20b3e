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
import type { ExplainSettings, MethodChoice } from '../protocol/explainTypes';
import type { CliIo } from './io';
import { cliEnvironment, intOption, oneOf } from './jobEnv';

const USAGE =
  'usage: model-lens explain MODEL --data FILE [--background FILE] [--background-size N] [--rows 0-19]\n' +
  '  [--method auto|exact|kernel|permutation|tree|lime] [--input NAME] [--output NAME] [--samples N] [--seed N]\n' +
  '  [--link identity|logit] [--missing auto|reject|allow] [--json] [--out FILE] [--html FILE] [--progress]';

const METHODS: readonly MethodChoice[] = ['auto', 'exact', 'kernel', 'permutation', 'tree', 'lime'];

const OPTIONS = {
  data: { type: 'string' },
  background: { type: 'string' },
  rows: { type: 'string' },
  method: { type: 'string', default: 'auto' },
  input: { type: 'string' },
  output: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string', default: '0' },
  'background-size': { type: 'string', default: '100' },
  link: { type: 'string', default: 'identity' },
  missing: { type: 'string', default: 'auto' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  html: { type: 'string' },
  progress: { type: 'boolean', default: false },
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
  if (positionals.length !== 1 || !opts.data) {
    io.stderr(USAGE);
    return 2;
  }
  const modelFile = positionals[0];
  const settings: ExplainSettings = {
    data: opts.data,
    background: opts.background,
    backgroundSize: intOption(opts['background-size'], 'background-size', 1),
    rows: opts.rows,
    method: oneOf(opts.method, 'method', METHODS) ?? 'auto',
    input: opts.input,
    output: opts.output,
    samples: intOption(opts.samples, 'samples', 1),
    seed: intOption(opts.seed, 'seed', 0),
    link: oneOf(opts.link, 'link', ['identity', 'logit'] as const),
    missingValues: oneOf(opts.missing, 'missing', ['auto', 'reject', 'allow'] as const),
  };
  const env = cliEnvironment(io, opts.progress);
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
        data: path.basename(opts.data),
        rows: opts.rows ?? `0-${attribution.rows.length - 1}`,
        seed: settings.seed ?? 0,
        background: outcome.background,
        link: attribution.link,
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
