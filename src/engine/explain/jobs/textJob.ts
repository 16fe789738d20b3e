/**
 * A text explanation run from a user's settings, shared by the worker (the panel) and the CLI: the plan
 * with its model rows and ETA before anything long starts, then the units' values row by row.
 */
import type { ExplainPlanInfo, ExplainSettings } from '../../../protocol/explainTypes';
import { backendModel, modelNotes, type ExplainedModel } from '../backendModel';
import { sequenceHierarchy } from '../features/hierarchy';
import { LIME_TEXT } from '../lime/limeBinary';
import { partitionEvaluations } from '../partition/partition';
import { exactCoalitionCount } from '../shapley/exact';
import { defaultKernelBudget } from '../shapley/kernelPlan';
import { defaultPermutations } from '../shapley/permutation';
import { explainText, type TextMethod } from '../text/explainText';
import { groupedRun } from '../grouped/groupedRun';
import { groupedJob, groupedOutcome, groupedPlanInfo, rowsPerSecondOn, scoredModel } from './groupedJob';
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

const TEXT_TARGETS = 'an element or the predicted class (--target element:I | predicted)';

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
  const backend = await env.backend(file.path);
  const dims = { input: input.ids, output: settings.output, dimsOf: textDims(input, prepared.length) };
  const model = scoredModel(file, await backendModel(backend, dims, prepared.rows[0].x), settings, TEXT_TARGETS);
  const columns = classNamesFor(file, model.columns, settings.classNames, undefined, model.outputName);
  const targets = settings.targetClass !== undefined ? 1 : Math.min(model.columns, settings.classes ?? 1);
  const rows = prepared.rows.length;
  const evaluations =
    rows + prepared.rows.reduce((s, r) => s + rowEvaluations(method, r.units, settings.samples, targets), 0);
  let etaSeconds: number | undefined;
  if (timeIt) etaSeconds = evaluations / (await rowsPerSecondOn(model, prepared.rows[0].x));
  const units = settings.text?.units ?? 'words';
  const reasons: Record<TextMethod, string> = {
    partition: `hierarchical Shapley (Owen) values over halves of each text, refined where they matter within ${settings.samples ?? DEFAULT_BUDGET} evaluations per text`,
    kernel: `KernelSHAP over each text's ${units}`,
    permutation: `permutation Shapley values over each text's ${units}`,
    exact: `exact Shapley values over each text's ${units} (at most ${maxUnits})`,
    lime: `LIME over each text's ${units} (${settings.samples ?? LIME_TEXT.samples} samples, cosine distance, kernel width ${LIME_TEXT.kernelWidth})`,
  };
  const cost = { evaluations, etaSeconds, explainedRows: rows };
  const info = groupedPlanInfo('text', settings, method, reasons, cost, {
    model,
    columns,
    notes: [prepared.maskerText, ...prepared.notes, ...modelNotes(model)],
  });
  return { method, info, model, prepared, columns };
}

export const textJob = groupedJob(planText, async (env, file, input, settings, plan) => {
  const { method, info, prepared } = plan;
  const run = groupedRun(env, settings, plan, {
    modelPath: file.path,
    input: input.ids,
    dimsOf: textDims(input, prepared.length),
  });
  const attribution = await explainText({ ...run, method, rows: prepared.rows });
  return groupedOutcome(attribution, info, prepared.dataRows, prepared.maskerText);
});
