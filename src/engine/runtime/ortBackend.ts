/**
 * An onnxruntime session as the engine's backend: onnxruntime-node's native library (here) or onnxruntime-web's
 * WebAssembly build (ortWebBackend.ts), which share one API. onnxruntime-node is loaded on first use, so a
 * platform without its binary (Intel Macs) still starts and falls back to WebAssembly.
 */
import type * as ortTypes from 'onnxruntime-node';
import type { Dim, ElementType, InferenceBackend, NumericArray, RuntimeInfo, TensorData, TensorInfo } from './backend';
import { providerOrder } from './runtimeOptions';

/** What a session needs from either onnxruntime package. */
export type OrtModule = Pick<typeof ortTypes, 'InferenceSession' | 'Tensor'>;
type SessionOptions = ortTypes.InferenceSession.SessionOptions;

let native: Promise<typeof ortTypes> | undefined;

/** onnxruntime-node, loaded once; a platform with no binary gets an error saying so. */
export function loadNative(): Promise<typeof ortTypes> {
  // require, like the CommonJS bundles the package ships; a missing binary throws here, not at startup.
  native ??= Promise.resolve()
    .then(() => require('onnxruntime-node') as typeof ortTypes)
    .catch((e: unknown) => {
      native = undefined;
      const message = e instanceof Error ? e.message : String(e);
      const target = `${process.platform}-${process.arch}`;
      throw new Error(
        /Cannot find module .*onnxruntime_binding/.test(message)
          ? `onnxruntime-node has no native binary for ${target}`
          : `onnxruntime-node could not be loaded on ${target}: ${oneLine(message)}`,
      );
    });
  return native;
}

export const oneLine = (e: unknown) =>
  (e instanceof Error ? e.message : String(e))
    .replace(/^\[[^\]]*\]\s*/, '')
    .replace(/\S+\.(?:cc|h|cpp):\d+\s+/g, '')
    .replace(/\S*<lambda\(\)>\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();

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
  /** Tried in order (e.g. ['coreml', 'cpu']); a provider this build lacks or that fails is skipped with a note. */
  executionProviders?: readonly string[];
  /** Why the native backend runs, for RuntimeInfo. */
  reason?: string;
}

export class OrtBackend implements InferenceBackend {
  private constructor(
    private readonly ort: OrtModule,
    private readonly session: ortTypes.InferenceSession,
    readonly inputs: readonly TensorInfo[],
    readonly outputs: readonly TensorInfo[],
    readonly runtime: RuntimeInfo,
  ) {}

  /** A native session on the first execution provider of the list that this build has and that starts. */
  static async create(model: string | Uint8Array, options: OrtOptions = {}): Promise<OrtBackend> {
    const ort = await loadNative();
    const base: SessionOptions = {
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.intraOpNumThreads ?? 0,
      // Errors reach the caller as exceptions with their message; onnxruntime's own log would repeat them on stderr.
      logSeverityLevel: 4,
      ...(options.profileFilePrefix ? { enableProfiling: true, profileFilePrefix: options.profileFilePrefix } : {}),
    };
    const built = new Map(ort.listSupportedBackends().map((b) => [b.name, b]));
    const notes: string[] = [];
    for (const ep of providerOrder(options.executionProviders ?? ['cpu'])) {
      if (ep !== 'cpu' && !built.has(ep)) {
        notes.push(
          `${ep}: not in onnxruntime-node's build for ${process.platform}-${process.arch} (it has ${[...built.keys()].join(', ')})`,
        );
        continue;
      }
      const sessionOptions = { ...base, executionProviders: ep === 'cpu' ? ['cpu'] : [ep, 'cpu'] };
      try {
        const runtime: RuntimeInfo = { backend: 'native', provider: ep, reason: options.reason ?? 'default', notes };
        return await OrtBackend.open(ort, model, sessionOptions, runtime);
      } catch (e) {
        if (ep === 'cpu') throw e;
        // CUDA and TensorRT live in provider libraries that onnxruntime-node downloads at install, not shipped here.
        const lib = /Failed to load shared library/.test(oneLine(e)) ? ' (its provider library is not installed)' : '';
        notes.push(`${ep}: ${oneLine(e)}${lib}`);
      }
    }
    throw new Error('unreachable: the provider list ends with cpu');
  }

  /** A session of either package (onnxruntime-web passes its own module). */
  static async open(ort: OrtModule, model: string | Uint8Array, options: SessionOptions, runtime: RuntimeInfo) {
    const session =
      typeof model === 'string'
        ? await ort.InferenceSession.create(model, options)
        : await ort.InferenceSession.create(model, options);
    return new OrtBackend(
      ort,
      session,
      session.inputMetadata.map(describe),
      session.outputMetadata.map(describe),
      runtime,
    );
  }

  async run(feeds: Record<string, TensorData>, outputNames: readonly string[]): Promise<Record<string, TensorData>> {
    const ortFeeds: Record<string, ortTypes.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      ortFeeds[name] = new this.ort.Tensor(t.type as ortTypes.Tensor.Type, t.data as ortTypes.Tensor.DataType, t.dims);
    }
    const results = await this.session.run(ortFeeds, outputNames as string[]);
    const out: Record<string, TensorData> = {};
    for (const name of outputNames) {
      const v = results[name] as ortTypes.Tensor | undefined;
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

function describe(m: ortTypes.InferenceSession.ValueMetadata): TensorInfo {
  if (!m.isTensor) return { name: m.name, isTensor: false, elementType: 'non-tensor', shape: [] };
  // onnxruntime reports a dynamic dim with no name as '' and an unknown one as -1.
  const shape: Dim[] = m.shape.map((d) => (typeof d === 'number' ? (d < 0 ? null : d) : d === '' ? null : d));
  return { name: m.name, isTensor: true, elementType: ORT_TYPES[m.type] ?? m.type, shape };
}
