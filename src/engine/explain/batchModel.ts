/**
 * The model as the attribution methods see it: a batched function from rows of the explained input
 * to rows of the explained output. Tests pass plain functions; the worker adapts onnxruntime.
 */

export interface BatchModel {
  /** Elements of the explained input per row (a tabular model's feature count). */
  readonly features: number;
  /** Columns of the explained output per row (classes, or 1 for a regressor). */
  readonly columns: number;
  /** Rows per call the model accepts at most (1 when its batch axis is fixed). */
  readonly maxBatch: number;
  /** `rows` holds n rows of `features` values, row-major; the result n rows of `columns` values. */
  evaluate(rows: Float32Array, n: number): Promise<Float32Array | Float64Array>;
}

export interface CancelToken {
  readonly isCancellationRequested: boolean;
}

export class ExplainCancelled extends Error {
  constructor() {
    super('The explanation was cancelled.');
    this.name = 'ExplainCancelled';
  }
}

export function throwIfCancelled(cancel: CancelToken | undefined): void {
  if (cancel?.isCancellationRequested) throw new ExplainCancelled();
}

/** A model from a plain function of one row (tests, closed forms). */
export function functionModel(
  features: number,
  columns: number,
  f: (row: Float32Array, out: Float64Array) => void,
): BatchModel {
  return {
    features,
    columns,
    maxBatch: Number.MAX_SAFE_INTEGER,
    evaluate: async (rows, n) => {
      const out = new Float64Array(n * columns);
      for (let i = 0; i < n; i++) {
        f(rows.subarray(i * features, (i + 1) * features), out.subarray(i * columns, (i + 1) * columns));
      }
      return out;
    },
  };
}
