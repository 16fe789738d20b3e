/** Sequences (.npy, CSV, WAV, or a folder of them): rows of T steps, explained over time windows. */
import { rowDims } from '../data/sequence/layout';
import type { ModelFile } from '../explain/jobs/jobData';
import { prepareSequences, sequenceInputOf, type SequenceInput } from '../explain/jobs/sequenceData';
import { sequenceJob } from '../explain/jobs/sequenceJob';
import { heldInputs } from '../explain/sequence/sequenceModel';
import { groupedKind, type KindReading } from './groupedKind';

export const sequenceKind = groupedKind('sequence', 'sequences', sequenceInputOf, sequenceJob, sequenceReading);

function sequenceReading(file: ModelFile, input: SequenceInput): KindReading {
  return {
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
