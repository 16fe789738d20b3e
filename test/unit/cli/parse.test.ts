// The one CLI parser: usage generated from the option table, one list of methods, bad values named with the allowed ones.
import assert from 'node:assert/strict';
import { main } from '../../../src/cli';
import { COMMAND_NAMES, COMMANDS, OPTIONS, optionsOf } from '../../../src/cli/options';
import { CliUsageError, commandUsage, parseCommandLine } from '../../../src/cli/parse';
import { METHOD_CHOICES } from '../../../src/protocol/explainTypes';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s + '\n') });
  return { code, out, err };
}

/** Operands and required flags, so a line reaches the option under test. */
const baseArgs = (c: (typeof COMMAND_NAMES)[number]) => [
  ...COMMANDS[c].operands,
  ...(COMMANDS[c].required ?? []).flatMap((r) => [`--${r}`, 'x']),
];

describe('the CLI option table', () => {
  it("lists in each command's usage exactly the options the table gives it, once each", () => {
    for (const c of COMMAND_NAMES) {
      const listed = commandUsage(c)
        .split('\n')
        .map((l) => /^ {2}--([a-z-]+)/.exec(l)?.[1])
        .filter((n): n is string => n !== undefined);
      const table = optionsOf(c).map((o) => o.name);
      assert.deepEqual(listed, table, c);
      assert.equal(new Set(table).size, table.length, `${c} has an option twice`);
    }
  });

  it('accepts the same methods for every command that takes --method: the protocol list', () => {
    const takers = COMMAND_NAMES.filter((c) => optionsOf(c).some((o) => o.name === 'method'));
    assert.ok(takers.length > 0);
    for (const c of takers) {
      assert.deepEqual(optionsOf(c).find((o) => o.name === 'method')?.values, METHOD_CHOICES);
      for (const m of METHOD_CHOICES)
        assert.equal(parseCommandLine(c, [...baseArgs(c), '--method', m]).string('method'), m);
    }
  });

  it('refuses a bad value naming the flag and every allowed value, for every command and option with a list', () => {
    let checked = 0;
    for (const o of OPTIONS.filter((x) => x.values))
      for (const c of o.commands) {
        assert.throws(
          () => parseCommandLine(c, [...baseArgs(c), `--${o.name}`, 'no-such-value']),
          (e: unknown) =>
            e instanceof CliUsageError &&
            e.message === `--${o.name} must be one of ${o.values!.join(', ')}, not 'no-such-value'`,
          `${c} --${o.name}`,
        );
        checked++;
      }
    assert.ok(checked >= 8);
  });

  it('names an unknown flag and the flags the command takes', async () => {
    const r = await cli(['rules', 'm.onnx', '--data', 'd.csv', '--method', 'exact']);
    assert.equal(r.code, 2);
    const names = optionsOf('rules').map((o) => `--${o.name}`);
    assert.ok(
      r.err.startsWith(`model-lens rules: unknown option '--method'; rules takes ${names.join(', ')}\n`),
      r.err,
    );
  });

  it('prints a command\'s usage for "help COMMAND" and "COMMAND --help", exit 0', async () => {
    for (const c of COMMAND_NAMES) {
      const a = await cli(['help', c]);
      const b = await cli([c, '--help']);
      assert.deepEqual([a.code, b.code, a.err, b.err], [0, 0, '', '']);
      assert.equal(a.out, commandUsage(c));
      assert.equal(b.out, commandUsage(c));
    }
    const unknown = await cli(['help', 'explode']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown command 'explode'/);
  });

  it('says which required flag is missing, with the usage', async () => {
    const r = await cli(['pdp', 'm.onnx', '--data', 'd.csv']);
    assert.equal(r.code, 2);
    assert.ok(r.err.startsWith(`model-lens pdp: --feature is required\n${commandUsage('pdp')}`), r.err);
  });
});
