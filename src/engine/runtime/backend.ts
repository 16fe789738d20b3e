/** What the engine needs from a model runtime. Tests pass plain functions; the worker passes onnxruntime. */

import type { Dim, ElementType, RuntimeInfo, TensorInfo } from '../../protocol/modelTypes';

// The tensor descriptions cross the protocol, which owns them; re-exported for the engine.
export type { Dim, ElementType, RuntimeInfo, TensorInfo };

export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

export interface TensorData {
  type: ElementType;
  dims: number[];
  data: NumericArray | string[];
}

export interface InferenceBackend {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  run(feeds: Record<string, TensorData>, outputNames: readonly string[]): Promise<Record<string, TensorData>>;
  dispose(): Promise<void>;
  /** Absent for backends that are not onnxruntime (tests' plain functions). */
  readonly runtime?: RuntimeInfo;
}

export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}
