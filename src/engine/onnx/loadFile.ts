/** Reads a model file and its graph, with one-line errors naming the file. */
import { FileRefusedError, readGuarded } from '../data/readGuard';
import { externalDataFiles } from './externalData';
import { readModel } from './reader';
import { OnnxReadError, type ModelGraph } from './types';

export async function readModelFile(file: string): Promise<{ model: ModelGraph; bytes: Uint8Array }> {
  let bytes: Uint8Array;
  try {
    bytes = await readGuarded(file, 'model');
  } catch (e) {
    if (e instanceof FileRefusedError) throw new OnnxReadError(`cannot read '${file}': ${e.reason}`);
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

/** The bytes every external_data entry carries as its key (a model without them needs no decoding here). */
const LOCATION_KEY = new TextEncoder().encode('location');

/**
 * Refuses a model whose external data leaves its folder, before onnxruntime opens the files itself
 * (onnxruntime follows symlinks). Models without external data are only scanned for the key's bytes.
 */
export async function checkExternalData(file: string): Promise<void> {
  const bytes = await readGuarded(file, 'model');
  if (bytes.indexOf(LOCATION_KEY) < 0) return;
  let model: ModelGraph;
  try {
    model = readModel(bytes, { modelPath: file });
  } catch {
    return; // not readable here: onnxruntime gives its own reason
  }
  const outside = externalDataFiles(model).problems.find((p) => /points outside|symlink loop/.test(p));
  if (outside) throw new OnnxReadError(outside);
}
