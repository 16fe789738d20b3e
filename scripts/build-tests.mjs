// Compiles the suites that run inside the VS Code extension host (they must be plain JavaScript there).
import * as esbuild from 'esbuild';

const suites = ['index.ts'];
await esbuild.build({
  entryPoints: suites.map((f) => `test/integration/${f}`),
  outdir: 'out/test/integration',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['vscode', 'mocha', 'onnxruntime-node'],
  logLevel: 'warning',
});
