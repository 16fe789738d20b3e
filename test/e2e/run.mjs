// e2e layer: the packaged .vsix installed into real VS Code (code-server), driven through a real
// browser (Debian chromium + playwright-core) like a user would. Screenshots go to test-results/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, run } from '../../scripts/lib/deps.mjs';
import { startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { prepareTestWorkspace } from '../../scripts/lib/workspace.mjs';
import { thirdPartyModel } from '../support/thirdPartyModels.ts';

const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const vsix = path.join(ROOT, `model-lens-${process.platform}-${process.arch}-${version}.vsix`);
if (run('node', ['scripts/package.mjs']) !== 0 || !existsSync(vsix)) {
  console.log('e2e: 0 passed, 1 failed (packaging the .vsix failed)');
  process.exit(1);
}
const workspace = prepareTestWorkspace({ 'silero_vad.onnx': await thirdPartyModel('silero_vad_v5') });
mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });

// The suites check the sidecar a run writes: the question before the first one (a notification) is answered here.
const cs = await startCodeServer({ vsix, settings: { 'modelLens.saveSidecar': 'always' } });
let code = 1;
try {
  code = run(
    path.join(ROOT, 'node_modules/.bin/mocha'),
    [
      '--node-option',
      'import=tsx',
      '--timeout',
      '120000',
      '--reporter',
      'test/support/summaryReporter.cjs',
      'test/e2e/**/*.e2e.ts',
      // e.g. `node --import tsx test/e2e/run.mjs --grep graph` while working on one view
      ...process.argv.slice(2),
    ],
    {
      env: {
        ...process.env,
        MODEL_LENS_LAYER: 'e2e',
        MODEL_LENS_E2E_PORT: String(cs.port),
        MODEL_LENS_E2E_WORKSPACE: workspace,
      },
    },
  );
} finally {
  cs.stop();
}
process.exit(code);
