/** `model-lens rules MODEL --data FILE`: a surrogate decision tree of the model's predictions, as IF ... THEN rules. */
import { runRulesJob } from '../engine/evaluate/evaluateJob';
import type { CliIo } from './io';
import { intOption, oneOf } from './jobEnv';
import { runJsonJob } from './jsonJob';
import { labelledDataOptions } from './sidecar';

const USAGE =
  'usage: model-lens rules MODEL --data FILE [--label COLUMN] [--output NAME] [--depth 3]\n' +
  '  [--task classification|regression] [--seed N] [--input NAME] [--sidecar FILE] [--json] [--out FILE]';

export function run(args: string[], io: CliIo): Promise<number> {
  return runJsonJob(
    'rules',
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
        depth: { type: 'string', default: '3' },
        task: { type: 'string' },
        seed: { type: 'string', default: '0' },
        sidecar: { type: 'string' },
      },
    },
    async (env, model, o) => {
      return runRulesJob(env, model, {
        // The sidecar's names, image preprocessing and text settings, as the panel passes them.
        ...(await labelledDataOptions(model, o)),
        label: o.label as string | undefined,
        depth: intOption(o.depth as string, 'depth', 1),
        task: oneOf(o.task as string | undefined, 'task', ['classification', 'regression'] as const),
        seed: intOption(o.seed as string, 'seed', 0),
      });
    },
  );
}
