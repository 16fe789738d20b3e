// Integration layer: mocha suites inside the real VS Code extension host, through
// @vscode/test-electron's runTests. Offline (our machines, CI) the "VS Code executable" is a shim
// that runs them in code-server; MODEL_LENS_TEST_VSCODE=desktop uses downloaded desktop VS Code.
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/deps.mjs';
import { prepareTestWorkspace } from '../../scripts/lib/workspace.mjs';

const desktop = process.env.MODEL_LENS_TEST_VSCODE === 'desktop';
import { thirdPartyModel } from '../support/thirdPartyModels.ts';

const workspace = prepareTestWorkspace({ 'silero_vad.onnx': await thirdPartyModel('silero_vad_v5') });

let code = 0;
try {
  await runTests({
    ...(desktop ? {} : { vscodeExecutablePath: path.join(ROOT, 'test/harness/code-server-shim.cjs') }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out/test/integration/index'),
    launchArgs: desktop ? [workspace, '--disable-extensions', '--disable-workspace-trust'] : [workspace],
  });
} catch (e) {
  console.error(`integration: ${e instanceof Error ? e.message : e}`);
  code = 1;
}
process.exit(code);
