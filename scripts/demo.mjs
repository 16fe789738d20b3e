// `npm run demo`: builds and packages the extension, installs it into code-server (real VS Code in
// the browser, for people without VS Code), opens the sample workspace and prints the local URL.
// Ctrl+C stops everything it started.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureNodeModules, ensureVsCodeTools, ROOT, run } from './lib/deps.mjs';
import { startCodeServer } from './lib/codeServer.mjs';

const port = Number(process.env.PORT || 8080);
ensureNodeModules();
ensureVsCodeTools();
if (run('node', ['scripts/package.mjs']) !== 0) process.exit(1);
const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const vsix = path.join(ROOT, `model-lens-${process.platform}-${process.arch}-${version}.vsix`);

// A working copy, so what the demo writes (sidecars, results) never dirties the repository.
const workspace = path.join(ROOT, '.vscode-test', 'demo-workspace');
if (!existsSync(workspace)) cpSync(path.join(ROOT, 'demo', 'workspace'), workspace, { recursive: true });

const cs = await startCodeServer({ vsix, port });
const stop = (code) => {
  cs.stop();
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('uncaughtException', (e) => {
  console.error(e);
  stop(1);
});
console.log(`\nModel Lens demo: open ${cs.url(workspace)}\n(Ctrl+C stops it)`);
setInterval(() => undefined, 1 << 30);
