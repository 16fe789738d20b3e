/** The one CLI parser and usage text, generated from the option table for each command. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIo } from './io';
import { COMMANDS, optionsOf, type CliOption, type CommandName } from './options';

export type OptionValue = string | boolean | string[] | undefined;

/** A command line read against the table: the operands, and each option by its flag name. */
export interface ParsedCommand {
  operands: string[];
  values: Record<string, OptionValue>;
  /** A single-valued flag's text (the last, when repeated). */
  string(name: string): string | undefined;
  flag(name: string): boolean;
  list(name: string): string[] | undefined;
}

/** A command line the table refuses; `showUsage` when the usage helps more than the message alone. */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly showUsage: boolean,
  ) {
    super(message);
  }
}

export function commandUsage(command: CommandName): string {
  const spec = COMMANDS[command];
  const options = optionsOf(command);
  const required = spec.required ?? [];
  const width = Math.max(...options.map((o) => flagText(o).length)) + 2;
  const lines = options.map((o) => {
    const notes = [
      ...(o.values ? [`one of ${o.values.join('|')}`] : []),
      ...(o.default !== undefined ? [`default ${o.default}`] : []),
      ...(required.includes(o.name) ? ['required'] : []),
    ];
    return `  ${flagText(o).padEnd(width)}${o.help}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  });
  return [
    `usage: model-lens ${command} ${spec.operands.join(' ')} [options]: ${spec.summary}`,
    ...lines,
    ...(spec.notes ?? []).map((n) => `  ${n}`),
  ].join('\n');
}

function flagText(o: CliOption): string {
  return o.type === 'boolean' ? `--${o.name}` : `--${o.name} ${o.value ?? 'VALUE'}`;
}

export function parseCommandLine(command: CommandName, args: string[]): ParsedCommand {
  const spec = COMMANDS[command];
  const table = optionsOf(command);
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const o of table)
    options[o.name] = {
      type: o.type,
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.default !== undefined ? { default: o.default } : {}),
    };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown)
      throw new CliUsageError(
        `unknown option '${unknown[1]}'; ${command} takes ${table.map((o) => `--${o.name}`).join(', ')}`,
        true,
      );
    throw new CliUsageError(message, true);
  }
  const values = parsed.values as Record<string, OptionValue>;
  for (const o of table) {
    const given = values[o.name];
    if (!o.values || typeof given === 'boolean' || given === undefined) continue;
    for (const v of Array.isArray(given) ? given : [given])
      if (!o.values.includes(v))
        throw new CliUsageError(`--${o.name} must be one of ${o.values.join(', ')}, not '${v}'`, false);
  }
  if (parsed.positionals.length !== spec.operands.length)
    throw new CliUsageError(`expected ${spec.operands.join(' ')}, got ${parsed.positionals.length} file(s)`, true);
  const missing = (spec.required ?? []).find((r) => !values[r]);
  if (missing) throw new CliUsageError(`--${missing} is required`, true);
  const known = (name: string) => {
    if (!table.some((o) => o.name === name)) throw new Error(`the table gives ${command} no option --${name}`);
    return values[name];
  };
  return {
    operands: parsed.positionals,
    values,
    string: (name) => {
      const v = known(name);
      return Array.isArray(v) ? v[v.length - 1] : typeof v === 'string' ? v : undefined;
    },
    flag: (name) => known(name) === true,
    list: (name) => {
      const v = known(name);
      return Array.isArray(v) ? v : typeof v === 'string' ? [v] : undefined;
    },
  };
}

/** `--help` or `-h` anywhere before `--`. */
export function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Parses, or says why not (exit 2) or prints the usage asked for (exit 0) and gives the exit code. */
export function parseOrExit(command: CommandName, args: string[], io: CliIo): ParsedCommand | number {
  if (asksForHelp(args)) {
    io.stdout(commandUsage(command));
    return 0;
  }
  try {
    return parseCommandLine(command, args);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    io.stderr(`model-lens ${command}: ${e.message}${e.showUsage ? `\n${commandUsage(command)}` : ''}`);
    return 2;
  }
}
