/** The model on many rows at once: large blocks, progress and cancel, and the time spent in the model. */
import type { ExplainedModel } from '../../explain/backendModel';
import { BatchEvaluator } from '../../explain/evaluator';
import type { JobEnvironment } from '../../explain/jobs/jobData';
import type { Predictions } from './predictionTypes';

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

/** The data of pictures or texts: no feature columns (they are not a table), only the label and each row's number. */
export function labelsOnly(label: Predictions['data']['extra'][number], rowNumbers: Int32Array): Predictions['data'] {
  return {
    values: new Float64Array(0),
    rows: rowNumbers.length,
    cols: 0,
    featureNames: [],
    sourceColumns: [],
    extra: [label],
    rowNumbers,
  };
}
