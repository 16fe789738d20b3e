/**
 * The one way the engine reads a user's file: only a regular file (never /dev/zero, a FIFO or a socket, which
 * never end or never answer), no larger than its kind allows, read with its size known before allocating.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';

export type FileKind = 'model' | 'table' | 'picture' | 'sound' | 'tokenizer' | 'sidecar';

const MB = 1024 * 1024;

/** Largest file of each kind; models above 2 GB keep their weights in external data files. */
export const SIZE_LIMITS: Record<FileKind, number> = {
  model: 2048 * MB - 1,
  table: 512 * MB,
  picture: 64 * MB,
  sound: 256 * MB,
  tokenizer: 64 * MB,
  sidecar: 4 * MB,
};

const KIND_NAMES: Record<FileKind, string> = {
  model: 'model files',
  table: 'data files',
  picture: 'pictures',
  sound: 'WAV files',
  tokenizer: 'tokenizer files',
  sidecar: 'sidecar files',
};

/** A file Model Lens will not read: not a regular file, or too large. The message names the file. */
export class FileRefusedError extends Error {
  constructor(
    file: string,
    /** Why, without the file's name ("is a FIFO (named pipe), not a regular file"). */
    readonly reason: string,
  ) {
    super(`${path.basename(file)}: ${reason}`);
    this.name = 'FileRefusedError';
  }
}

/** The kind of a file by its name, for its size limit. */
export function kindOfFile(file: string): FileKind {
  const name = path.basename(file).toLowerCase();
  if (name.startsWith('tokenizer') && name.endsWith('.json')) return 'tokenizer';
  if (name.endsWith('.lens.json')) return 'sidecar';
  const ext = path.extname(name);
  if (ext === '.onnx' || ext === '.ort') return 'model';
  if (['.png', '.jpg', '.jpeg', '.bmp', '.gif', '.webp'].includes(ext)) return 'picture';
  if (ext === '.wav') return 'sound';
  return 'table';
}

/** What a non-regular file is, in the user's words. */
function whatItIs(t: Stats): string {
  if (t.isDirectory()) return 'a directory';
  if (t.isFIFO()) return 'a FIFO (named pipe)';
  if (t.isCharacterDevice()) return 'a character device';
  if (t.isBlockDevice()) return 'a block device';
  if (t.isSocket()) return 'a socket';
  return 'not a file';
}

/** Rounded up, so a file one byte over the limit never reads as the limit itself. */
const sizeText = (bytes: number) => (bytes >= MB ? `${Math.ceil((bytes / MB) * 10) / 10} MB` : `${bytes} bytes`);

/**
 * The size of a regular file (symlinks followed), or a FileRefusedError naming the file. Nothing is opened,
 * so a FIFO cannot block.
 */
export async function regularFileSize(file: string, kind: FileKind = kindOfFile(file)): Promise<number> {
  const s = await stat(file);
  if (!s.isFile()) throw new FileRefusedError(file, `is ${whatItIs(s)}, not a regular file`);
  if (s.size > SIZE_LIMITS[kind]) {
    const limit = sizeText(SIZE_LIMITS[kind]);
    throw new FileRefusedError(
      file,
      `is ${sizeText(s.size)}, above the ${limit} Model Lens reads for ${KIND_NAMES[kind]}`,
    );
  }
  return s.size;
}

/**
 * Reads a regular file of bounded size (a Buffer, as fs.readFile gives); errors from the file system (ENOENT,
 * EACCES) pass as they are.
 */
export async function readGuarded(file: string, kind: FileKind = kindOfFile(file)): Promise<Buffer> {
  await regularFileSize(file, kind);
  // O_NONBLOCK: should the path be swapped for a FIFO after the check, opening it still returns at once.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new FileRefusedError(file, `is ${whatItIs(s)}, not a regular file`);
    const size = Math.min(s.size, SIZE_LIMITS[kind]);
    const bytes = Buffer.alloc(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break; // the file shrank while being read
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/** Rethrows a refusal as it is, so a caller's "cannot be read" wrapper does not hide why. */
export function throwIfRefused(e: unknown): void {
  if (e instanceof FileRefusedError) throw e;
}
