// `npm test`: installs what it needs, builds, type-checks, lints, then runs the three layers
// (unit, integration in real VS Code, e2e in a real browser driving real VS Code). Each layer ends
// with its own `layer: N passed, N failed` line; the exit code is non-zero if anything failed.

import path from 'node:path';
import { ensureNodeModules, ensureVsCodeTools, ROOT, run } from './lib/deps.mjs';

const requested = process.argv.slice(2);
const layers = requested.length ? requested : ['unit', 'integration', 'e2e'];
const needsVsCode = layers.some((l) => l !== 'unit');
const t0 = Date.now();
const lap = (m) => console.log(`[test ${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`);

ensureNodeModules();
if (needsVsCode) ensureVsCodeTools();

const npx = (args, env = {}) =>
  run(path.join(ROOT, 'node_modules', '.bin', args[0]), args.slice(1), { env: { ...process.env, ...env } });

const checks = [];
lap('build');
checks.push(['build', run('node', ['esbuild.mjs'])]);
checks.push(['test build', run('node', ['scripts/build-tests.mjs'])]);
lap('type-check and lint');
checks.push(['typecheck', npx(['tsc', '--noEmit', '-p', '.'])]);
checks.push(['lint', npx(['eslint', '.'])]);
checks.push(['format', npx(['prettier', '--check', '.', '--log-level', 'warn'])]);

const results = [];
for (const layer of layers) {
  lap(`${layer} layer`);
  let code;
  if (layer === 'unit') {
    code = npx(
      [
        'mocha',
        '--node-option',
        'import=tsx',
        '--reporter',
        'test/support/summaryReporter.cjs',
        'test/unit/**/*.test.ts',
      ],
      {
        MODEL_LENS_LAYER: 'unit',
      },
    );
  } else if (layer === 'integration') {
    code = run('node', ['--import', 'tsx', 'test/integration/run.mjs'], {
      env: { ...process.env, MODEL_LENS_LAYER: 'integration' },
    });
  } else if (layer === 'e2e') {
    code = run('node', ['--import', 'tsx', 'test/e2e/run.mjs'], { env: { ...process.env, MODEL_LENS_LAYER: 'e2e' } });
  } else {
    console.error(`unknown layer '${layer}' (unit, integration, e2e)`);
    code = 2;
  }
  results.push([layer, code]);
}

const failed = [...checks, ...results].filter(([, c]) => c !== 0);
lap(`done: ${[...checks, ...results].map(([n, c]) => `${n} ${c === 0 ? 'ok' : `FAILED (${c})`}`).join(', ')}`);
process.exit(failed.length ? 1 : 0);
