// One build script, several bundles: extension host, engine worker, CLI (Node, CommonJS) and one
// browser bundle per webview. onnxruntime-node and onnxruntime-web stay external: they ship their own native
// binaries and WebAssembly files, loaded from their package folders.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const common = {
  bundle: true,
  define: { __VERSION__: JSON.stringify(version) },
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'onnxruntime-node', 'onnxruntime-web'],
};

// Pages with their own bundle; other folders (graph, attributions) are parts of these pages.
const views = ['explain', 'report', 'compare'].filter((v) => existsSync(`webview/${v}/main.ts`));

const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { worker: 'src/engine/worker/worker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { workerEval: 'src/engine/worker/workerEval.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: Object.fromEntries(views.map((v) => [v, `webview/${v}/main.ts`])),
    outdir: 'dist/webview',
  },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`build: ${builds.length} bundles (${views.length} webviews) in ${Date.now() - t0} ms`);
}
