/** Texts (a .txt, .csv or .jsonl, or one sentence): tokenized with the model's tokenizer.json, explained over words or tokens. */
import type { ModelFile } from '../explain/jobs/jobData';
import { prepareText, textInputOf, type TextInput } from '../explain/jobs/textData';
import { planTextJob, runTextJob } from '../explain/jobs/textJob';
import { textFilePredictions } from './labelled/labelledText';
import type { DetectedInput, InputKind } from './kind';

export const textKind: InputKind = {
  name: 'text',
  detect(file, settings) {
    const input = textInputOf(file, settings);
    return input && textInput(file, input);
  },
};

function textInput(file: ModelFile, input: TextInput): DetectedInput {
  return {
    kind: 'text',
    tableFeatures: { reason: 'texts' },
    plan: (env, settings) => planTextJob(env, file, input, settings),
    // Reading pictures, texts and sequences is part of the run, as it always was.
    startRun: async (env, settings) => () => runTextJob(env, file, input, settings),
    async rows(env, settings) {
      const p = await prepareText(env, file, input, settings);
      const d = input.inputs.length * p.length;
      const values = new Float32Array(p.rows.length * d);
      p.rows.forEach((r, i) => values.set(r.x, i * d));
      const fed = input.inputs.map((i) => ({ name: i.name, dims: [p.length] }));
      return { values, rows: p.rows.length, fed, held: {}, kind: 'text' };
    },
    predict: (env, s) => textFilePredictions(env, file, input, s),
  };
}
