/**
 * A text explanation run from a user's settings, shared by the worker (the panel) and the CLI: the plan
 * with its model rows and ETA before anything long starts, then the units' values row by row.
 */
import type { ExplainOutcome, ExplainPlanInfo, ExplainSettings } from '../../../protocol/explainTypes';
import type { Attribution } from '../../../protocol/attributionTypes';
import { backendModel, modelNotes, type ExplainedModel } from '../backendModel';
import { BatchEvaluator } from '../evaluator';
import { sequenceHierarchy } from '../features/hierarchy';
import { LIME_TEXT } from '../lime/limeBinary';
import { targetFields, targetModel } from '../outputTarget';
import { partitionEvaluations } from '../partition/partition';
import { exactCoalitionCount } from '../shapley/exact';
import { defaultKernelBudget } from '../shapley/kernelPlan';
import { defaultPermutations } from '../shapley/permutation';
import { explainText, type TextMethod } from '../text/explainText';
import { groupedRun } from '../grouped/groupedRun';
import { classNamesFor, type JobEnvironment, type ModelFile } from './jobData';
import { prepareText, type PreparedText, type TextInput } from './textData';

const DEFAULT_BUDGET = 500;
/** Up to this many units, auto computes exact Shapley values (2^14 coalitions per row). */
const EXACT_UNITS = 14;

export function textMethodOf(settings: ExplainSettings, fileName: string, maxUnits: number): TextMethod {
  const m = settings.method;
  if (m === 'auto') return maxUnits <= EXACT_UNITS ? 'exact' : 'partition';
  if (m === 'tree' || m === 'occlusion') {
    throw new Error(
      `${fileName}: the ${m} method does not explain text; a text model is explained with partition, exact, kernel, permutation or lime`,
    );
  }
  return m;
}

/** Every text input's dims after the batch axis at the padded length (fixing a free sequence length). */
function textDims(input: TextInput, length: number): Record<string, number[]> {
  return Object.fromEntries(input.inputs.map((i) => [i.name, [length]]));
}

async function textModel(
  env: JobEnvironment,
  file: ModelFile,
  input: TextInput,
  settings: ExplainSettings,
  prepared: PreparedText,
): Promise<ExplainedModel> {
  const backend = await env.backend(file.path);
  const model = await backendModel(
    backend,
    { input: input.ids, output: settings.output, dimsOf: textDims(input, prepared.length) },
    prepared.rows[0].x,
  );
  if (settings.target) return targetModel(model, settings.target);
  if (model.outputDims.length > 1 || model.columns > 4096) {
    throw new Error(
      `${file.fileName}: output '${model.outputName}' has ${model.columns} values per row ([${model.outputDims.join(', ')}]), not one score per class; ` +
        'choose a target: an element or the predicted class (--target element:I | predicted)',
    );
  }
  return model;
}

/** Model rows one text takes: the fully masked text, the method's coalitions, and the faithfulness curves. */
function rowEvaluations(method: TextMethod, units: number, samples: number | undefined, targets: number): number {
  // Deletion and insertion curves in the values' order and three random ones, their end points known.
  const curves = targets * 8 * (Math.min(units, 20) - 1);
  const one = 1 + curves;
  switch (method) {
    case 'partition':
      return one + partitionEvaluations(sequenceHierarchy(units), samples ?? DEFAULT_BUDGET);
    case 'kernel':
      return one + Math.min(samples ?? defaultKernelBudget(units), exactCoalitionCount(units));
    case 'permutation':
      return one + 2 * Math.ceil((samples ?? defaultPermutations(units)) / 2) * (units - 1);
    case 'exact':
      return one + exactCoalitionCount(units);
    case 'lime':
      return one + (samples ?? LIME_TEXT.samples) - 1; // its first sample is the text itself, known
  }
}

interface TextPlan {
  method: TextMethod;
  info: ExplainPlanInfo;
  model: ExplainedModel;
  prepared: PreparedText;
  columns: string[];
}

