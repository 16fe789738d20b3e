/**
 * `model-lens evaluate MODEL --data FILE --label COLUMN`: metrics, intervals and error cohorts as JSON (and HTML).
 * Image models read a folder with a subfolder per class (no --label); text models a .csv or .jsonl with a label column.
 */
import { writeFile } from 'node:fs/promises';
import { evaluationHtml } from '../engine/report/evaluationHtml';
import { runEvaluateJob } from '../engine/evaluate/evaluateJob';
import type { EvaluateSettings } from '../protocol/evaluationTypes';
import type { CliIo } from './io';
import { intOption } from './jobEnv';
import { runJsonJob } from './jsonJob';
import { labelledDataOptions } from './sidecar';

export function run(args: string[], io: CliIo): Promise<number> {
  return runJsonJob('evaluate', args, io, async (env, model, f) => {
    const result = await runEvaluateJob(env, model, {
      // The sidecar's names, image preprocessing and text settings, as the panel passes them.
      ...(await labelledDataOptions(model, f)),
      label: f.string('label') ?? '',
      threshold: probability(f.string('threshold')),
      // The table allows only the tasks there are.
      task: f.string('task') as EvaluateSettings['task'],
      resamples: intOption(f.string('resamples'), 'resamples', 1),
    });
    const html = f.string('html');
    if (html !== undefined) await writeFile(html, evaluationHtml(result));
    return result;
  });
}

function probability(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = Number(text);
  if (!(t >= 0 && t <= 1)) throw new Error(`--threshold must be a probability between 0 and 1, not '${text}'`);
  return t;
}
