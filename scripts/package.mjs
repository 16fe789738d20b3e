// `npm run package [-- --target linux-x64]`: a per-platform .vsix carrying only that platform's
// onnxruntime binary (the npm package holds all platforms: ~290 MB). Fails above 25 MB.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureNodeModules, ROOT, run } from './lib/deps.mjs';

const TARGETS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];
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
const [platform, arch] = target.split('-');

ensureNodeModules();
if (run('node', ['esbuild.mjs', '--production']) !== 0) process.exit(1);

// The ignore file for this target: the common one plus this platform's native folder (in vsce's
// ignore files a negation always wins, so only the target's binaries are named).
const binRoot = 'node_modules/onnxruntime-node/bin';
const included = [];
for (const napi of readdirSync(path.join(ROOT, binRoot))) {
  if (statSync(path.join(ROOT, binRoot, napi, platform, arch), { throwIfNoEntry: false })?.isDirectory()) {
    included.push(`!${binRoot}/${napi}/${platform}/${arch}/**`);
  }
}
if (!included.length) {
  console.error(`package: onnxruntime-node has no binaries for ${target}`);
  process.exit(1);
}
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
console.log(`package: ${path.basename(out)} ${(size / 1024 / 1024).toFixed(1)} MB (limit 25 MB)`);
if (size > MAX_BYTES) {
  console.error('package: the .vsix is over 25 MB');
  process.exit(1);
}
