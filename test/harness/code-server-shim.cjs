#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns: takes the
// same Electron-style arguments and runs the suites in code-server's extension host instead.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

let ext;
let tests;
let folder;
for (const a of process.argv.slice(2)) {
  if (a.startsWith('--extensionDevelopmentPath=')) ext ??= a.slice(a.indexOf('=') + 1);
  else if (a.startsWith('--extensionTestsPath=')) tests = a.slice(a.indexOf('=') + 1);
  else if (!a.startsWith('-') && !folder) folder = a;
}
const lib = pathToFileURL(path.join(__dirname, '../../scripts/lib/runExtTests.mjs')).href;
import(lib)
  .then(({ runExtensionTests }) =>
    runExtensionTests({ extensionDevelopmentPath: ext, extensionTestsPath: tests, folder: folder || ext }),
  )
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(e);
    process.exit(2);
  });
