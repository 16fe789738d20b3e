/** `model-lens importance MODEL --data FILE --label COLUMN`: permutation feature importance as JSON. */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runImportanceJob } from '../engine/explain/jobs/globalJobs';
import type { CliIo } from './io';
import { cliEnvironment, intOption, oneOf } from './jobEnv';

const USAGE =
  'usage: model-lens importance MODEL --data FILE --label COLUMN [--metric accuracy|log_loss|rmse] [--repeats N]\n' +
  '  [--input NAME] [--output NAME] [--seed N] [--json] [--out FILE]';

const OPTIONS = {
  data: { type: 'string' },
  label: { type: 'string' },
  metric: { type: 'string' },
  repeats: { type: 'string', default: '5' },
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
    io.stderr(`model-lens importance: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  if (positionals.length !== 1 || !o.data || !o.label) {
    io.stderr(USAGE);
    return 2;
  }
  const env = cliEnvironment(io, false);
  try {
    const result = await runImportanceJob(env, positionals[0], {
      data: o.data,
      label: o.label,
      metric: oneOf(o.metric, 'metric', ['accuracy', 'log_loss', 'rmse'] as const),
      repeats: intOption(o.repeats, 'repeats', 1),
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
