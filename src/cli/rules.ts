/** `model-lens rules MODEL --data FILE`: a surrogate decision tree of the model's predictions, as IF ... THEN rules. */
import { runRulesJob } from '../engine/evaluate/evaluateJob';
import type { RulesSettings } from '../protocol/evaluationTypes';
import type { CliIo } from './io';
import { intOption } from './jobEnv';
import { runJsonJob } from './jsonJob';
import { labelledDataOptions } from './sidecar';

export function run(args: string[], io: CliIo): Promise<number> {
  return runJsonJob('rules', args, io, async (env, model, f) =>
    runRulesJob(env, model, {
      // The sidecar's names, image preprocessing and text settings, as the panel passes them.
      ...(await labelledDataOptions(model, f)),
      depth: intOption(f.string('depth'), 'depth', 1),
      // The table allows only the tasks there are.
      task: f.string('task') as RulesSettings['task'],
    }),
  );
}
