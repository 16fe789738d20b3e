/**
 * `model-lens evaluate MODEL --data FILE --label COLUMN`: metrics, intervals and error cohorts as JSON (and HTML).
 * Image models read a folder with a subfolder per class (no --label); text models a .csv or .jsonl with a label column.
 */
import { writeFile } from 'node:fs/promises';
import { evaluationHtml } from '../engine/evaluate/evaluationHtml';
import { runEvaluateJob } from '../engine/evaluate/evaluateJob';
import type { CliIo } from './io';
import { intOption, oneOf } from './jobEnv';
import { runJsonJob } from './jsonJob';
import { labelledDataOptions } from './sidecar';

const USAGE =
  'usage: model-lens evaluate MODEL --data FILE --label COLUMN [--output NAME] [--threshold T]\n' +
  '  [--task classification|regression] [--resamples N] [--seed N] [--input NAME] [--sidecar FILE] [--json] [--out FILE] [--html FILE]\n' +
  '  image models: --data FOLDER with a subfolder per class (named as the class or by its index), no --label';

export function run(args: string[], io: CliIo): Promise<number> {
  return runJsonJob(
    'evaluate',
    args,
    io,
    {
      usage: USAGE,
      required: ['data'],
      options: {
        data: { type: 'string' },
        label: { type: 'string' },
        input: { type: 'string' },
        output: { type: 'string' },
        threshold: { type: 'string' },
        task: { type: 'string' },
        resamples: { type: 'string', default: '200' },
        seed: { type: 'string', default: '0' },
        html: { type: 'string' },
        sidecar: { type: 'string' },
      },
    },
    async (env, model, o) => {
      const result = await runEvaluateJob(env, model, {
        // The sidecar's names, image preprocessing and text settings, as the panel passes them.
        ...(await labelledDataOptions(model, o)),
        label: (o.label as string | undefined) ?? '',
        threshold: probability(o.threshold as string | undefined),
        task: oneOf(o.task as string | undefined, 'task', ['classification', 'regression'] as const),
        resamples: intOption(o.resamples as string, 'resamples', 1),
        seed: intOption(o.seed as string, 'seed', 0),
      });
      if (typeof o.html === 'string') await writeFile(o.html, evaluationHtml(result));
      return result;
    },
  );
}

function probability(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = Number(text);
  if (!(t >= 0 && t <= 1)) throw new Error(`--threshold must be a probability between 0 and 1, not '${text}'`);
  return t;
}
