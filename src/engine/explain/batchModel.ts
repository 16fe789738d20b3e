/**
 * The model as the attribution methods see it: a batched function from rows of the explained input
 * to rows of the explained output. Tests pass plain functions; the worker adapts onnxruntime.
 */

/** Rows as the model is fed: float64 when an input needs it (float64 or integer inputs), else float32 for speed. */
export type RowBuffer = Float32Array | Float64Array;
export type RowType = 'float32' | 'float64';

export interface BatchModel {
  /** Elements of the explained input per row (a tabular model's feature count). */
  readonly features: number;
  /** Columns of the explained output per row (classes, or 1 for a regressor). */
  readonly columns: number;
  /** Rows per call the model accepts at most (1 when its batch axis is fixed). */
  readonly maxBatch: number;
  /** The element type of the rows it is given (default float32). */
  readonly rowType?: RowType;
  /** `rows` holds n rows of `features` values, row-major; the result n rows of `columns` values. */
  evaluate(rows: RowBuffer, n: number): Promise<Float32Array | Float64Array>;
}

/** A buffer of `length` row elements in the model's row type. */
export function newRows(model: Pick<BatchModel, 'rowType'>, length: number): RowBuffer {
  return model.rowType === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** Values in the model's row type (float64 values are used as they are). */
export function asRows(model: Pick<BatchModel, 'rowType'>, values: Float64Array): RowBuffer {
  return model.rowType === 'float64' ? values : Float32Array.from(values);
}

export function rowBytes(model: Pick<BatchModel, 'rowType'>): number {
  return model.rowType === 'float64' ? 8 : 4;
}

// The protocol's one cancel token and error, re-exported for the explainers.
export { CancelledError, throwIfCancelled, type CancelToken } from '../../protocol/cancel';

/** A model from a plain function of one row (tests, closed forms). */
export function functionModel(
  features: number,
  columns: number,
  f: (row: RowBuffer, out: Float64Array) => void,
  rowType: RowType = 'float32',
): BatchModel {
  return {
    features,
    columns,
    maxBatch: Number.MAX_SAFE_INTEGER,
    rowType,
    evaluate: async (rows, n) => {
      const out = new Float64Array(n * columns);
      for (let i = 0; i < n; i++) {
        f(rows.subarray(i * features, (i + 1) * features), out.subarray(i * columns, (i + 1) * columns));
      }
      return out;
    },
  };
}
