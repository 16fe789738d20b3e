/** Folders from disk, for folders of images (the worker's and the CLI's job environments). */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface FolderAccess {
  /** The names in a folder. */
  readDir(dir: string): Promise<string[]>;
  isDirectory(p: string): Promise<boolean>;
}

/** Regular files and folders only (symlinks followed): a FIFO or a device in a folder of pictures is passed over. */
async function readableNames(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const kept = await Promise.all(
    names.map((n) =>
      // stat never opens the entry, so a FIFO cannot block here.
      stat(path.join(dir, n)).then(
        (s) => s.isFile() || s.isDirectory(),
        () => false,
      ),
    ),
  );
  return names.filter((_, i) => kept[i]);
}

export const diskFolders: FolderAccess = {
  readDir: readableNames,
  isDirectory: (p) =>
    stat(p).then(
      (s) => s.isDirectory(),
      () => false,
    ),
};
