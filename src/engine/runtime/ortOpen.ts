/**
 * Opens a model on the backend the options ask for: 'auto' tries onnxruntime-node and falls back to
 * WebAssembly when its library cannot load; 'native' and 'wasm' force one. Every engine thread (the
 * worker, its evaluation workers, the CLI) opens sessions through here.
 */
import type { InferenceBackend } from './backend';
import { loadNative, OrtBackend } from './ortBackend';
import { createWasmBackend } from './ortWebBackend';
import type { RuntimeOptions } from './runtimeOptions';

export interface OpenOptions {
  /** onnxruntime's intra-op threads (0: its default, one per core). */
  threads?: number;
  /** Loads the native library (tests pass one that fails, as on a platform without a binary). */
  loadNative?: () => Promise<unknown>;
}

export async function openModel(
  model: string | Uint8Array,
  runtime: RuntimeOptions,
  options: OpenOptions = {},
): Promise<InferenceBackend> {
  const providers = runtime.executionProviders;
  if (runtime.backend === 'wasm') {
    return createWasmBackend(model, { executionProviders: providers, reason: 'chosen by the backend setting' });
  }
  try {
    await (options.loadNative ?? loadNative)();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (runtime.backend === 'native') throw new Error(`the native backend was asked for, but ${why}`);
    return createWasmBackend(model, { executionProviders: providers, reason: `fallback: ${why}` });
  }
  return OrtBackend.create(model, {
    intraOpNumThreads: options.threads,
    executionProviders: providers,
    reason: runtime.backend === 'native' ? 'chosen by the backend setting' : 'default',
  });
}
