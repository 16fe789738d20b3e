/** The onnxruntime-node backend. The only module (with the worker) that imports onnxruntime-node. */
import * as ort from 'onnxruntime-node';
import type { Dim, ElementType, InferenceBackend, NumericArray, TensorData, TensorInfo } from './backend';

const ORT_TYPES: Record<string, ElementType> = {
  float32: 'float32',
  float64: 'float64',
  float16: 'float16',
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  int64: 'int64',
  uint64: 'uint64',
  bool: 'bool',
  string: 'string',
};

export interface OrtOptions {
  intraOpNumThreads?: number;
  /** onnxruntime's own profiler: a Chrome-trace JSON named `<prefix>_<date>.json`, written by endProfiling(). */
  profileFilePrefix?: string;
}

export class OrtBackend implements InferenceBackend {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly inputs: readonly TensorInfo[],
    readonly outputs: readonly TensorInfo[],
  ) {}

  static async create(model: string | Uint8Array, options: OrtOptions = {}): Promise<OrtBackend> {
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.intraOpNumThreads ?? 0,
      // Errors reach the caller as exceptions with their message; onnxruntime's own log would repeat them on stderr.
      logSeverityLevel: 4,
      ...(options.profileFilePrefix ? { enableProfiling: true, profileFilePrefix: options.profileFilePrefix } : {}),
    };
    const session =
      typeof model === 'string'
        ? await ort.InferenceSession.create(model, sessionOptions)
        : await ort.InferenceSession.create(model, sessionOptions);
    return new OrtBackend(session, session.inputMetadata.map(describe), session.outputMetadata.map(describe));
  }

  async run(feeds: Record<string, TensorData>, outputNames: readonly string[]): Promise<Record<string, TensorData>> {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      ortFeeds[name] = new ort.Tensor(t.type as ort.Tensor.Type, t.data as ort.Tensor.DataType, t.dims);
    }
    const results = await this.session.run(ortFeeds, outputNames as string[]);
    const out: Record<string, TensorData> = {};
    for (const name of outputNames) {
      const v = results[name] as ort.Tensor | undefined;
      if (!v) continue;
      out[name] = {
        type: ORT_TYPES[v.type] ?? 'float32',
        dims: [...v.dims],
        data: v.data as NumericArray | string[],
      };
    }
    return out;
  }

  /** Writes the profiler's trace file and stops profiling: later runs are not recorded. */
  endProfiling(): void {
    this.session.endProfiling();
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

function describe(m: ort.InferenceSession.ValueMetadata): TensorInfo {
  if (!m.isTensor) return { name: m.name, isTensor: false, elementType: 'non-tensor', shape: [] };
  // onnxruntime reports a dynamic dim with no name as '' and an unknown one as -1.
  const shape: Dim[] = m.shape.map((d) => (typeof d === 'number' ? (d < 0 ? null : d) : d === '' ? null : d));
  return { name: m.name, isTensor: true, elementType: ORT_TYPES[m.type] ?? m.type, shape };
}
