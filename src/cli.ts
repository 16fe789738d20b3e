/** `model-lens`: the same engine as the extension, from a terminal. Errors go to stderr with exit code 2. */
import { commandLineProblem } from './cli/commandLine';
import * as evaluateCommand from './cli/evaluate';
import * as compareCommand from './cli/compare';
import * as explainCommand from './cli/explain';
import * as graphCommand from './cli/graph';
import * as importanceCommand from './cli/importance';
import * as pdpCommand from './cli/pdp';
import * as rulesCommand from './cli/rules';
import * as profileCommand from './cli/profile';
import { processIo, type CliCommand, type CliIo } from './cli/io';
import { COMMAND_NAMES, COMMANDS, type CommandName } from './cli/options';
import { commandUsage } from './cli/parse';
import * as summaryCommand from './cli/summary';

const USAGE = `Usage: model-lens <command> [options]

Commands:
  help [COMMAND]            this text, or a command's options (as COMMAND --help gives)
  version                   the Model Lens version`;

const commands: Record<CommandName, CliCommand> = {
  summary: summaryCommand.run,
  graph: graphCommand.run,
  explain: explainCommand.run,
  importance: importanceCommand.run,
  pdp: pdpCommand.run,
  evaluate: evaluateCommand.run,
  rules: rulesCommand.run,
  compare: compareCommand.run,
  profile: profileCommand.run,
};

const isCommand = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] !== undefined) {
    if (isCommand(rest[0])) {
      io.stdout(commandUsage(rest[0]));
      return 0;
    }
    io.stderr(`model-lens: unknown command '${rest[0]}'.\n${usage()}`);
    return 2;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === 'version' || name === '--version') {
    io.stdout(VERSION);
    return 0;
  }
  if (!isCommand(name)) {
    io.stderr(`model-lens: unknown command '${name}'.\n${usage()}`);
    return 2;
  }
  const tooLong = commandLineProblem(rest);
  if (tooLong) {
    io.stderr(`model-lens ${name}: ${tooLong}`);
    return 2;
  }
  try {
    return await commands[name](rest, io);
  } catch (e) {
    io.stderr(`model-lens ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

function usage(): string {
  const lines = COMMAND_NAMES.map(
    (n) => `  ${`${n} ${COMMANDS[n].operands.join(' ')}`.padEnd(26)}${COMMANDS[n].summary}`,
  );
  return [USAGE, ...lines].join('\n');
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
