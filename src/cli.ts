/** `model-lens`: the same engine as the extension, from a terminal. Errors go to stderr with exit code 2. */
import * as evaluateCommand from './cli/evaluate';
import * as explainCommand from './cli/explain';
import * as graphCommand from './cli/graph';
import * as importanceCommand from './cli/importance';
import * as pdpCommand from './cli/pdp';
import * as rulesCommand from './cli/rules';
import { processIo, type CliCommand, type CliIo } from './cli/io';
import * as summaryCommand from './cli/summary';

const USAGE = `Usage: model-lens <command> [options]

Commands:
  help                      this text
  version                   the Model Lens version`;

const commands: Record<string, { command: CliCommand; summary: string }> = {
  summary: {
    command: summaryCommand.run,
    summary: 'summary MODEL [--json]: what the model is (counts, opsets, FLOPs, dtypes)',
  },
  graph: { command: graphCommand.run, summary: 'graph MODEL --json: nodes, edges and name-scope groups' },
  explain: {
    command: explainCommand.run,
    summary: 'explain MODEL --data FILE [--method auto|exact|kernel|permutation|tree|lime] [--html FILE]: attributions',
  },
  importance: {
    command: importanceCommand.run,
    summary: 'importance MODEL --data FILE --label COLUMN: permutation feature importance',
  },
  pdp: { command: pdpCommand.run, summary: 'pdp MODEL --data FILE --feature NAME: partial dependence and ICE curves' },
  evaluate: {
    command: evaluateCommand.run,
    summary: 'evaluate MODEL --data FILE --label COLUMN [--threshold T] [--html FILE]: metrics and error cohorts',
  },
  rules: {
    command: rulesCommand.run,
    summary: 'rules MODEL --data FILE [--depth 3]: a surrogate tree as IF ... THEN rules',
  },
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === 'version' || name === '--version') {
    io.stdout(VERSION);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr(`model-lens: unknown command '${name}'.\n${usage()}`);
    return 2;
  }
  try {
    return await entry.command(rest, io);
  } catch (e) {
    io.stderr(`model-lens ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

function usage(): string {
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(26)}${c.summary}`);
  return [USAGE, ...lines].join('\n');
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
