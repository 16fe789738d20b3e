/** Reads a model file and its graph, with one-line errors naming the file. */
import { readFile } from 'node:fs/promises';
import { readModel } from './reader';
import { OnnxReadError, type ModelGraph } from './types';

export async function readModelFile(file: string): Promise<{ model: ModelGraph; bytes: Uint8Array }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new OnnxReadError(`cannot read '${file}': ${why}`);
  }
  try {
    return { model: readModel(bytes, { modelPath: file }), bytes };
  } catch (e) {
    if (e instanceof OnnxReadError) throw new OnnxReadError(`'${file}': ${e.message}`, e.path, e.offset);
    throw e;
  }
}
