/** `model-lens pdp MODEL --data FILE --feature NAME`: partial dependence with ICE curves as JSON. */
import { runPdpJob } from '../engine/commands/globalJobs';
import { SETTINGS_DEFAULTS } from '../engine/settings/defaults';
import type { CliIo } from './io';
import { intOption } from './jobEnv';
import { runJsonJob } from './jsonJob';

export function run(args: string[], io: CliIo): Promise<number> {
  return runJsonJob('pdp', args, io, (env, model, f) =>
    runPdpJob(env, model, {
      data: f.string('data')!,
      feature: f.string('feature')!,
      points: intOption(f.string('points'), 'points', 2),
      maxRows: intOption(f.string('max-rows'), 'max-rows', 1),
      input: f.string('input'),
      output: f.string('output'),
      seed: intOption(f.string('seed'), 'seed', 0) ?? SETTINGS_DEFAULTS.seed,
    }),
  );
}
