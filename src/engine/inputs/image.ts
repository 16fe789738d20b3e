/** Pictures (PNG/JPEG files, a folder, an image .npy): preprocessed as the sidecar says, explained over segments. */
import type { ExplainSettings } from '../../protocol/explainTypes';
import { imageInputOf, prepareImages, type ImageInput } from '../explain/jobs/imageData';
import { planImageJob, runImageJob } from '../explain/jobs/imageJob';
import type { ModelFile } from '../explain/jobs/jobData';
import { imageFolderPredictions } from './labelled/labelledImages';
import type { DetectedInput, InputKind } from './kind';

export const imageKind: InputKind = {
  name: 'image',
  detect(file, settings) {
    const input = imageInputOf(file, settings);
    return input && imageInput(file, input);
  },
};

function imageInput(file: ModelFile, input: ImageInput): DetectedInput {
  return {
    kind: 'image',
    tableFeatures: { reason: 'pictures' },
    plan: (env, settings) => planImageJob(env, file, input, settings),
    // Reading pictures, texts and sequences is part of the run, as it always was.
    startRun: async (env, settings) => () => runImageJob(env, file, input, settings),
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
