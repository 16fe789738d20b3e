/**
 * `model-lens explain MODEL --data FILE ...`: attributions from the command line, as JSON or a
 * self-contained HTML report; the same job the panel's worker runs, so the numbers agree.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readModelFile } from '../engine/onnx/loadFile';
import { summarize } from '../engine/onnx/summary';
import { runExplainJob } from '../engine/commands/explainJob';
import { buildReportHtml } from '../engine/report/html';
import { resolveExplainSettings, type ChosenSettings } from '../engine/settings/explainSettings';
import { reportSettings } from '../engine/settings/reportSettings';
import type { ExplainSettings } from '../protocol/explainTypes';
import type { CliIo } from './io';
import { cliEnvironment, intOption, runtimeFlags } from './jobEnv';
import { commandUsage, parseOrExit, type ParsedCommand } from './parse';
import { pathExists, readSidecarFor } from './sidecar';

export async function run(args: string[], io: CliIo): Promise<number> {
  const f = parseOrExit('explain', args, io);
  if (typeof f === 'number') return f;
  const modelFile = f.operands[0];
  // Flags win over the sidecar beside the model (or the one --sidecar names).
  const side = await readSidecarFor(modelFile, f.string('sidecar'));
  const settings = await resolveExplainSettings({
    modelPath: path.resolve(modelFile),
    sidecar: side.source,
    chosen: chosenFlags(f),
    origin: { kind: 'cli', cwd: process.cwd() },
    exists: pathExists,
  });
  if (!settings) {
    io.stderr(
      `model-lens explain: --data or --text is required (or "data" in ${side.name})\n${commandUsage('explain')}`,
    );
    return 2;
  }
  const env = cliEnvironment(
    io,
    f.flag('progress'),
    runtimeFlags({ backend: f.string('backend'), providers: f.string('providers') }),
  );
  let outcome;
  try {
    outcome = await runExplainJob(env, modelFile, settings);
  } finally {
    await env.close();
  }
  const { attribution, plan } = outcome;
  for (const n of plan.notes) io.stderr(`note: ${n}`);
  const html = f.string('html');
  if (html !== undefined) await writeFile(html, await reportHtml(modelFile, settings, outcome, env.runtimeLine()));
  const json = f.flag('json');
  const text = JSON.stringify(attribution, null, json ? 2 : undefined);
  const out = f.string('out');
  if (out !== undefined) await writeFile(out, text);
  else if (json || html === undefined) io.stdout(text);
  return 0;
}

/** The flags as choices: numbers checked here, allowed values already by the parser. */
function chosenFlags(f: ParsedCommand): ChosenSettings {
  const data = f.list('data');
  return {
    data: data?.[0],
    moreData: data && data.length > 1 ? data.slice(1) : undefined,
    background: f.string('background'),
    backgroundSize: intOption(f.string('background-size'), 'background-size', 1),
    rows: f.string('rows'),
    method: f.string('method') as ChosenSettings['method'],
    input: f.string('input'),
    output: f.string('output'),
    samples: intOption(f.string('samples'), 'samples', 1),
    tolerance: positiveOption(f.string('tolerance'), 'tolerance'),
    seed: intOption(f.string('seed'), 'seed', 0),
    link: f.string('link') as ChosenSettings['link'],
    missingValues: f.string('missing') as ChosenSettings['missingValues'],
    classes: intOption(f.string('classes'), 'classes', 1),
    targetClass: f.string('class'),
    target: f.string('target'),
    window: intOption(f.string('window'), 'window', 1),
    tokenizer: f.string('tokenizer'),
    sentence: f.string('text'),
    units: f.string('units') as ChosenSettings['units'],
  };
}

async function reportHtml(
  modelFile: string,
  settings: ExplainSettings,
  outcome: Awaited<ReturnType<typeof runExplainJob>>,
  runtime: string | undefined,
): Promise<string> {
  const dir = path.join(__dirname, 'webview');
  const [scriptText, cssText] = await Promise.all([
    readFile(path.join(dir, 'report.js'), 'utf8'),
    readFile(path.join(dir, 'report.css'), 'utf8'),
  ]);
  const { model } = await readModelFile(modelFile);
  return buildReportHtml({
    title: `Model Lens: ${path.basename(modelFile)}`,
    modelSummary: summarize(model) as unknown as Record<string, unknown>,
    settings: reportSettings(settings, outcome, runtime),
    attribution: outcome.attribution,
    images: outcome.images,
    scriptText,
    cssText,
  });
}

/** A positive number flag (e.g. --tolerance 0.001). */
function positiveOption(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${name} must be a number above 0, not '${text}'`);
  return n;
}
