/** The structure-only commands' start: read the model, or say why not on stderr and exit 2. */
import { readModelFile } from '../engine/onnx/loadFile';
import type { ModelGraph } from '../engine/onnx/types';
import type { CliIo } from './io';

export async function fromModel<T extends object>(
  command: string,
  file: string,
  io: CliIo,
  use: (model: ModelGraph) => T,
): Promise<T | number> {
  try {
    return use((await readModelFile(file)).model);
  } catch (e) {
    io.stderr(`model-lens ${command}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}
