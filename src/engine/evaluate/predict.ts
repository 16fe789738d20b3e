/**
 * The model's outputs on every data row, and how to read them: probabilities as they are, or logits
 * turned into probabilities (softmax; a single column through the logistic function).
 */
import type { ExplainSettings } from '../../protocol/explainTypes';
import { backendModel } from '../explain/backendModel';
import { imageInputOf, type ImageInput } from '../explain/jobs/imageData';
import {
  explainedInput,
  featureNamesFor,
  loadData,
  loadLabelledData,
  readModelFor,
  type JobEnvironment,
  type ModelFile,
} from '../explain/jobs/jobData';
import { textInputOf, type TextInput } from '../explain/jobs/textData';
import { imageFolderPredictions } from './labelledImages';
import { textFilePredictions } from './labelledText';
import type { Predictions } from './predictionTypes';
import { evaluateRows } from './runRows';

export type { Predictions };

export type PredictSettings = {
  data: string;
  input?: string;
  output?: string;
  label?: string;
  featureNames?: string[];
  classNames?: string[];
} & Pick<ExplainSettings, 'image' | 'text' | 'sidecarName'>;

export type InputKind = { kind: 'table' } | { kind: 'image'; input: ImageInput } | { kind: 'text'; input: TextInput };

/** Which input the model reads, detected as explaining detects it. */
export function inputKindOf(file: ModelFile, s: PredictSettings): InputKind {
  const settings: ExplainSettings = { data: s.data, method: 'auto', input: s.input, image: s.image, text: s.text };
  const image = imageInputOf(file, settings);
  if (image) return { kind: 'image', input: image };
  const text = textInputOf(file, settings);
  return text ? { kind: 'text', input: text } : { kind: 'table' };
}

export async function predictAll(
  env: JobEnvironment,
  modelPath: string,
  s: PredictSettings,
  read?: ModelFile,
): Promise<Predictions> {
  const file = read ?? (await readModelFor(env, modelPath));
  const kind = inputKindOf(file, s);
  if (kind.kind === 'image') return imageFolderPredictions(env, file, kind.input, s);
  if (kind.kind === 'text') return textFilePredictions(env, file, kind.input, s);
  const input = explainedInput(file, s.input);
  const names = input.width === input.total ? featureNamesFor(file, input.width, s.featureNames) : undefined;
  const data = s.label
    ? await loadLabelledData(env, s.data, s.label, input.total, names)
    : await loadData(env, s.data, input.total, names);
  const backend = await env.backend(modelPath);
  const model = await backendModel(backend, { input: s.input, output: s.output }, data.values.subarray(0, data.cols));
  const outputs = await evaluateRows(model, data.values, data.rows, env);
  return {
    kind: 'table',
    file,
    data,
    model,
    featureNames: names ?? data.featureNames,
    labelColumn: s.label,
    outputs: outputs.values,
    modelMs: outputs.ms,
  };
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
