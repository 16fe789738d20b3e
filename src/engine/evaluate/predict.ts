/**
 * The model's outputs on every data row, and how to read them: probabilities as they are, or logits
 * turned into probabilities (softmax; a single column through the logistic function).
 */
import type { ExplainSettings } from '../../protocol/explainTypes';
import { readModelFor, type JobEnvironment, type ModelFile } from '../explain/jobs/jobData';
import type { DetectedInput } from '../inputs/kind';
import { detectInput } from '../inputs/kinds';
import { tableKind } from '../inputs/table';
import type { Predictions, PredictSettings } from '../inputs/labelled/predictionTypes';

export type { Predictions, PredictSettings };

/** A kind with a labelled loader; evaluation reads every other kind (sequences) as a table. */
type EvaluatedInput = Omit<DetectedInput, 'kind'> &
  Required<Pick<DetectedInput, 'predict'>> & { kind: Predictions['kind'] };

/** The model's input as evaluation reads it: the kind explaining detects, or a table where that kind has no labelled loader. */
export function evaluatedInput(file: ModelFile, s: PredictSettings): EvaluatedInput {
  const settings: ExplainSettings = { data: s.data, method: 'auto', input: s.input, image: s.image, text: s.text };
  const input = detectInput(file, settings);
  if (input.predict) return input as unknown as EvaluatedInput;
  return tableKind.detect(file, settings) as unknown as EvaluatedInput;
}

export async function predictAll(
  env: JobEnvironment,
  modelPath: string,
  s: PredictSettings,
  read?: ModelFile,
): Promise<Predictions> {
  const file = read ?? (await readModelFor(env, modelPath));
  return evaluatedInput(file, s).predict(env, s);
}

/** Rows whose values all lie in [0, 1] and sum to 1 (within float32 rounding) are probabilities. */
export function areProbabilities(outputs: Float64Array, n: number, k: number): boolean {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const v = outputs[i * k + j];
      if (!(v >= -1e-6 && v <= 1 + 1e-6)) return false;
      sum += v;
    }
    if (k > 1 && Math.abs(sum - 1) > 1e-3) return false;
  }
  return true;
}

/** n x k probabilities: as they are, or a softmax of logits; one column is P(class 1) or its logit, made two. */
export function toProbabilities(
  outputs: Float64Array,
  n: number,
  k: number,
): { probs: Float64Array; classes: number; scores: 'probabilities' | 'logits' } {
  const probabilities = areProbabilities(outputs, n, k);
  if (k === 1) {
    const probs = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const p = probabilities ? outputs[i] : 1 / (1 + Math.exp(-outputs[i]));
      probs[2 * i] = 1 - p;
      probs[2 * i + 1] = p;
    }
    return { probs, classes: 2, scores: probabilities ? 'probabilities' : 'logits' };
  }
  if (probabilities) return { probs: Float64Array.from(outputs), classes: k, scores: 'probabilities' };
  const probs = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, outputs[i * k + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += probs[i * k + j] = Math.exp(outputs[i * k + j] - max);
    for (let j = 0; j < k; j++) probs[i * k + j] /= sum;
  }
  return { probs, classes: k, scores: 'logits' };
}