async function planText(
  env: JobEnvironment,
  file: ModelFile,
  input: TextInput,
  settings: ExplainSettings,
  timeIt: boolean,
): Promise<TextPlan> {
  const prepared = await prepareText(env, file, input, settings);
  const maxUnits = Math.max(...prepared.rows.map((r) => r.units));
  const method = textMethodOf(settings, file.fileName, maxUnits);
  if (settings.link === 'logit' && method === 'lime')
    throw new Error('LIME fits the output itself: the logit link does not apply to it');
  const model = await textModel(env, file, input, settings, prepared);
  const columns = classNamesFor(file, model.columns, settings.classNames);
  const targets = settings.targetClass !== undefined ? 1 : Math.min(model.columns, settings.classes ?? 1);
  const rows = prepared.rows.length;
  const evaluations =
    rows + prepared.rows.reduce((s, r) => s + rowEvaluations(method, r.units, settings.samples, targets), 0);
  let etaSeconds: number | undefined;
  if (timeIt) etaSeconds = evaluations / (await rowsPerSecond(model, prepared.rows[0].x));
  const units = settings.text?.units ?? 'words';
  const reasons: Record<TextMethod, string> = {
    partition: `hierarchical Shapley (Owen) values over halves of each text, refined where they matter within ${settings.samples ?? DEFAULT_BUDGET} evaluations per text`,
    kernel: `KernelSHAP over each text's ${units}`,
    permutation: `permutation Shapley values over each text's ${units}`,
    exact: `exact Shapley values over each text's ${units} (at most ${maxUnits})`,
    lime: `LIME over each text's ${units} (${settings.samples ?? LIME_TEXT.samples} samples, cosine distance, kernel width ${LIME_TEXT.kernelWidth})`,
  };
  const info: ExplainPlanInfo = {
    method,
    reason: settings.method === 'auto' ? `a text input: ${reasons[method]}` : reasons[method],
    evaluations,
    etaSeconds,
    explainedRows: rows,
    featureNames: [],
    // A target's one column is named as the region or element it is, not as class "0".
    outputColumns: targetFields(model).output_columns ?? columns,
    output: model.outputName,
    notes: [prepared.maskerText, ...prepared.notes, ...modelNotes(model)],
    kind: 'text',
  };
  return { method, info, model, prepared, columns };
}

/** Model rows per second on the text itself, timed on growing batches until one takes a third of a second. */
async function rowsPerSecond(model: ExplainedModel, x: Float64Array): Promise<number> {
  const evaluator = new BatchEvaluator(model);
  for (let rows = 1; ; rows *= 4) {
    const block = new Float64Array(rows * x.length);
    for (let i = 0; i < rows; i++) block.set(x, i * x.length);
    const t0 = performance.now();
    await evaluator.evaluateRows(block, rows);
    const ms = performance.now() - t0;
    if (ms > 330 || rows >= 256) return rows / Math.max(1e-6, ms / 1000);
  }
}

export async function planTextJob(
  env: JobEnvironment,
  file: ModelFile,
  input: TextInput,
  settings: ExplainSettings,
): Promise<ExplainPlanInfo> {
  return (await planText(env, file, input, settings, true)).info;
}

export async function runTextJob(
  env: JobEnvironment & { onPartial?: (a: Attribution) => void },
  file: ModelFile,
  input: TextInput,
  settings: ExplainSettings,
): Promise<ExplainOutcome> {
  const plan = await planText(env, file, input, settings, false);
  const { method, info, prepared } = plan;
  const run = groupedRun(env, settings, plan, {
    modelPath: file.path,
    input: input.ids,
    dimsOf: textDims(input, prepared.length),
  });
  const attribution = await explainText({ ...run, method, rows: prepared.rows });
  return {
    attribution,
    plan: info,
    dataRows: prepared.dataRows,
    background: prepared.maskerText,
    otherColumns: [],
  };
}
