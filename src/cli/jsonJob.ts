/** The shape `importance`, `pdp`, `evaluate` and `rules` share: parse flags, run one job on onnxruntime here, print or write its JSON. */
import type { JobEnvironment } from '../engine/explain/jobs/jobData';
import type { CliIo } from './io';
import { cliEnvironment, runtimeFlags } from './jobEnv';
import type { CommandName } from './options';
import { printResult } from './output';
import { parseOrExit, type ParsedCommand } from './parse';

export async function runJsonJob(
  name: CommandName,
  args: string[],
  io: CliIo,
  job: (env: JobEnvironment, modelPath: string, flags: ParsedCommand) => Promise<unknown>,
): Promise<number> {
  const flags = parseOrExit(name, args, io);
  if (typeof flags === 'number') return flags;
  const env = cliEnvironment(
    io,
    false,
    runtimeFlags({ backend: flags.string('backend'), providers: flags.string('providers') }),
  );
  try {
    const result = await job(env, flags.operands[0], flags);
    await printResult(flags, io, result);
    return 0;
  } finally {
    await env.close();
  }
}
