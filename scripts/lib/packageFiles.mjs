// Which runtime files a platform's .vsix carries (pure: it reads a listing it is given, so every
// target's list is built and tested on any machine). One copy of each library under the name the
// binding loads, no accelerator runtime the package does not use, and onnxruntime-web's WebAssembly
// build for the fallback backend. A file that onnxruntime-node adds in a new release and that neither
// table names stops packaging until someone decides.

export const TARGETS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];

export const NATIVE_ROOT = 'node_modules/onnxruntime-node/bin/napi-v6';
export const WASM_ROOT = 'node_modules/onnxruntime-web';

/**
 * What each platform's binding loads. Linux: the binding's DT_NEEDED is libonnxruntime.so.1 (RUNPATH
 * $ORIGIN). macOS: it links @rpath/libonnxruntime.1.dylib, the dylib's own install name. Windows: the
 * binding delay-loads onnxruntime.dll.
 */
export const LOADED = {
  linux: ['onnxruntime_binding.node', 'libonnxruntime.so.1'],
  darwin: ['onnxruntime_binding.node', 'libonnxruntime.1.dylib'],
  win32: ['onnxruntime_binding.node', 'onnxruntime.dll'],
};

/**
 * Accelerator runtimes a package carries because its onnxruntime build has their provider: DirectML on
 * Windows (about 9 MB compressed; the packages stay under 25 MB with it). CoreML (macOS) and WebGPU are
 * inside the onnxruntime library itself; CUDA's libraries are the user's to install.
 */
export const PROVIDER_LIBS = {
  win32: {
    'DirectML.dll': 'the dml provider: onnxruntime.dll loads it when "dml" is asked for, never on the CPU path',
  },
};

/** Files the npm package holds that no package ships, and why. */
export const LEFT_OUT = {
  'libonnxruntime.1.30.0.dylib':
    'a copy of libonnxruntime.1.dylib (a symlink in the release; npm stores it as a second file)',
  'dxcompiler.dll': 'the DirectX shader compiler for the WebGPU provider (Dawn falls back to the system FXC)',
  'dxil.dll': "dxcompiler's shader signer",
  'libonnxruntime_providers_shared.so': 'CUDA/TensorRT provider bridge, downloaded by install scripts, not shipped',
  'libonnxruntime_providers_cuda.so': 'the CUDA provider (about 300 MB), installed by the user with CUDA',
  'libonnxruntime_providers_tensorrt.so': 'the TensorRT provider, installed by the user with TensorRT',
};

/** onnxruntime-web's Node entry (CommonJS), the emscripten loader it imports, and the one wasm it needs. */
export const WASM_FILES = [
  'package.json',
  'dist/ort.node.min.js',
  'dist/ort-wasm-simd-threaded.mjs',
  'dist/ort-wasm-simd-threaded.wasm',
];

/** A version of the versioned dylib name, so the table above holds for the next release too. */
const versionedDylib = /^libonnxruntime\.\d+\.\d+\.\d+\.dylib$/;

/**
 * The runtime files of one target's package.
 * @param {string} target e.g. 'darwin-arm64'
 * @param {Record<string, number>} native paths under NATIVE_ROOT ('darwin/arm64/x.dylib') -> bytes
 * @param {Record<string, number>} wasm paths under WASM_ROOT -> bytes
 * @returns {{ native: { path: string, bytes: number }[], wasm: { path: string, bytes: number }[], leftOut: { path: string, bytes: number, why: string }[] }}
 */
export function runtimeFiles(target, native, wasm) {
  if (!TARGETS.includes(target)) throw new Error(`unknown target '${target}' (one of ${TARGETS.join(', ')})`);
  const [platform, arch] = target.split('-');
  const prefix = `${platform}/${arch}/`;
  const here = Object.keys(native)
    .filter((p) => p.startsWith(prefix))
    .map((p) => p.slice(prefix.length))
    .sort();
  const loaded = LOADED[platform];
  const providers = PROVIDER_LIBS[platform] ?? {};
  const out = { native: [], wasm: [], leftOut: [] };
  for (const name of here) {
    const path = `${NATIVE_ROOT}/${prefix}${name}`;
    if (loaded.includes(name) || providers[name]) out.native.push({ path, bytes: native[prefix + name] });
    else if (LEFT_OUT[name] || versionedDylib.test(name))
      out.leftOut.push({
        path,
        bytes: native[prefix + name],
        why: LEFT_OUT[name] ?? LEFT_OUT['libonnxruntime.1.30.0.dylib'],
      });
    else
      throw new Error(
        `onnxruntime-node ships ${prefix}${name}, which packageFiles.mjs does not know: ship it or leave it out`,
      );
  }
  // A platform either has its whole native set or none (Intel Macs today: WebAssembly only).
  const missing = loaded.filter((n) => !here.includes(n));
  if (out.native.length && missing.length) {
    throw new Error(`onnxruntime-node's ${target} folder lacks ${missing.join(', ')}`);
  }
  for (const f of WASM_FILES) {
    if (wasm[f] === undefined) throw new Error(`onnxruntime-web lacks ${f}`);
    out.wasm.push({ path: `${WASM_ROOT}/${f}`, bytes: wasm[f] });
  }
  return out;
}

/** The lines a vsce ignore file adds for one target (negations: in vsce's ignore files the last match wins). */
export function ignoreLines(files) {
  return [...files.native, ...files.wasm].map((f) => `!${f.path}`);
}
