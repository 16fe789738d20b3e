/** Texts (a .txt, .csv or .jsonl, or one sentence): tokenized with the model's tokenizer.json, explained over words or tokens. */
import type { ModelFile } from '../explain/jobs/jobData';
import { prepareText, textInputOf, type TextInput } from '../explain/jobs/textData';
import { textJob } from '../explain/jobs/textJob';
import { textFilePredictions } from './labelled/labelledText';
import { groupedKind, type KindReading } from './groupedKind';

export const textKind = groupedKind('text', 'texts', textInputOf, textJob, textReading);

function textReading(file: ModelFile, input: TextInput): KindReading {
  return {
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
