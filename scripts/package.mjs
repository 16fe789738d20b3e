// `npm run package [-- --target linux-x64]`: a per-platform .vsix carrying only the onnxruntime files
// that platform loads (the npm package holds all platforms: ~290 MB) and the WebAssembly fallback.
// Fails above 25 MB. Which files: lib/packageFiles.mjs (pure, unit-tested).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureNodeModules, ROOT, run } from './lib/deps.mjs';
import { ignoreLines, NATIVE_ROOT, runtimeFiles, TARGETS, WASM_FILES, WASM_ROOT } from './lib/packageFiles.mjs';

const MAX_BYTES = 25 * 1024 * 1024;
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const target = arg('target') ?? `${process.platform}-${process.arch}`;
if (!TARGETS.includes(target)) {
  console.error(`package: unknown target '${target}' (one of ${TARGETS.join(', ')})`);
  process.exit(2);
}

ensureNodeModules();
if (run('node', ['esbuild.mjs', '--production']) !== 0) process.exit(1);

// The ignore file for this target: the common one plus exactly the runtime files it loads.
const files = runtimeFiles(target, listNative(), listWasm());
for (const f of [...files.native, ...files.wasm]) console.log(`package: ${f.path} ${mb(f.bytes)}`);
for (const f of files.leftOut) console.log(`package: left out ${path.basename(f.path)} ${mb(f.bytes)}: ${f.why}`);
if (!files.native.length) console.log(`package: onnxruntime-node has no binary for ${target}: WebAssembly only`);
const included = ignoreLines(files);
mkdirSync(path.join(ROOT, 'out'), { recursive: true });
const ignoreFile = path.join(ROOT, 'out', `vscodeignore-${target}`);
writeFileSync(ignoreFile, readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8') + '\n' + included.join('\n') + '\n');

const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const out = path.join(ROOT, `model-lens-${target}-${version}.vsix`);
const code = run(path.join(ROOT, 'node_modules/.bin/vsce'), [
  'package',
  '--target',
  target,
  '--ignoreFile',
  ignoreFile,
  '--allow-missing-repository',
  // The README's screenshot ships inside the package (media/); links stay relative to it.
  '--no-rewrite-relative-links',
  '--out',
  out,
]);
if (code !== 0) process.exit(code);
const size = statSync(out).size;
console.log(`package: ${path.basename(out)} ${mb(size)} (limit 25 MB)`);
if (size > MAX_BYTES) {
  console.error('package: the .vsix is over 25 MB');
  process.exit(1);
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Every file under onnxruntime-node's bin folder: 'platform/arch/name' -> bytes. */
function listNative() {
  const root = path.join(ROOT, NATIVE_ROOT);
  const out = {};
  for (const platform of readdirSync(root)) {
    for (const arch of readdirSync(path.join(root, platform))) {
      for (const name of readdirSync(path.join(root, platform, arch))) {
        out[`${platform}/${arch}/${name}`] = statSync(path.join(root, platform, arch, name)).size;
      }
    }
  }
  return out;
}

function listWasm() {
  const out = {};
  for (const f of WASM_FILES) {
    const p = path.join(ROOT, WASM_ROOT, f);
    if (existsSync(p)) out[f] = statSync(p).size;
  }
  return out;
}
