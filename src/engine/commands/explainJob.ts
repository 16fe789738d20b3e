/**
 * One explanation run from a user's settings, shared by the worker (the panel) and the CLI so both
 * give the same numbers: the model's kind of input plans and runs it, progress and rows as they finish.
 */
import type { Attribution } from '../../protocol/attributionTypes';
import type { ExplainOutcome, ExplainPlanInfo, ExplainSettings } from '../../protocol/explainTypes';
import { DataError } from '../data/table';
import { detectInput } from '../inputs/kinds';
import { CancelledError } from '../explain/batchModel';
import { readModelFor, type JobEnvironment } from '../explain/jobs/jobData';

export interface ExplainJobEnvironment extends JobEnvironment {
  /** The rows finished so far, as they finish. */
  onPartial?: (attribution: Attribution) => void;
}

export async function planExplainJob(
  env: JobEnvironment,
  modelPath: string,
  settings: ExplainSettings,
): Promise<ExplainPlanInfo> {
  const file = await readModelFor(env, modelPath);
  return detectInput(file, settings).plan(env, settings);
}

export async function runExplainJob(
  env: ExplainJobEnvironment,
  modelPath: string,
  settings: ExplainSettings,
): Promise<ExplainOutcome> {
  const file = await readModelFor(env, modelPath);
  const explain = await detectInput(file, settings).startRun(env, settings);
  try {
    return await explain();
  } catch (e) {
    // A failure while running names the model (data problems were named by file, row and column above).
    if (e instanceof CancelledError || env.cancel?.isCancellationRequested) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof DataError) throw e;
    throw new Error(message.startsWith(file.fileName) ? message : `${file.fileName}: ${message}`);
  }
}
