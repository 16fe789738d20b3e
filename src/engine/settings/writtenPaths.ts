/**
 * How a relative path a user wrote becomes absolute, one way for the panel and the CLI: a path in a sidecar is
 * looked for beside the sidecar, then beside the model (then in any further folders the host adds). Pure.
 */
import path from 'node:path';

/** Where a written path may be: itself when absolute, else against each folder in order, without repeats. */
export function writtenPathCandidates(written: string, folders: readonly string[]): string[] {
  if (path.isAbsolute(written)) return [path.normalize(written)];
  const all = folders.map((dir) => path.resolve(dir, written));
  return all.filter((p, i) => all.indexOf(p) === i);
}

/** The first candidate that exists; else the first, so the engine's error names the path the user meant. */
export async function resolveWrittenPath(
  written: string,
  folders: readonly string[],
  exists: (p: string) => Promise<boolean>,
): Promise<string> {
  const candidates = writtenPathCandidates(written, folders);
  for (const p of candidates) if (await exists(p)) return p;
  return candidates[0];
}
