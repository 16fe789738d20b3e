/**
 * onnxruntime-node crashes (SIGSEGV, deep recursion while it starts) when the process's command line is
 * longer than about 29,000 characters, so a long --text is refused before onnxruntime loads.
 */

/** Characters of arguments allowed: half of where onnxruntime 1.x was seen to crash with an 8 MB stack. */
export const MAX_COMMAND_LINE = 16_000;

/** Why a command line cannot run, or undefined when it can. */
export function commandLineProblem(args: readonly string[]): string | undefined {
  const length = args.reduce((n, a) => n + a.length + 1, 0);
  if (length <= MAX_COMMAND_LINE) return undefined;
  const longest = args.reduce((a, b) => (b.length > a.length ? b : a), '');
  const flag = args[args.indexOf(longest) - 1];
  const what = flag?.startsWith('--') ? `${flag} holds ${longest.length} characters` : `it holds ${length} characters`;
  return (
    `the command line is too long (${what}, above the ${MAX_COMMAND_LINE} allowed: onnxruntime crashes on longer ones): ` +
    'put a long text in a .txt file and pass --data FILE'
  );
}
