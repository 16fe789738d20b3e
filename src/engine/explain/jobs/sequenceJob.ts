/**
 * A sequence explanation run from a user's settings, shared by the worker (the panel) and the CLI: the
 * plan with its model rows and ETA, then each row's time windows explained on the grouped engine.
 */
import type { ExplainPlanInfo, ExplainSettings } from '../../../protocol/explainTypes';
import { modelNotes, type ExplainedModel } from '../backendModel';
import type { GroupedMethod } from '../grouped/explainGrouped';
import { LIME_TEXT } from '../lime/limeBinary';
import { explainSequences } from '../sequence/explainSequences';
import { sequenceModel } from '../sequence/sequenceModel';
import { sequenceWindows } from '../sequence/windows';
import { rowDims } from '../../data/sequence/layout';
import { perRowCoalitions } from './imageJob';
import { groupedJob, groupedOutcome, groupedPlanInfo, rowsPerSecondOn, scoredModel } from './groupedJob';
import { groupedRun } from '../grouped/groupedRun';
import { classNamesFor, type JobEnvironment, type ModelFile } from './jobData';
import { prepareSequences, type PreparedSequences, type SequenceInput } from './sequenceData';

const DEFAULT_BUDGET = 500;

function methodOf(settings: ExplainSettings, fileName: string): GroupedMethod {
  if (settings.method === 'auto') return 'partition';
  if (settings.method === 'tree') {
    throw new Error(
      `${fileName}: the tree method reads tree ensembles; a sequence model is explained with partition, kernel, exact, permutation, lime or occlusion`,
    );
  }
  return settings.method;
}

interface SequencePlan {
  method: GroupedMethod;
  info: ExplainPlanInfo;
  model: ExplainedModel;
  prepared: PreparedSequences;
  columns: string[];
}

async function planSequences(
  env: JobEnvironment,
  file: ModelFile,
  input: SequenceInput,
  settings: ExplainSettings,
  timeIt: boolean,
): Promise<SequencePlan> {
  const method = methodOf(settings, file.fileName);
  const prepared = await prepareSequences(env, file, input, settings);
  const { grid } = prepared;
  const backend = await env.backend(file.path);
  const d = grid.length * grid.features;
  const base = await sequenceModel(
    backend,
    { input: input.name, output: settings.output, rowDims: rowDims(grid.layout, grid.length, grid.features) },
    { hold: settings.sequence?.hold, sampleRate: prepared.data.sampleRate },
    prepared.rows.subarray(0, d),
  );
  const model = scoredModel(file, base, settings, 'an element or the predicted class (--target element:I | predicted)');
  const columns = classNamesFor(file, model.columns, settings.classNames, undefined, model.outputName);
  const windows = sequenceWindows(grid, prepared.window);
  const m = windows.spans.length;
  const targets = settings.targetClass !== undefined ? 1 : Math.min(model.columns, settings.classes ?? 1);
  const seg = {
    segmentOfPixel: windows.groups.groupOf,
    count: m,
    hierarchy: windows.hierarchy,
    grid: windows.occlusion,
  };
  const coalitions = perRowCoalitions(
    method,
    seg,
    settings.samples ?? (method === 'lime' ? LIME_TEXT.samples : undefined),
    targets,
  );
  const rows = prepared.rowIndices.length;
  const evaluations = rows + rows * coalitions;
  const etaSeconds = timeIt ? evaluations / (await rowsPerSecondOn(model, prepared.rows.subarray(0, d))) : undefined;
  const w = `${m} windows of ${prepared.window} steps`;
  const reasons: Record<GroupedMethod, string> = {
    partition: `hierarchical Shapley (Owen) values over halves of the sequence down to ${w}, within ${settings.samples ?? DEFAULT_BUDGET} evaluations per row`,
    kernel: `KernelSHAP over ${w}`,
    permutation: `permutation Shapley values over ${w}`,
    exact: `exact Shapley values over ${w}`,
    lime: `LIME over ${w} (${settings.samples ?? LIME_TEXT.samples} samples, kernel width ${LIME_TEXT.kernelWidth})`,
    occlusion: `occlusion: a patch of two windows sliding over ${w}`,
  };
  const cost = { evaluations, etaSeconds, explainedRows: rows };
  const info = groupedPlanInfo('sequence', settings, method, reasons, cost, {
    model,
    columns,
    notes: [prepared.maskerText, ...base.notes, ...prepared.data.notes, ...modelNotes(base)],
  });
  return { method, info, model, prepared, columns };
}

export const sequenceJob = groupedJob(planSequences, async (env, file, input, settings, plan) => {
  const { info, prepared } = plan;
  // Sequences evaluate in this thread: the pool's workers cannot hold a sequence model's other inputs yet.
  const run = groupedRun({ ...env, pool: undefined }, settings, plan, { modelPath: file.path, input: input.name });
  const attribution = await explainSequences({
    ...run,
    grid: prepared.grid,
    window: prepared.window,
    rows: prepared.rows,
    labels: prepared.labels,
    masked: prepared.masked,
  });
  return groupedOutcome(attribution, info, prepared.data.rows, prepared.maskerText);
});
