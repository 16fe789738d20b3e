/**
 * The model's outputs on every data row, and how to read them: probabilities as they are, or logits
 * turned into probabilities (softmax; a single column through the logistic function).
 */
import type { MatchedTable } from '../data/match';
import { backendModel, type ExplainedModel } from '../explain/backendModel';
import { BatchEvaluator } from '../explain/evaluator';
import {
  explainedInput,
  featureNamesFor,
  loadData,
  readModelFor,
  type JobEnvironment,
  type ModelFile,
} from '../explain/jobs/jobData';

export interface Predictions {
  file: ModelFile;
  data: MatchedTable;
  model: ExplainedModel;
  featureNames: string[];
  /** n x columns model outputs. */
  outputs: Float64Array;
  /** Milliseconds spent in the model. */
  modelMs: number;
}

export async function predictAll(
  env: JobEnvironment,
  modelPath: string,
  s: { data: string; input?: string; output?: string; featureNames?: string[] },
): Promise<Predictions> {
  const file = await readModelFor(env, modelPath);
  const input = explainedInput(file, s.input);
  const names = input.width === input.total ? featureNamesFor(file, input.width, s.featureNames) : undefined;
  const data = await loadData(env, s.data, input.total, names);
  const backend = await env.backend(modelPath);
  const model = await backendModel(backend, { input: s.input, output: s.output }, data.values.subarray(0, data.cols));
  const outputs = await evaluateRows(model, data.values, data.rows, env);
  return { file, data, model, featureNames: names ?? data.featureNames, outputs: outputs.values, modelMs: outputs.ms };
}

/** Every row through the model in large blocks (BatchEvaluator sizes them), with progress and cancel. */
export async function evaluateRows(
  model: ExplainedModel,
  values: Float64Array,
  n: number,
  env: Pick<JobEnvironment, 'cancel' | 'progress'> = {},
): Promise<{ values: Float64Array; ms: number }> {
  const evaluator = new BatchEvaluator(model, {
    cancel: env.cancel,
    onRows: (done) => env.progress?.(done, n),
    maxBlockRows: 65536,
  });
  const d = model.features;
  const t0 = performance.now();
  const out = await evaluator.run(n, (start, count, into) => into.set(values.subarray(start * d, (start + count) * d)));
  return { values: out, ms: performance.now() - t0 };
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
