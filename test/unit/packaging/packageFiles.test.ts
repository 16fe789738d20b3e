import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  ignoreLines,
  NATIVE_ROOT,
  runtimeFiles,
  TARGETS,
  WASM_FILES,
  WASM_ROOT,
} from '../../../scripts/lib/packageFiles.mjs';

const ROOT = path.resolve(__dirname, '../../..');

/** The installed packages as the packaging script lists them (the npm package holds every platform). */
function listNative(): Record<string, number> {
  const out: Record<string, number> = {};
  const root = path.join(ROOT, NATIVE_ROOT);
  for (const platform of readdirSync(root))
    for (const arch of readdirSync(path.join(root, platform)))
      for (const name of readdirSync(path.join(root, platform, arch)))
        out[`${platform}/${arch}/${name}`] = statSync(path.join(root, platform, arch, name)).size;
  return out;
}
const wasmListing = () => Object.fromEntries(WASM_FILES.map((f) => [f, statSync(path.join(ROOT, WASM_ROOT, f)).size]));

/**
 * Every package's native files and their sizes for onnxruntime-node 1.30.0: a release that adds, renames or
 * grows a file fails here, and whoever updates it re-runs `npm run package` for each target (25 MB limit).
 */
const EXPECTED: Record<string, Record<string, number>> = {
  'linux-x64': { 'libonnxruntime.so.1': 45828512, 'onnxruntime_binding.node': 389488 },
  'linux-arm64': { 'libonnxruntime.so.1': 25135496, 'onnxruntime_binding.node': 394648 },
  'darwin-arm64': { 'libonnxruntime.1.dylib': 44589928, 'onnxruntime_binding.node': 266840 },
  'darwin-x64': {},
  'win32-x64': { 'DirectML.dll': 18527584, 'onnxruntime.dll': 28754232, 'onnxruntime_binding.node': 298848 },
  'win32-arm64': { 'DirectML.dll': 18444600, 'onnxruntime.dll': 29815136, 'onnxruntime_binding.node': 422200 },
};
const LEFT_OUT: Record<string, string[]> = {
  'linux-x64': [],
  'linux-arm64': [],
  'darwin-arm64': ['libonnxruntime.1.30.0.dylib'],
  'darwin-x64': [],
  'win32-x64': ['dxcompiler.dll', 'dxil.dll'],
  'win32-arm64': ['dxcompiler.dll', 'dxil.dll'],
};

describe('package file lists (scripts/lib/packageFiles.mjs)', () => {
  const native = listNative();
  const wasm = wasmListing();

  it('covers the six targets `npm run package` supports', () => {
    assert.deepEqual([...TARGETS].sort(), Object.keys(EXPECTED).sort());
  });

  for (const target of Object.keys(EXPECTED)) {
    it(`${target}: exactly the native files its binding loads, with their sizes, and the wasm fallback`, () => {
      const files = runtimeFiles(target, native, wasm);
      const got = Object.fromEntries(files.native.map((f) => [path.basename(f.path), f.bytes]));
      assert.deepEqual(got, EXPECTED[target]);
      assert.deepEqual(files.leftOut.map((f) => path.basename(f.path)).sort(), LEFT_OUT[target]);
      assert.deepEqual(
        files.wasm.map((f) => f.path.slice(WASM_ROOT.length + 1)),
        WASM_FILES,
        'onnxruntime-web in every package',
      );
      // Every listed file is a real one under the target's folder, and the ignore file names each once.
      for (const f of files.native) assert.equal(statSync(path.join(ROOT, f.path)).size, f.bytes);
      const lines = ignoreLines(files);
      assert.equal(new Set(lines).size, files.native.length + files.wasm.length);
      assert.ok(lines.every((l) => l.startsWith('!node_modules/onnxruntime-')));
      const raw = [...files.native, ...files.wasm].reduce((a, f) => a + f.bytes, 0);
      console.log(`      ${target}: ${(raw / 2 ** 20).toFixed(1)} MB of runtime files before compression`);
    });
  }

  it('each shipped library is one the binding links by that very name (DT_NEEDED, @rpath, import table)', () => {
    for (const target of TARGETS) {
      const files = runtimeFiles(target, native, wasm);
      const binding = files.native.find((f) => f.path.endsWith('onnxruntime_binding.node'));
      if (!binding) continue;
      const bytes = readFileSync(path.join(ROOT, binding.path));
      for (const f of files.native) {
        const name = path.basename(f.path);
        if (name === 'onnxruntime_binding.node' || name === 'DirectML.dll') continue;
        const linked = target.startsWith('darwin') ? `@rpath/${name}` : name;
        assert.ok(bytes.includes(Buffer.from(linked + '\0')), `${target}: the binding links ${linked}`);
      }
    }
    // The macOS dylib's own install name is the one kept, not the versioned copy.
    const dylib = readFileSync(path.join(ROOT, NATIVE_ROOT, 'darwin/arm64/libonnxruntime.1.dylib'));
    assert.ok(dylib.includes(Buffer.from('@rpath/libonnxruntime.1.dylib\0')));
    // DirectML is loaded by onnxruntime.dll at run time (by name), not linked by the binding.
    const dll = readFileSync(path.join(ROOT, NATIVE_ROOT, 'win32/x64/onnxruntime.dll'));
    assert.ok(dll.includes(Buffer.from('DirectML.dll', 'utf16le')));
  });

  it('stops on a file a new release adds that no table names, and on a half-present platform', () => {
    assert.throws(
      () => runtimeFiles('linux-x64', { ...native, 'linux/x64/libonnxruntime_providers_openvino.so': 1 }, wasm),
      /ships linux\/x64\/libonnxruntime_providers_openvino\.so, which packageFiles\.mjs does not know/,
    );
    const half = { ...native };
    delete half['linux/arm64/libonnxruntime.so.1'];
    assert.throws(() => runtimeFiles('linux-arm64', half, wasm), /lacks libonnxruntime\.so\.1/);
    assert.throws(() => runtimeFiles('linux-x64', native, {}), /onnxruntime-web lacks package\.json/);
    assert.throws(() => runtimeFiles('freebsd-x64', native, wasm), /unknown target/);
  });

  it('onnxruntime-web is the same release as onnxruntime-node', () => {
    const version = (p: string) =>
      (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')) as { version: string })
        .version;
    assert.equal(version('onnxruntime-web'), version('onnxruntime-node'));
    assert.equal(version('onnxruntime-common'), version('onnxruntime-node'));
  });
});
