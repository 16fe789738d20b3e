/** How a CLI command talks to the terminal; tests pass their own. */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

export const processIo: CliIo = {
  stdout: (s) => void process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  stderr: (s) => void process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
};
