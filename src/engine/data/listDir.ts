/** A folder's entries from disk, for folders of images (the worker's and the CLI's job environments). */
import { readdir, stat } from 'node:fs/promises';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

/** The folder's entries, or undefined when the path is a file (a single image). */
export async function listDirFromDisk(dir: string): Promise<DirEntry[] | undefined> {
  const s = await stat(dir);
  if (!s.isDirectory()) return undefined;
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
}
