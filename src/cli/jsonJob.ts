/** The shape `importance` and `pdp` share: parse flags, run one job on onnxruntime here, print or write its JSON. */
import { writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { JobEnvironment } from '../engine/explain/jobs/jobData';
import type { CliIo } from './io';
import { cliEnvironment, RUNTIME_FLAGS, RUNTIME_USAGE, runtimeFlags } from './jobEnv';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

export async function runJsonJob(
  name: string,
  args: string[],
  io: CliIo,
  spec: { usage: string; options: Options; required: string[] },
  job: (env: JobEnvironment, modelPath: string, values: Values) => Promise<unknown>,
): Promise<number> {
  const options: Options = {
    ...spec.options,
    ...RUNTIME_FLAGS,
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
  };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`model-lens ${name}: ${e instanceof Error ? e.message : String(e)}\n${spec.usage}\n${RUNTIME_USAGE}`);
    return 2;
  }
  const values = parsed.values as Values;
  if (parsed.positionals.length !== 1 || spec.required.some((r) => !values[r])) {
    io.stderr(`${spec.usage}\n${RUNTIME_USAGE}`);
    return 2;
  }
  const env = cliEnvironment(io, false, runtimeFlags(values));
  try {
    const result = await job(env, parsed.positionals[0], values);
    const text = JSON.stringify(result, null, values.json ? 2 : undefined);
    if (typeof values.out === 'string') await writeFile(values.out, text);
    else io.stdout(text);
    return 0;
  } finally {
    await env.close();
  }
}
