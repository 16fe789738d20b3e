/** Pictures (PNG/JPEG files, a folder, an image .npy): preprocessed as the sidecar says, explained over segments. */
import type { ExplainSettings } from '../../protocol/explainTypes';
import { imageInputOf, prepareImages, type ImageInput } from '../explain/jobs/imageData';
import { imageJob } from '../explain/jobs/imageJob';
import type { ModelFile } from '../explain/jobs/jobData';
import { imageFolderPredictions } from './labelled/labelledImages';
import { groupedKind, type KindReading } from './groupedKind';

export const imageKind = groupedKind('image', 'pictures', imageInputOf, imageJob, imageReading);

function imageReading(file: ModelFile, input: ImageInput): KindReading {
  return {
    async rows(env, settings) {
      // What a hidden segment becomes does not matter for rows, and a background masker would want a background file.
      const read: ExplainSettings = { ...settings, image: settings.image && { ...settings.image, masker: undefined } };
      const p = await prepareImages(env, file, input, read);
      const g = p.grid;
      const dims = g.layout === 'NCHW' ? [g.channels, g.height, g.width] : [g.height, g.width, g.channels];
      const values = Float32Array.from(p.rows);
      return { values, rows: p.rowIndices.length, fed: [{ name: input.name, dims }], held: {}, kind: 'image' };
    },
    predict: (env, s) => imageFolderPredictions(env, file, input, s),
  };
}
