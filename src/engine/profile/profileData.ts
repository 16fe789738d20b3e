/**
 * A profile's inputs from a data file, read as explaining reads it for the model's kind of input: a table (CSV,
 * JSON, .npy), pictures (PNG/JPEG, a folder, an image .npy, with the sidecar's preprocessing), texts through the
 * tokenizer, or sequences (.npy, CSV, WAV, a folder of them). The model's kind of input reads them (src/engine/inputs).
 */
import path from 'node:path';
import type { ExplainSettings } from '../../protocol/explainTypes';
import type { ProfileSettings } from '../../protocol/profileTypes';
import { diskFolders, type FolderAccess } from '../data/listDir';
import type { JobEnvironment, ModelFile } from '../explain/jobs/jobData';
import type { KindRows } from '../inputs/kind';
import { detectInput } from '../inputs/kinds';
import { readModel } from '../onnx/reader';
import type { InferenceBackend } from '../runtime/backend';

export type ProfileRows = KindRows;

export interface ProfileDataSource {
  readFile(file: string): Promise<Uint8Array>;
  folders?: FolderAccess;
}

/** Up to `wanted` rows of `settings.data` for the model, by the same path its explanation would take. */
export async function profileRows(
  source: ProfileDataSource,
  model: { path: string; bytes: Uint8Array },
  backend: InferenceBackend,
  settings: ProfileSettings & { data: string },
  wanted: number,
): Promise<ProfileRows> {
  const file = modelFile(model);
  // The explain jobs read files and folders only; a profile opens its own sessions.
  const env: JobEnvironment = {
    readFile: (f) => source.readFile(f),
    folders: source.folders ?? diskFolders,
    backend: () => Promise.reject(new Error('a profile opens its own sessions')),
  };
  const explain: ExplainSettings = {
    data: settings.data,
    method: 'auto',
    rows: `0-${Math.max(1, wanted) - 1}`,
    input: settings.input,
    featureNames: settings.featureNames,
    // What a hidden segment becomes does not matter here, and a background masker would want a background file.
    image: settings.image && { ...settings.image, masker: undefined },
    sequence: settings.sequence,
    text: settings.text,
    sidecarName: settings.sidecarName,
  };
  return detectInput(file, explain).rows(env, explain, backend);
}

function modelFile(model: { path: string; bytes: Uint8Array }): ModelFile {
  const fileName = path.basename(model.path);
  try {
    return { ...model, fileName, model: readModel(model.bytes, { modelPath: model.path }) };
  } catch (e) {
    throw new Error(`${fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
