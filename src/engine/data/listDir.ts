/** Folders from disk, for folders of images (the worker's and the CLI's job environments). */
import { readdir, stat } from 'node:fs/promises';

export interface FolderAccess {
  /** The names in a folder. */
  readDir(dir: string): Promise<string[]>;
  isDirectory(p: string): Promise<boolean>;
}

export const diskFolders: FolderAccess = {
  readDir: (dir) => readdir(dir),
  isDirectory: (p) =>
    stat(p).then(
      (s) => s.isDirectory(),
      () => false,
    ),
};
