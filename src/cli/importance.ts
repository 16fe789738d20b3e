/** `model-lens importance MODEL --data FILE --label COLUMN`: permutation feature importance as JSON. */
import { runImportanceJob } from '../engine/explain/jobs/globalJobs';
import type { CliIo } from './io';
import { intOption, oneOf } from './jobEnv';
import { runJsonJob } from './jsonJob';

const USAGE =
  'usage: model-lens importance MODEL --data FILE --label COLUMN [--metric accuracy|log_loss|rmse] [--repeats N]\n' +
  '  [--input NAME] [--output NAME] [--seed N] [--json] [--out FILE]';

export function run(args: string[], io: CliIo): Promise<number> {
  return runJsonJob(
    'importance',
    args,
    io,
    {
      usage: USAGE,
      required: ['data', 'label'],
      options: {
        data: { type: 'string' },
        label: { type: 'string' },
        metric: { type: 'string' },
        repeats: { type: 'string', default: '5' },
        input: { type: 'string' },
        output: { type: 'string' },
        seed: { type: 'string', default: '0' },
      },
    },
    (env, model, o) =>
      runImportanceJob(env, model, {
        data: o.data as string,
        label: o.label as string,
        metric: oneOf(o.metric as string | undefined, 'metric', ['accuracy', 'log_loss', 'rmse'] as const),
        repeats: intOption(o.repeats as string, 'repeats', 1),
        input: o.input as string | undefined,
        output: o.output as string | undefined,
        seed: intOption(o.seed as string, 'seed', 0),
      }),
  );
}
