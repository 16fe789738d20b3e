/** Sequences (.npy, CSV, WAV, or a folder of them): rows of T steps, explained over time windows. */
import { rowDims } from '../data/sequence/layout';
import type { ModelFile } from '../explain/jobs/jobData';
import { prepareSequences, sequenceInputOf, type SequenceInput } from '../explain/jobs/sequenceData';
import { planSequenceJob, runSequenceJob } from '../explain/jobs/sequenceJob';
import { heldInputs } from '../explain/sequence/sequenceModel';
import type { DetectedInput, InputKind } from './kind';

export const sequenceKind: InputKind = {
  name: 'sequence',
  detect(file, settings) {
    const input = sequenceInputOf(file, settings);
    return input && sequenceInput(file, input);
  },
};

function sequenceInput(file: ModelFile, input: SequenceInput): DetectedInput {
  return {
    kind: 'sequence',
    tableFeatures: { reason: 'sequences' },
    plan: (env, settings) => planSequenceJob(env, file, input, settings),
    // Reading pictures, texts and sequences is part of the run, as it always was.
    startRun: async (env, settings) => () => runSequenceJob(env, file, input, settings),
    async rows(env, settings, backend) {
      const p = await prepareSequences(env, file, input, settings);
      const hold = { hold: settings.sequence?.hold, sampleRate: p.data.sampleRate };
      const held = Object.fromEntries(heldInputs(backend, input.name, hold).map((h) => [h.info.name, h.value]));
      const dims = rowDims(p.grid.layout, p.grid.length, p.grid.features);
      const values = Float32Array.from(p.rows);
      return { values, rows: p.rowIndices.length, fed: [{ name: input.name, dims }], held, kind: 'sequence' };
    },
    // No labelled loader yet: evaluation reads a sequence model's data as a table, as it always has.
  };
}
