/** `model-lens pdp MODEL --data FILE --feature NAME`: partial dependence with ICE curves as JSON. */
import { runPdpJob } from '../engine/explain/jobs/globalJobs';
import type { CliIo } from './io';
import { intOption } from './jobEnv';
import { runJsonJob } from './jsonJob';

const USAGE =
  'usage: model-lens pdp MODEL --data FILE --feature NAME [--points N] [--max-rows N] [--input NAME]\n' +
  '  [--output NAME] [--seed N] [--json] [--out FILE]';

export function run(args: string[], io: CliIo): Promise<number> {
  return runJsonJob(
    'pdp',
    args,
    io,
    {
      usage: USAGE,
      required: ['data', 'feature'],
      options: {
        data: { type: 'string' },
        feature: { type: 'string' },
        points: { type: 'string', default: '20' },
        'max-rows': { type: 'string', default: '100' },
        input: { type: 'string' },
        output: { type: 'string' },
        seed: { type: 'string', default: '0' },
      },
    },
    (env, model, o) =>
      runPdpJob(env, model, {
        data: o.data as string,
        feature: o.feature as string,
        points: intOption(o.points as string, 'points', 2),
        maxRows: intOption(o['max-rows'] as string, 'max-rows', 1),
        input: o.input as string | undefined,
        output: o.output as string | undefined,
        seed: intOption(o.seed as string, 'seed', 0),
      }),
  );
}
