/** What the engine needs from a model runtime. Tests pass plain functions; the worker passes onnxruntime. */

export type ElementType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string';

/** A dimension: a size, a symbolic name ('batch'), or null when unknown. */
export type Dim = number | string | null;

export interface TensorInfo {
  name: string;
  /** False for sequences and maps (e.g. scikit-learn's ZipMap output): never fetched. */
  isTensor: boolean;
  /** Element type for tensors; the ONNX type text (e.g. 'sequence<map<int64,float>>') otherwise. */
  elementType: ElementType | string;
  shape: Dim[];
}

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

/** Which onnxruntime runs a model, on which execution provider, and why (shown in the panel, log, plan and report). */
export interface RuntimeInfo {
  /** onnxruntime-node's native library, or onnxruntime-web's WebAssembly build. */
  backend: 'native' | 'wasm';
  /** The execution provider the session was created with first ('cpu', 'coreml', 'dml', 'cuda', 'wasm'...). */
  provider: string;
  /** Why this backend: the setting that chose it, or why the native one could not load. */
  reason: string;
  /** Providers asked for that were not used, each with its reason. */
  notes: string[];
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
