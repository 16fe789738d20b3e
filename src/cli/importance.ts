/** `model-lens importance MODEL --data FILE --label COLUMN`: permutation feature importance as JSON. */
import { runImportanceJob } from '../engine/commands/globalJobs';
import { SETTINGS_DEFAULTS } from '../engine/settings/defaults';
import type { ImportanceSettings } from '../protocol/explainTypes';
import type { CliIo } from './io';
import { intOption } from './jobEnv';
import { runJsonJob } from './jsonJob';

export function run(args: string[], io: CliIo): Promise<number> {
  return runJsonJob('importance', args, io, (env, model, f) =>
    runImportanceJob(env, model, {
      data: f.string('data')!,
      label: f.string('label')!,
      // The table allows only the metrics there are.
      metric: f.string('metric') as ImportanceSettings['metric'],
      repeats: intOption(f.string('repeats'), 'repeats', 1),
      input: f.string('input'),
      output: f.string('output'),
      seed: intOption(f.string('seed'), 'seed', 0) ?? SETTINGS_DEFAULTS.seed,
    }),
  );
}
