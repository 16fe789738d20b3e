/**
 * A profile's inputs from a data file, read as explaining reads it for the model's kind of input: a table (CSV,
 * JSON, .npy), pictures (PNG/JPEG, a folder, an image .npy, with the sidecar's preprocessing), texts through the
 * tokenizer, or sequences (.npy, CSV, WAV, a folder of them). Loading and preprocessing are the explain jobs' own.
 */
import path from 'node:path';
import type { ExplainSettings } from '../../protocol/explainTypes';
import type { ProfileSettings } from '../../protocol/profileTypes';
import { diskFolders, type FolderAccess } from '../data/listDir';
import { rowDims } from '../data/sequence/layout';
import { imageInputOf, prepareImages } from '../explain/jobs/imageData';
import { loadData, metadataNames, type JobEnvironment, type ModelFile } from '../explain/jobs/jobData';
import { sequenceInputOf, prepareSequences } from '../explain/jobs/sequenceData';
import { prepareText, textInputOf } from '../explain/jobs/textData';
import { heldInputs } from '../explain/sequence/sequenceModel';
import { readModel } from '../onnx/reader';
import type { InferenceBackend } from '../runtime/backend';
import { rowLayout } from '../explain/rowFeeds';

export interface ProfileRows {
  /** Row-major: each row holds the fed inputs' elements in the model's input order. */
  values: Float32Array;
  rows: number;
  /** The inputs the rows hold, with their dims after the batch axis where the data fixes free ones. */
  fed: { name: string; dims?: number[] }[];
  /** Inputs the data does not hold (a sequence model's sample rate, its state tensors), at these values. */
  held: Record<string, number>;
  kind: 'table' | 'image' | 'text' | 'sequence';
}

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
  const image = imageInputOf(file, explain);
  if (image) {
    const p = await prepareImages(env, file, image, explain);
    const g = p.grid;
    const dims = g.layout === 'NCHW' ? [g.channels, g.height, g.width] : [g.height, g.width, g.channels];
    return rowsOf(p.rows, p.rowIndices.length, [{ name: image.name, dims }], {}, 'image');
  }
  const sequence = sequenceInputOf(file, explain);
  if (sequence) {
    const p = await prepareSequences(env, file, sequence, explain);
    const held = heldInputs(backend, sequence.name, { hold: settings.sequence?.hold, sampleRate: p.data.sampleRate });
    const dims = rowDims(p.grid.layout, p.grid.length, p.grid.features);
    const values = Object.fromEntries(held.map((h) => [h.info.name, h.value]));
    return rowsOf(p.rows, p.rowIndices.length, [{ name: sequence.name, dims }], values, 'sequence');
  }
  const text = textInputOf(file, explain);
  if (text) {
    const p = await prepareText(env, file, text, explain);
    const d = text.inputs.length * p.length;
    const values = new Float64Array(p.rows.length * d);
    p.rows.forEach((r, i) => values.set(r.x, i * d));
    const fed = text.inputs.map((i) => ({ name: i.name, dims: [p.length] }));
    return rowsOf(values, p.rows.length, fed, {}, 'text');
  }
  const layout = rowLayout(backend.inputs);
  const names = settings.featureNames ?? metadataNames(file.model, 'feature_names');
  const table = await loadData(env, settings.data, layout.width, names);
  const fed = backend.inputs.map((i) => ({ name: i.name }));
  return rowsOf(table.values, table.rows, fed, {}, 'table');
}

function rowsOf(
  values: ArrayLike<number>,
  rows: number,
  fed: ProfileRows['fed'],
  held: ProfileRows['held'],
  kind: ProfileRows['kind'],
): ProfileRows {
  return { values: values instanceof Float32Array ? values : Float32Array.from(values), rows, fed, held, kind };
}

function modelFile(model: { path: string; bytes: Uint8Array }): ModelFile {
  const fileName = path.basename(model.path);
  try {
    return { ...model, fileName, model: readModel(model.bytes, { modelPath: model.path }) };
  } catch (e) {
    throw new Error(`${fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
