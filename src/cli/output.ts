/** How a command hands back its result: --out FILE writes it, else stdout; JSON with --json, --out or no text form. */
import { writeFile } from 'node:fs/promises';
import type { CliIo } from './io';
import type { ParsedCommand } from './parse';

export async function printResult<R>(flags: ParsedCommand, io: CliIo, result: R, asText?: (r: R) => string) {
  const json = flags.flag('json');
  const out = flags.string('out');
  // An --out file holds compact JSON unless --json asks for it indented.
  const text = json || out || !asText ? JSON.stringify(result, null, json ? 2 : undefined) : asText(result);
  if (out) await writeFile(out, text);
  else io.stdout(text);
}
