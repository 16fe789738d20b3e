/** What the picture, text and sequence jobs share: the plan alone, the run from its own plan, and timing a row. */
import type { Attribution } from '../../../protocol/attributionTypes';
import type { ExplainOutcome, ExplainPlanInfo, ExplainSettings } from '../../../protocol/explainTypes';
import type { ExplainedModel } from '../backendModel';
import { BatchEvaluator } from '../evaluator';
import { targetFields, targetModel } from '../outputTarget';
import type { JobEnvironment, ModelFile } from './jobData';

type RunEnvironment = JobEnvironment & { onPartial?: (a: Attribution) => void };

/** A job bound to nothing yet: its plan (timed for the ETA) and its run. */
export interface GroupedJob<I> {
  plan(env: JobEnvironment, file: ModelFile, input: I, settings: ExplainSettings): Promise<ExplainPlanInfo>;
  run(env: RunEnvironment, file: ModelFile, input: I, settings: ExplainSettings): Promise<ExplainOutcome>;
}

/** A job from its planner and what its run does with a plan; the run plans again, untimed. */
export function groupedJob<I, P extends { info: ExplainPlanInfo }>(
  planner: (env: JobEnvironment, file: ModelFile, input: I, settings: ExplainSettings, timeIt: boolean) => Promise<P>,
  explain: (
    env: RunEnvironment,
    file: ModelFile,
    input: I,
    settings: ExplainSettings,
    plan: P,
  ) => Promise<ExplainOutcome>,
): GroupedJob<I> {
  return {
    plan: async (env, file, input, settings) => (await planner(env, file, input, settings, true)).info,
    run: async (env, file, input, settings) =>
      explain(env, file, input, settings, await planner(env, file, input, settings, false)),
  };
}

/** The model as explained: its target's one number, or one score per class (else an error saying how to choose a target). */
export function scoredModel(
  file: ModelFile,
  model: ExplainedModel,
  settings: ExplainSettings,
  targetChoices: string,
): ExplainedModel {
  if (settings.target) return targetModel(model, settings.target);
  if (model.outputDims.length > 1 || model.columns > 4096) {
    throw new Error(
      `${file.fileName}: output '${model.outputName}' has ${model.columns} values per row ([${model.outputDims.join(', ')}]), not one score per class; ` +
        `choose a target: ${targetChoices}`,
    );
  }
  return model;
}

/** A grouped run's outcome: no data column is left beside the model's inputs. */
export function groupedOutcome(
  attribution: Attribution,
  plan: ExplainPlanInfo,
  dataRows: number,
  background: string,
): ExplainOutcome {
  return { attribution, plan, dataRows, background, otherColumns: [] };
}

/** Model rows per second on the row itself, timed on growing batches until one takes a third of a second. */
export async function rowsPerSecondOn(model: ExplainedModel, x: Float64Array): Promise<number> {
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

/** What a plan costs: model rows in all, the time they should take, and the rows explained. */
export interface PlanCost {
  evaluations: number;
  etaSeconds: number | undefined;
  explainedRows: number;
}

const AUTO_PREFIX = { image: 'an image input', text: 'a text input', sequence: 'a sequence input' };

/** The plan a grouped job shows before it runs; `reasons` says why each method explains this input. */
export function groupedPlanInfo<M extends ExplainPlanInfo['method']>(
  kind: 'image' | 'text' | 'sequence',
  settings: ExplainSettings,
  method: M,
  reasons: Record<M, string>,
  cost: PlanCost,
  read: { model: ExplainedModel; columns: string[]; notes: string[] },
): ExplainPlanInfo {
  const reason = reasons[method];
  return {
    method,
    // Said as the input's kind's when auto chose the method.
    reason: settings.method === 'auto' ? `${AUTO_PREFIX[kind]}: ${reason}` : reason,
    ...cost,
    featureNames: [],
    // A target's one column is named as the region or element it is, not as class "0".
    outputColumns: targetFields(read.model).output_columns ?? read.columns,
    output: read.model.outputName,
    notes: read.notes,
    kind,
  };
}
