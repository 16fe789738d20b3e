/**
 * The model's whole output on the user's data, before a target reduces it: the first picture's output map
 * (where the user drags a region or clicks an element) or a recording's output for every chunk (where the
 * user clicks the chunks to explain).
 */
import { OUTPUT_MAP_MAX_VALUES, type OutputMap } from '../../protocol/outputMapTypes';
import type { ExplainSettings } from '../../protocol/explainTypes';
import { rowDims } from '../data/sequence/layout';
import { backendModel } from './backendModel';
import { throwIfCancelled } from './batchModel';
import { imageInputOf, prepareImages } from './jobs/imageData';
import { classNamesFor, readModelFor, type JobEnvironment } from './jobs/jobData';
import { prepareSequences, sequenceInputOf } from './jobs/sequenceData';
import { sequenceModel } from './sequence/sequenceModel';

/** Chunks run per model call: enough to keep the session busy, few enough to cancel between. */
const CHUNK_BLOCK = 64;

export async function runOutputMap(
  env: JobEnvironment,
  modelPath: string,
  settings: ExplainSettings,
): Promise<OutputMap> {
  const file = await readModelFor(env, modelPath);
  const image = imageInputOf(file, settings);
  if (image) {
    // Only the first explained picture is shown: its rows are read, nothing is explained.
    const prepared = await prepareImages(env, file, image, settings);
    const { grid } = prepared;
    const dims =
      grid.layout === 'NCHW' ? [grid.channels, grid.height, grid.width] : [grid.height, grid.width, grid.channels];
    const x = prepared.rows.subarray(0, prepared.batch.rows.cols);
    const model = await backendModel(
      await env.backend(file.path),
      { input: image.name, output: settings.output, inputDims: dims },
      x,
    );
    const values = await model.evaluate(x, 1);
    tooMany(file.fileName, model.outputName, values.length);
    return {
      kind: 'image',
      file: prepared.files[0],
      output: model.outputName,
      dims: model.outputDims,
      values: Array.from(values),
    };
  }
  const sequence = sequenceInputOf(file, settings);
  if (!sequence) {
    throw new Error(
      `${file.fileName}: an output map is drawn for picture and sequence inputs; this model's input is neither`,
    );
  }
  const prepared = await prepareSequences(env, file, sequence, settings);
  const { data, grid } = prepared;
  const d = grid.length * grid.features;
  const model = await sequenceModel(
    await env.backend(file.path),
    { input: sequence.name, output: settings.output, rowDims: rowDims(grid.layout, grid.length, grid.features) },
    { hold: settings.sequence?.hold, sampleRate: data.sampleRate },
    data.values.subarray(0, d),
  );
  tooMany(file.fileName, model.outputName, data.rows * model.columns);
  const values: number[] = [];
  for (let start = 0; start < data.rows; start += CHUNK_BLOCK) {
    throwIfCancelled(env.cancel);
    const n = Math.min(CHUNK_BLOCK, data.rows - start);
    const out = await model.evaluate(data.values.subarray(start * d, (start + n) * d), n);
    for (const v of out) values.push(v);
  }
  return {
    kind: 'sequence',
    output: model.outputName,
    columns: model.columns,
    columnNames: classNamesFor(file, model.columns, settings.classNames, undefined, model.outputName),
    chunkLength: grid.length,
    ...(data.sampleRate !== undefined ? { sampleRate: data.sampleRate } : {}),
    chunks: data.labels,
    values,
    notes: model.notes,
  };
}

function tooMany(fileName: string, output: string, count: number): void {
  if (count > OUTPUT_MAP_MAX_VALUES) {
    throw new Error(
      `${fileName}: output '${output}' has ${count} values on this data, more than the ${OUTPUT_MAP_MAX_VALUES} an output map draws`,
    );
  }
}
