/**
 * The fallback backend: onnxruntime-web's WebAssembly build, for platforms where onnxruntime-node has no
 * binary (Intel Macs) or its library fails to load. Same sessions and tensors as the native backend, one
 * thread per session (the engine's evaluation workers supply the parallelism), wasm read from disk.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ortWeb from 'onnxruntime-web';
import type { RuntimeInfo } from './backend';
import { OrtBackend } from './ortBackend';

let loaded: Promise<typeof ortWeb> | undefined;

/** The folder holding ort-wasm-simd-threaded.{mjs,wasm}: the package's dist, shipped in every .vsix. */
export function wasmFolder(): string {
  return path.dirname(require.resolve('onnxruntime-web'));
}

export function loadWasm(): Promise<typeof ortWeb> {
  // require, not import(): Node's ESM resolution would pick the package's .mjs entry, which is not shipped.
  loaded ??= Promise.resolve().then(() => {
    const ort = require('onnxruntime-web') as typeof ortWeb;
    // A file URL of the packaged folder: onnxruntime-web imports its .mjs from there and reads the .wasm
    // beside it with fs, so nothing is fetched.
    ort.env.wasm.wasmPaths = pathToFileURL(wasmFolder() + path.sep).href;
    // Its threads need a SharedArrayBuffer pool of their own; one per session keeps a worker on one core.
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    return ort;
  });
  return loaded;
}

export interface WasmOptions {
  /** Asked-for providers: any but 'cpu' is noted as not available here. */
  executionProviders?: readonly string[];
  reason: string;
  /** Notes carried over from the native attempt. */
  notes?: string[];
}

export async function createWasmBackend(model: string | Uint8Array, options: WasmOptions): Promise<OrtBackend> {
  const ort = await loadWasm();
  const notes = [...(options.notes ?? [])];
  for (const ep of options.executionProviders ?? []) {
    if (ep !== 'cpu' && ep !== 'wasm') notes.push(`${ep}: the WebAssembly backend runs on the CPU only`);
  }
  const runtime: RuntimeInfo = { backend: 'wasm', provider: 'wasm', reason: options.reason, notes };
  return OrtBackend.open(ort, model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' }, runtime);
}
