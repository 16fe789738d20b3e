/** `model-lens pdp MODEL --data FILE --feature NAME`: partial dependence with ICE curves as JSON. */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runPdpJob } from '../engine/explain/jobs/globalJobs';
import type { CliIo } from './io';
import { cliEnvironment, intOption } from './jobEnv';

const USAGE =
  'usage: model-lens pdp MODEL --data FILE --feature NAME [--points N] [--max-rows N] [--input NAME]\n' +
  '  [--output NAME] [--seed N] [--json] [--out FILE]';

const OPTIONS = {
  data: { type: 'string' },
  feature: { type: 'string' },
  points: { type: 'string', default: '20' },
  'max-rows': { type: 'string', default: '100' },
  input: { type: 'string' },
  output: { type: 'string' },
  seed: { type: 'string', default: '0' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
} as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`model-lens pdp: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  if (positionals.length !== 1 || !o.data || !o.feature) {
    io.stderr(USAGE);
    return 2;
  }
  const env = cliEnvironment(io, false);
  try {
    const result = await runPdpJob(env, positionals[0], {
      data: o.data,
      feature: o.feature,
      points: intOption(o.points, 'points', 2),
      maxRows: intOption(o['max-rows'], 'max-rows', 1),
      input: o.input,
      output: o.output,
      seed: intOption(o.seed, 'seed', 0),
    });
    const text = JSON.stringify(result, null, o.json ? 2 : undefined);
    if (o.out) await writeFile(o.out, text);
    else io.stdout(text);
    return 0;
  } finally {
    await env.close();
  }
}
