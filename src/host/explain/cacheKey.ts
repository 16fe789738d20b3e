/** The key a finished explanation is cached under (pure, no vscode). */
import { createHash } from 'node:crypto';
import type { ExplainSettings } from '../../protocol/explainTypes';

/** A hex key from the files' contents and the settings without their paths (moving a file keeps its results). */
export function cacheKey(contents: readonly Uint8Array[], settings: ExplainSettings): string {
  const h = createHash('sha256');
  for (const bytes of contents) {
    h.update(createHash('sha256').update(bytes).digest());
  }
  const { data: _data, background: _background, ...rest } = settings;
  h.update(JSON.stringify(rest, Object.keys(rest).sort()));
  return h.digest('hex').slice(0, 40);
}

/** Cache files beyond the newest `keep` (by modification time): the ones to delete so the store stays small. */
export function staleEntries(entries: readonly { name: string; mtime: number }[], keep: number): string[] {
  return [...entries]
    .sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name))
    .slice(keep)
    .map((e) => e.name);
}
